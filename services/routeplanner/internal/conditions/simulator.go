package conditions

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"sync"
	"time"

	"github.com/kanto-api/kanto/services/kantomap"
)

// SimulatorConfig configures a Simulator. The zero value is usable.
type SimulatorConfig struct {
	// Seed selects the sequence of events: the same seed and places always
	// give the same sequence. Default 0.
	Seed uint64
	// Interval is the time between events when running. Default
	// DefaultInterval.
	Interval time.Duration
	// Places are the ids of the places events may touch. Default: every
	// route and sea route of the Kanto map.
	Places []string
	// MaxActive is the most conditions in force at once. Default 3.
	MaxActive int
	// Now tells the time for observe times. Default time.Now.
	Now func() time.Time
}

// DefaultInterval is the simulator's time between events unless
// configured: often enough to watch routes change in a demo.
const DefaultInterval = 5 * time.Second

// Simulator is a Source that plays a deterministic sequence of events:
// each Step closes a place, congests one, or clears one, chosen by a
// seeded random generator. Run steps it on a ticker; tests call Step
// directly. It is safe for concurrent use.
type Simulator struct {
	b        *broadcaster
	interval time.Duration
	now      func() time.Time
	places   []string
	max      int

	// mu guards rng and active. Step holds it while publishing too, so
	// snapshots come out in the order of the sequence.
	mu     sync.Mutex
	rng    *rand.Rand
	active []Condition
}

// NewSimulator returns a simulator with no conditions in force yet. It
// returns an error if the config is invalid.
func NewSimulator(cfg SimulatorConfig) (*Simulator, error) {
	if cfg.Interval == 0 {
		cfg.Interval = DefaultInterval
	}
	if cfg.Interval < 0 {
		return nil, errors.New("conditions: simulator interval must be positive")
	}
	if cfg.MaxActive == 0 {
		cfg.MaxActive = 3
	}
	if cfg.MaxActive < 0 {
		return nil, errors.New("conditions: simulator MaxActive must be positive")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	places := slices.Clone(cfg.Places)
	if len(places) == 0 {
		for _, p := range kantomap.Places() {
			if p.Kind == kantomap.KindRoute || p.Kind == kantomap.KindSeaRoute {
				places = append(places, p.ID)
			}
		}
	}
	slices.Sort(places)
	places = slices.Compact(places)
	s := &Simulator{
		b:        newBroadcaster(cfg.Now()),
		interval: cfg.Interval,
		now:      cfg.Now,
		places:   places,
		max:      min(cfg.MaxActive, len(places)),
		rng:      rand.New(rand.NewPCG(cfg.Seed, 0x736e6f726c6178)), // "snorlax"
	}
	return s, nil
}

// Current implements Source.
func (s *Simulator) Current() (Snapshot, <-chan struct{}) { return s.b.current() }

// Run steps the simulator every interval until ctx is done, then returns
// nil: stopping is the normal end of a simulation.
func (s *Simulator) Run(ctx context.Context) error {
	ticker := time.NewTicker(s.interval)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-ticker.C:
			s.Step()
		}
	}
}

var (
	closureReasons = []string{
		"Rock slide: boulders need Strength to move",
		"Team Rocket grunts are blocking the way",
		"A tree needs Cut to clear the path",
		"Flooded: only Surf gets through",
	}
	congestionReasons = []string{
		"Trainers lined up for battles",
		"Tall grass thick with wild Pokémon",
		"Thick fog: Flash recommended",
		"Crowds heading to the Pokémon League",
		"Bikers riding in a pack",
	}
)

// snorlaxRoutes are where a Snorlax sleeps in the games, so a closure there
// has the canonical reason.
var snorlaxRoutes = []string{"route-12", "route-16"}

// Step applies the next event of the sequence now and returns the new
// snapshot.
func (s *Simulator) Step() Snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()

	roll := s.rng.IntN(10)
	switch {
	case len(s.active) > 0 && (roll < 3 || len(s.active) >= s.max):
		i := s.rng.IntN(len(s.active))
		s.active = slices.Delete(s.active, i, i+1)
	case len(s.places) > 0:
		place := s.places[s.rng.IntN(len(s.places))]
		c := Condition{PlaceID: place, CongestionFactor: 1}
		if roll < 6 {
			c.Closed = true
			c.Reason = closureReasons[s.rng.IntN(len(closureReasons))]
			if slices.Contains(snorlaxRoutes, place) {
				c.Reason = "Snorlax is blocking the road"
			}
		} else {
			c.CongestionFactor = 1.5 + 0.5*float64(s.rng.IntN(4))
			c.Reason = congestionReasons[s.rng.IntN(len(congestionReasons))]
		}
		// A new event on a place already affected replaces the old one.
		s.active = slices.DeleteFunc(s.active, func(a Condition) bool { return a.PlaceID == place })
		s.active = append(s.active, c)
	}
	return s.b.publish(s.now(), s.active)
}
