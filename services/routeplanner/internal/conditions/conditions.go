// Package conditions tells the route planner what is happening on the map:
// closures ("Snorlax is blocking the road") and congestion. A Source
// publishes Snapshots; the planner applies the current one to each query
// without changing the map.
//
// Sources are pluggable: Manual is set by hand (tests, static setups), and
// Simulator plays a seeded, repeatable sequence of events on a ticker. A
// real feed would implement Source the same way.
package conditions

import (
	"slices"
	"strings"
	"sync"
	"time"
)

// A Condition is the state of one place.
type Condition struct {
	// PlaceID is the place affected, usually a route.
	PlaceID string
	// Closed is true if the place cannot be passed at all.
	Closed bool
	// CongestionFactor is how much slower than usual travel is; at least
	// 1, and 1 for a closure.
	CongestionFactor float64
	// Reason explains the condition to people.
	Reason string
}

// A Snapshot is every condition in force at one moment.
type Snapshot struct {
	// Version increases with every change of a Source, so consumers can
	// cache what they derive from a snapshot by its version.
	Version uint64
	// ObserveTime is when the conditions were observed.
	ObserveTime time.Time
	// Conditions are in force, at most one per place, sorted by place id.
	// The slice is shared by every consumer and must not be modified.
	Conditions []Condition
}

// A Source publishes the conditions in force.
type Source interface {
	// Current returns the snapshot in force and a channel that is closed
	// when a newer snapshot replaces it. Waiting on the channel rather than
	// receiving every snapshot means a slow consumer only ever skips to
	// the latest state and never holds a Source up. Current must be safe
	// for concurrent use.
	Current() (Snapshot, <-chan struct{})
}

// broadcaster is the Source machinery Manual and Simulator share.
type broadcaster struct {
	// mu guards snap and changed, which are replaced together.
	mu      sync.Mutex
	snap    Snapshot
	changed chan struct{}
}

func newBroadcaster(observeTime time.Time) *broadcaster {
	return &broadcaster{
		snap:    Snapshot{Version: 1, ObserveTime: observeTime},
		changed: make(chan struct{}),
	}
}

func (b *broadcaster) current() (Snapshot, <-chan struct{}) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.snap, b.changed
}

// publish replaces the snapshot with conds (one per place; later entries
// win) and wakes every waiter. It returns the new snapshot.
func (b *broadcaster) publish(observeTime time.Time, conds []Condition) Snapshot {
	byPlace := make(map[string]Condition, len(conds))
	for _, c := range conds {
		if c.Closed || !(c.CongestionFactor >= 1) {
			c.CongestionFactor = 1
		}
		byPlace[c.PlaceID] = c
	}
	sorted := make([]Condition, 0, len(byPlace))
	for _, c := range byPlace {
		sorted = append(sorted, c)
	}
	slices.SortFunc(sorted, func(a, b Condition) int { return strings.Compare(a.PlaceID, b.PlaceID) })

	b.mu.Lock()
	defer b.mu.Unlock()
	b.snap = Snapshot{Version: b.snap.Version + 1, ObserveTime: observeTime, Conditions: sorted}
	close(b.changed)
	b.changed = make(chan struct{})
	return b.snap
}

// Manual is a Source whose conditions are set by calling Set. It is safe
// for concurrent use.
type Manual struct {
	b *broadcaster
}

// NewManual returns a Manual source with no conditions, observed at
// observeTime.
func NewManual(observeTime time.Time) *Manual {
	return &Manual{b: newBroadcaster(observeTime)}
}

// Current implements Source.
func (m *Manual) Current() (Snapshot, <-chan struct{}) { return m.b.current() }

// Set replaces every condition with conds, observed at observeTime, and
// returns the new snapshot. A congestion factor below 1 is raised to 1;
// if conds name a place twice, the last wins.
func (m *Manual) Set(observeTime time.Time, conds ...Condition) Snapshot {
	return m.b.publish(observeTime, conds)
}
