package conditions_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/kanto-api/kanto/services/kantomap"
	"github.com/kanto-api/kanto/services/routeplanner/internal/conditions"
)

var t0 = time.Date(1996, 2, 27, 9, 0, 0, 0, time.UTC)

func TestManual(t *testing.T) {
	t.Parallel()
	m := conditions.NewManual(t0)
	snap, changed := m.Current()
	if snap.Version == 0 || len(snap.Conditions) != 0 || !snap.ObserveTime.Equal(t0) {
		t.Errorf("initial snapshot %+v", snap)
	}
	select {
	case <-changed:
		t.Fatal("changed closed before any change")
	default:
	}
	set := m.Set(t0.Add(time.Hour),
		conditions.Condition{PlaceID: "route-9", CongestionFactor: 2, Reason: "crowds"},
		conditions.Condition{PlaceID: "route-12", Closed: true, CongestionFactor: 5, Reason: "Snorlax"},
		conditions.Condition{PlaceID: "route-1", CongestionFactor: 0.5},
		conditions.Condition{PlaceID: "route-9", CongestionFactor: 3, Reason: "more crowds"},
	)
	<-changed // closed by Set: no waiting involved
	got, next := m.Current()
	if diff := cmp.Diff(set, got); diff != "" {
		t.Errorf("Current() differs from what Set returned (-set +current):\n%s", diff)
	}
	want := conditions.Snapshot{
		Version:     snap.Version + 1,
		ObserveTime: t0.Add(time.Hour),
		Conditions: []conditions.Condition{
			{PlaceID: "route-1", CongestionFactor: 1},
			{PlaceID: "route-12", Closed: true, CongestionFactor: 1, Reason: "Snorlax"},
			{PlaceID: "route-9", CongestionFactor: 3, Reason: "more crowds"},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("snapshot (-want +got):\n%s", diff)
	}
	if next == changed {
		t.Error("Current returned the closed channel again")
	}
}

func TestSimulatorDeterministic(t *testing.T) {
	t.Parallel()
	clock := func() time.Time { return t0 }
	newSim := func(seed uint64) *conditions.Simulator {
		s, err := conditions.NewSimulator(conditions.SimulatorConfig{Seed: seed, Now: clock})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	a, b, c := newSim(1), newSim(1), newSim(2)
	var seqA, seqC [][]conditions.Condition
	routes := map[string]bool{}
	for _, p := range kantomap.Places() {
		if p.Kind == kantomap.KindRoute || p.Kind == kantomap.KindSeaRoute {
			routes[p.ID] = true
		}
	}
	sawSnorlax, sawClosure, sawCongestion := false, false, false
	for i := range 200 {
		sa, sb := a.Step(), b.Step()
		if diff := cmp.Diff(sa, sb); diff != "" {
			t.Fatalf("step %d: same seed, different snapshots:\n%s", i, diff)
		}
		seqA = append(seqA, sa.Conditions)
		seqC = append(seqC, c.Step().Conditions)
		if len(sa.Conditions) > 3 {
			t.Errorf("step %d: %d conditions, more than the default 3", i, len(sa.Conditions))
		}
		for _, cond := range sa.Conditions {
			if !routes[cond.PlaceID] {
				t.Errorf("step %d: condition on %q, not a route", i, cond.PlaceID)
			}
			if cond.CongestionFactor < 1 || cond.Reason == "" {
				t.Errorf("step %d: %+v", i, cond)
			}
			sawClosure = sawClosure || cond.Closed
			sawCongestion = sawCongestion || cond.CongestionFactor > 1
			sawSnorlax = sawSnorlax || cond.Reason == "Snorlax is blocking the road"
		}
		if !slices.IsSortedFunc(sa.Conditions, func(x, y conditions.Condition) int {
			return cmpString(x.PlaceID, y.PlaceID)
		}) {
			t.Errorf("step %d: conditions not sorted", i)
		}
	}
	if cmp.Equal(seqA, seqC) {
		t.Error("seeds 1 and 2 gave the same sequence")
	}
	if !sawClosure || !sawCongestion || !sawSnorlax {
		t.Errorf("200 steps: closure %v, congestion %v, Snorlax %v; want all", sawClosure, sawCongestion, sawSnorlax)
	}
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestSimulatorPlaces(t *testing.T) {
	t.Parallel()
	s, err := conditions.NewSimulator(conditions.SimulatorConfig{Places: []string{"node-1", "node-2"}, MaxActive: 1})
	if err != nil {
		t.Fatal(err)
	}
	for range 50 {
		for _, c := range s.Step().Conditions {
			if c.PlaceID != "node-1" && c.PlaceID != "node-2" {
				t.Fatalf("condition on %q", c.PlaceID)
			}
		}
		if snap, _ := s.Current(); len(snap.Conditions) > 1 {
			t.Fatalf("%d conditions with MaxActive 1", len(snap.Conditions))
		}
	}
}

func TestSimulatorConfig(t *testing.T) {
	t.Parallel()
	for _, cfg := range []conditions.SimulatorConfig{{Interval: -time.Second}, {MaxActive: -1}} {
		if _, err := conditions.NewSimulator(cfg); err == nil {
			t.Errorf("NewSimulator(%+v) succeeded", cfg)
		}
	}
}

// TestSimulatorRun runs the ticker at a tiny interval and waits on the
// change channel, not on a clock.
func TestSimulatorRun(t *testing.T) {
	t.Parallel()
	s, err := conditions.NewSimulator(conditions.SimulatorConfig{Interval: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	before, changed := s.Current()
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error)
	go func() { done <- s.Run(ctx) }()
	<-changed
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run() = %v, want nil", err)
	}
	if after, _ := s.Current(); after.Version <= before.Version {
		t.Errorf("version %d after a tick, was %d", after.Version, before.Version)
	}
}
