package planner_test

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/kanto-api/kanto/services/routeplanner/internal/graph"
	"github.com/kanto-api/kanto/services/routeplanner/internal/planner"
)

func kanto(t testing.TB) (*graph.Graph, *planner.Planner) {
	t.Helper()
	g, err := graph.FromKantoMap()
	if err != nil {
		t.Fatal(err)
	}
	p, err := planner.New(g)
	if err != nil {
		t.Fatal(err)
	}
	return g, p
}

func ids(g *graph.Graph, nodes []graph.NodeID) []string {
	out := make([]string, len(nodes))
	for i, v := range nodes {
		out[i] = g.ID(v)
	}
	return out
}

func lookup(t testing.TB, g *graph.Graph, id string) graph.NodeID {
	t.Helper()
	v, ok := g.Lookup(id)
	if !ok {
		t.Fatalf("no node %q", id)
	}
	return v
}

func TestKantoRoutes(t *testing.T) {
	t.Parallel()
	g, p := kanto(t)
	pallet, cerulean := lookup(t, g, "pallet-town"), lookup(t, g, "cerulean-city")

	routes, err := p.Routes(t.Context(), pallet, cerulean, 5, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(routes) != 5 {
		t.Fatalf("got %d routes, want 5", len(routes))
	}
	want := []string{"pallet-town", "route-1", "viridian-city", "route-2", "pewter-city", "route-3", "mt-moon", "route-4", "cerulean-city"}
	if got := ids(g, routes[0].Nodes); !slices.Equal(got, want) {
		t.Errorf("fastest route = %v, want %v", got, want)
	}
	checkRoutes(t, g, nil, routes, pallet, cerulean)
	// A 9-place route of about 160 km takes the better part of two days.
	if r := routes[0]; r.DistanceKM < 100 || r.DistanceKM > 250 || r.Duration < 20*time.Hour || r.Duration > 60*time.Hour {
		t.Errorf("fastest route: %.1f km, %v", r.DistanceKM, r.Duration)
	}

	t.Run("closure", func(t *testing.T) {
		t.Parallel()
		overlay := planner.NewOverlay(g, []planner.Adjustment{{Node: lookup(t, g, "mt-moon"), Closed: true}})
		r, err := p.Route(t.Context(), pallet, cerulean, overlay)
		if err != nil {
			t.Fatal(err)
		}
		if slices.Contains(ids(g, r.Nodes), "mt-moon") {
			t.Errorf("route through closed Mt. Moon: %v", ids(g, r.Nodes))
		}
		if r.Cost <= routes[0].Cost {
			t.Errorf("detour cost %v not above %v", r.Cost, routes[0].Cost)
		}
	})
	t.Run("congestion", func(t *testing.T) {
		t.Parallel()
		overlay := planner.NewOverlay(g, []planner.Adjustment{{Node: lookup(t, g, "route-3"), Congestion: 2}})
		r, err := p.Route(t.Context(), pallet, cerulean, overlay)
		if err != nil {
			t.Fatal(err)
		}
		if r.Duration <= routes[0].Duration {
			t.Errorf("congested route takes %v, not more than %v", r.Duration, routes[0].Duration)
		}
	})
	t.Run("no route", func(t *testing.T) {
		t.Parallel()
		overlay := planner.NewOverlay(g, []planner.Adjustment{{Node: lookup(t, g, "route-24"), Closed: true}})
		if _, err := p.Routes(t.Context(), pallet, lookup(t, g, "route-25"), 3, overlay); !errors.Is(err, planner.ErrNoRoute) {
			t.Errorf("to cut-off route-25: error %v, want ErrNoRoute", err)
		}
		if _, err := p.Routes(t.Context(), pallet, lookup(t, g, "route-24"), 3, overlay); !errors.Is(err, planner.ErrNoRoute) {
			t.Errorf("to closed route-24: error %v, want ErrNoRoute", err)
		}
	})
	t.Run("same place", func(t *testing.T) {
		t.Parallel()
		r, err := p.Route(t.Context(), pallet, pallet, nil)
		if err != nil || len(r.Nodes) != 1 || r.Cost != 0 {
			t.Errorf("Route(pallet, pallet) = %+v, %v", r, err)
		}
	})
	t.Run("bad arguments", func(t *testing.T) {
		t.Parallel()
		for _, k := range []int{0, -1, planner.MaxRoutes + 1} {
			if _, err := p.Routes(t.Context(), pallet, cerulean, k, nil); err == nil {
				t.Errorf("k=%d accepted", k)
			}
		}
		if _, err := p.Routes(t.Context(), pallet, graph.NodeID(g.NumNodes()), 1, nil); err == nil {
			t.Error("out-of-range node accepted")
		}
	})
}

// checkRoutes checks what every answer must satisfy: right ends, real
// edges, no loops, no repeats, costs consistent and sorted.
func checkRoutes(t *testing.T, g *graph.Graph, overlay *planner.Overlay, routes []planner.Route, from, to graph.NodeID) {
	t.Helper()
	for i, r := range routes {
		if r.Nodes[0] != from || r.Nodes[len(r.Nodes)-1] != to {
			t.Errorf("route %d runs %d→%d, want %d→%d", i, r.Nodes[0], r.Nodes[len(r.Nodes)-1], from, to)
		}
		seen := map[graph.NodeID]bool{}
		for _, v := range r.Nodes {
			if seen[v] {
				t.Errorf("route %d visits %d twice: %v", i, v, r.Nodes)
			}
			seen[v] = true
			if overlay.Closed(v) {
				t.Errorf("route %d passes closed node %d", i, v)
			}
		}
		if c := cost(g, overlay, r.Nodes); math.Abs(c-r.Cost) > 1e-9*c {
			t.Errorf("route %d cost %v, recomputed %v", i, r.Cost, c)
		}
		if i > 0 {
			if r.Cost < routes[i-1].Cost {
				t.Errorf("route %d cost %v below route %d's %v", i, r.Cost, i-1, routes[i-1].Cost)
			}
			for j := range i {
				if slices.Equal(routes[j].Nodes, r.Nodes) {
					t.Errorf("routes %d and %d are the same", j, i)
				}
			}
		}
	}
}

// cost sums a path the way the planner does, +Inf if an edge is missing.
func cost(g *graph.Graph, overlay *planner.Overlay, nodes []graph.NodeID) float64 {
	c := 0.0
	for i := 1; i < len(nodes); i++ {
		u, v := nodes[i-1], nodes[i]
		to, costs := g.Adjacent(u)
		j := slices.Index(to, v)
		if j < 0 {
			return math.Inf(1)
		}
		c += costs[j] * math.Max(overlay.Congestion(u), overlay.Congestion(v))
	}
	return c
}

// allPaths enumerates every loopless path by depth-first search, sorted the
// way the planner promises: by cost, then by node ids.
func allPaths(g *graph.Graph, overlay *planner.Overlay, from, to graph.NodeID) []planner.Route {
	var out []planner.Route
	var path []graph.NodeID
	onPath := make([]bool, g.NumNodes())
	var walk func(v graph.NodeID)
	walk = func(v graph.NodeID) {
		if overlay.Closed(v) {
			return
		}
		path = append(path, v)
		onPath[v] = true
		if v == to {
			out = append(out, planner.Route{Nodes: slices.Clone(path), Cost: cost(g, overlay, path)})
		} else {
			next, _ := g.Adjacent(v)
			for _, w := range next {
				if !onPath[w] {
					walk(w)
				}
			}
		}
		onPath[v] = false
		path = path[:len(path)-1]
	}
	walk(from)
	slices.SortFunc(out, func(a, b planner.Route) int {
		return cmp.Or(cmp.Compare(a.Cost, b.Cost), slices.Compare(a.Nodes, b.Nodes))
	})
	return out
}

func randomGraph(rng *rand.Rand, n int, density float64) *graph.Graph {
	nodes := make([]graph.Node, n)
	for i := range nodes {
		nodes[i] = graph.Node{ID: fmt.Sprintf("n%d", i), Latitude: 35 + rng.Float64(), Longitude: 139 + rng.Float64()}
	}
	var edges []graph.Edge
	for u := range n {
		for v := u + 1; v < n; v++ {
			if rng.Float64() < density {
				f := 1.0
				if rng.IntN(2) == 0 {
					f += rng.Float64() * 2
				}
				edges = append(edges, graph.Edge{From: graph.NodeID(u), To: graph.NodeID(v), Factor: f})
			}
		}
	}
	g, err := graph.New(nodes, edges)
	if err != nil {
		panic(err)
	}
	return g
}

// TestYenAgainstBruteForce compares Yen's algorithm with the enumeration of
// every loopless path on many small random graphs, with and without
// conditions. Both sum costs the same way, so they must agree exactly.
func TestYenAgainstBruteForce(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(42, 1))
	for trial := range 400 {
		n := 3 + rng.IntN(7)
		g := randomGraph(rng, n, 0.2+rng.Float64()*0.6)
		p, err := planner.New(g)
		if err != nil {
			t.Fatal(err)
		}
		var overlay *planner.Overlay
		if trial%2 == 1 {
			var adj []planner.Adjustment
			for range rng.IntN(3) {
				adj = append(adj, planner.Adjustment{Node: graph.NodeID(rng.IntN(n)), Congestion: 1 + rng.Float64()*3, Closed: rng.IntN(4) == 0})
			}
			overlay = planner.NewOverlay(g, adj)
		}
		from, to := graph.NodeID(rng.IntN(n)), graph.NodeID(rng.IntN(n))
		if from == to {
			continue
		}
		want := allPaths(g, overlay, from, to)
		k := 1 + rng.IntN(12)
		got, err := p.Routes(t.Context(), from, to, k, overlay)
		if len(want) == 0 {
			if !errors.Is(err, planner.ErrNoRoute) {
				t.Fatalf("trial %d: error %v, want ErrNoRoute", trial, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		want = want[:min(k, len(want))]
		if len(got) != len(want) {
			t.Fatalf("trial %d (k=%d): %d routes, want %d", trial, k, len(got), len(want))
		}
		for i := range want {
			if !slices.Equal(got[i].Nodes, want[i].Nodes) || got[i].Cost != want[i].Cost {
				t.Fatalf("trial %d route %d: %v (%v), want %v (%v)", trial, i, got[i].Nodes, got[i].Cost, want[i].Nodes, want[i].Cost)
			}
		}
	}
}

// dijkstra is a plain reference search, no heuristic, no heap tricks.
func dijkstra(g *graph.Graph, from, to graph.NodeID) float64 {
	dist := make([]float64, g.NumNodes())
	for i := range dist {
		dist[i] = math.Inf(1)
	}
	done := make([]bool, g.NumNodes())
	dist[from] = 0
	for {
		u, best := graph.NodeID(-1), math.Inf(1)
		for v, d := range dist {
			if !done[v] && d < best {
				u, best = graph.NodeID(v), d
			}
		}
		if u < 0 || u == to {
			return dist[to]
		}
		done[u] = true
		next, costs := g.Adjacent(u)
		for i, w := range next {
			dist[w] = math.Min(dist[w], best+costs[i])
		}
	}
}

// TestGenerated checks shortest costs against Dijkstra and the general
// properties of alternatives on a generated graph.
func TestGenerated(t *testing.T) {
	t.Parallel()
	g, err := graph.Generate(graph.GenerateConfig{Nodes: 2500, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	p, _ := planner.New(g)
	rng := rand.New(rand.NewPCG(9, 9))
	for range 10 {
		from, to := graph.NodeID(rng.IntN(g.NumNodes())), graph.NodeID(rng.IntN(g.NumNodes()))
		if from == to {
			continue
		}
		routes, err := p.Routes(t.Context(), from, to, 6, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(routes) != 6 {
			t.Errorf("%d→%d: %d routes, want 6", from, to, len(routes))
		}
		if want := dijkstra(g, from, to); math.Abs(routes[0].Cost-want) > 1e-9*want {
			t.Errorf("%d→%d: cost %v, Dijkstra %v", from, to, routes[0].Cost, want)
		}
		checkRoutes(t, g, nil, routes, from, to)
		// Deterministic: the same query gives the same answer.
		again, _ := p.Routes(t.Context(), from, to, 6, nil)
		for i := range routes {
			if !slices.Equal(again[i].Nodes, routes[i].Nodes) {
				t.Errorf("%d→%d: route %d differs between runs", from, to, i)
			}
		}
	}
}

func TestConcurrentQueries(t *testing.T) {
	t.Parallel()
	g, p := kanto(t)
	overlay := planner.NewOverlay(g, []planner.Adjustment{{Node: lookup(t, g, "route-12"), Closed: true}})
	want, err := p.Routes(t.Context(), lookup(t, g, "pallet-town"), lookup(t, g, "lavender-town"), 4, overlay)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				got, err := p.Routes(t.Context(), lookup(t, g, "pallet-town"), lookup(t, g, "lavender-town"), 4, overlay)
				if err != nil || len(got) != len(want) || !slices.Equal(got[3].Nodes, want[3].Nodes) {
					t.Errorf("concurrent query: %v, %v", got, err)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestCanceled(t *testing.T) {
	t.Parallel()
	g, err := graph.Generate(graph.GenerateConfig{Nodes: 40000, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	p, _ := planner.New(g)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := p.Routes(ctx, 0, graph.NodeID(g.NumNodes()-1), 3, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}

func TestOptions(t *testing.T) {
	t.Parallel()
	g, _ := kanto(t)
	for _, speed := range []float64{0, -5, math.NaN(), math.Inf(1)} {
		if _, err := planner.New(g, planner.WithWalkingSpeed(speed)); err == nil {
			t.Errorf("speed %v accepted", speed)
		}
	}
	if _, err := planner.New(nil); err == nil {
		t.Error("nil graph accepted")
	}
	p, err := planner.New(g, planner.WithWalkingSpeed(10))
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Duration(25); got != 150*time.Minute {
		t.Errorf("25 km at 10 km/h = %v, want 2h30m", got)
	}
}
