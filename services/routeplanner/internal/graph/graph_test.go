package graph_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/kanto-api/kanto/services/kantomap"
	"github.com/kanto-api/kanto/services/routeplanner/internal/geo"
	"github.com/kanto-api/kanto/services/routeplanner/internal/graph"
)

func TestNewRejects(t *testing.T) {
	t.Parallel()
	ok := []graph.Node{{ID: "a", Latitude: 35, Longitude: 139}, {ID: "b", Latitude: 35.1, Longitude: 139}}
	tests := []struct {
		name  string
		nodes []graph.Node
		edges []graph.Edge
	}{
		{"empty id", []graph.Node{{ID: ""}}, nil},
		{"upper-case id", []graph.Node{{ID: "Pallet"}}, nil},
		{"double dash", []graph.Node{{ID: "a--b"}}, nil},
		{"trailing dash", []graph.Node{{ID: "a-"}}, nil},
		{"long id", []graph.Node{{ID: string(bytes.Repeat([]byte("a"), 65))}}, nil},
		{"duplicate id", []graph.Node{{ID: "a"}, {ID: "a"}}, nil},
		{"latitude", []graph.Node{{ID: "a", Latitude: 91}}, nil},
		{"longitude NaN", []graph.Node{{ID: "a", Longitude: math.NaN()}}, nil},
		{"kind", []graph.Node{{ID: "a", Kind: 42}}, nil},
		{"self loop", ok, []graph.Edge{{From: 0, To: 0, Factor: 1}}},
		{"missing end", ok, []graph.Edge{{From: 0, To: 2, Factor: 1}}},
		{"negative end", ok, []graph.Edge{{From: -1, To: 1, Factor: 1}}},
		{"factor below 1", ok, []graph.Edge{{From: 0, To: 1, Factor: 0.5}}},
		{"factor NaN", ok, []graph.Edge{{From: 0, To: 1, Factor: math.NaN()}}},
		{"factor infinite", ok, []graph.Edge{{From: 0, To: 1, Factor: math.Inf(1)}}},
		{"parallel edges", ok, []graph.Edge{{From: 0, To: 1, Factor: 1}, {From: 1, To: 0, Factor: 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if _, err := graph.New(tt.nodes, tt.edges); !errors.Is(err, graph.ErrInvalid) {
				t.Errorf("New() error = %v, want ErrInvalid", err)
			}
		})
	}
	t.Run("valid", func(t *testing.T) {
		t.Parallel()
		g, err := graph.New(ok, []graph.Edge{{From: 0, To: 1, Factor: 1.5}})
		if err != nil {
			t.Fatal(err)
		}
		to, cost := g.Adjacent(1)
		if !slices.Equal(to, []graph.NodeID{0}) || math.Abs(cost[0]-1.5*g.DistanceKM(0, 1)) > 1e-12 {
			t.Errorf("Adjacent(1) = %v, %v", to, cost)
		}
		if g.Name(0) != "a" {
			t.Errorf("Name falls back to id: got %q", g.Name(0))
		}
	})
}

func TestFromKantoMap(t *testing.T) {
	t.Parallel()
	g, err := graph.FromKantoMap()
	if err != nil {
		t.Fatal(err)
	}
	if g.NumNodes() != len(kantomap.Places()) || g.NumEdges() != len(kantomap.Edges()) {
		t.Errorf("graph has %d nodes and %d edges, map %d and %d", g.NumNodes(), g.NumEdges(), len(kantomap.Places()), len(kantomap.Edges()))
	}
	for _, e := range kantomap.Edges() {
		u, _ := g.Lookup(e.From)
		v, _ := g.Lookup(e.To)
		to, cost := g.Adjacent(u)
		i := slices.Index(to, v)
		if i < 0 {
			t.Errorf("no edge %s–%s", e.From, e.To)
			continue
		}
		if want := e.DistanceKM * e.Factor; math.Abs(cost[i]-want) > 1e-9 {
			t.Errorf("%s–%s cost %v, want %v", e.From, e.To, cost[i], want)
		}
	}
	pallet, ok := g.Lookup("pallet-town")
	if !ok || g.Name(pallet) != "Pallet Town" || g.Kind(pallet) != graph.KindTown {
		t.Errorf("pallet-town: %+v", g.Node(pallet))
	}
	if v, _ := g.Lookup("route-20"); g.Kind(v) != graph.KindSeaRoute {
		t.Errorf("route-20 kind %v", g.Kind(v))
	}
	// The chord never exceeds the great-circle distance, as the planner's
	// heuristic needs.
	for u := range graph.NodeID(g.NumNodes()) {
		for v := range graph.NodeID(g.NumNodes()) {
			if c, d := g.ChordKM(u, v), g.DistanceKM(u, v); c > d+1e-9 || c < d*0.999 {
				t.Fatalf("ChordKM(%d,%d) = %v, DistanceKM %v", u, v, c, d)
			}
		}
	}
}

func TestGenerate(t *testing.T) {
	t.Parallel()
	cfg := graph.GenerateConfig{Nodes: 5000, Seed: 7}
	g1, err := graph.Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	g2, _ := graph.Generate(cfg)
	assertSameGraph(t, g1, g2)
	cfg.Seed = 8
	if g3, _ := graph.Generate(cfg); g3.Node(10) == g1.Node(10) {
		t.Error("a different seed made the same graph")
	}
	if g1.NumNodes() != 5000 || g1.NumEdges() < 2*5000-200 {
		t.Errorf("%d nodes, %d edges", g1.NumNodes(), g1.NumEdges())
	}
	// Connected: a breadth-first search from node 0 reaches every node.
	seen := make([]bool, g1.NumNodes())
	seen[0] = true
	queue := []graph.NodeID{0}
	for len(queue) > 0 {
		to, _ := g1.Adjacent(queue[0])
		queue = queue[1:]
		for _, v := range to {
			if !seen[v] {
				seen[v] = true
				queue = append(queue, v)
			}
		}
	}
	if i := slices.Index(seen, false); i >= 0 {
		t.Errorf("node %d unreachable", i)
	}
	for v := range graph.NodeID(g1.NumNodes()) {
		lat, lng := g1.Location(v)
		if lat < 35 || lat > 36.5 || lng < 138.8 || lng > 140.5 {
			t.Fatalf("node %d at %v,%v outside the Kantō plain", v, lat, lng)
		}
	}
	if _, err := graph.Generate(graph.GenerateConfig{Nodes: 1}); err == nil {
		t.Error("Generate(Nodes: 1) succeeded")
	}
	if _, err := graph.Generate(graph.GenerateConfig{Nodes: 10, MinLatitude: 36, MaxLatitude: 35}); err == nil {
		t.Error("Generate with an inverted box succeeded")
	}
}

func assertSameGraph(t *testing.T, want, got *graph.Graph) {
	t.Helper()
	if got.NumNodes() != want.NumNodes() || got.NumEdges() != want.NumEdges() {
		t.Fatalf("got %d nodes, %d edges; want %d, %d", got.NumNodes(), got.NumEdges(), want.NumNodes(), want.NumEdges())
	}
	for v := range graph.NodeID(want.NumNodes()) {
		if got.Node(v) != want.Node(v) {
			t.Fatalf("node %d = %+v, want %+v", v, got.Node(v), want.Node(v))
		}
		gt, gc := got.Adjacent(v)
		wt, wc := want.Adjacent(v)
		if !slices.Equal(gt, wt) || !slices.Equal(gc, wc) {
			t.Fatalf("node %d adjacency = %v %v, want %v %v", v, gt, gc, wt, wc)
		}
		if id := want.ID(v); func() graph.NodeID { u, _ := got.Lookup(id); return u }() != v {
			t.Fatalf("Lookup(%q) != %d", id, v)
		}
	}
	if !slices.Equal(got.Edges(), want.Edges()) {
		t.Fatal("edges differ")
	}
}

func TestFileRoundTrip(t *testing.T) {
	t.Parallel()
	kanto, err := graph.FromKantoMap()
	if err != nil {
		t.Fatal(err)
	}
	generated, err := graph.Generate(graph.GenerateConfig{Nodes: 3000, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for name, g := range map[string]*graph.Graph{"kanto": kanto, "generated": generated} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "graph.bin")
			if err := g.WriteFile(path); err != nil {
				t.Fatal(err)
			}
			got, err := graph.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			assertSameGraph(t, g, got)
		})
	}
}

func TestReadRejects(t *testing.T) {
	t.Parallel()
	g, err := graph.New(
		[]graph.Node{{ID: "a", Name: "A", Latitude: 35, Longitude: 139}, {ID: "b", Latitude: 35.1, Longitude: 139}},
		[]graph.Edge{{From: 0, To: 1, Factor: 1}},
	)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := g.Write(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	mutate := func(f func(b []byte) []byte) []byte { return f(slices.Clone(good)) }
	edgeStart := len(good) - 16
	tests := map[string][]byte{
		"empty":           nil,
		"bad magic":       mutate(func(b []byte) []byte { b[0] = 'X'; return b }),
		"trailing byte":   append(slices.Clone(good), 0),
		"edge end":        mutate(func(b []byte) []byte { binary.LittleEndian.PutUint32(b[edgeStart+4:], 9); return b }),
		"factor":          mutate(func(b []byte) []byte { binary.LittleEndian.PutUint64(b[edgeStart+8:], math.Float64bits(0.9)); return b }),
		"huge node count": mutate(func(b []byte) []byte { binary.LittleEndian.PutUint32(b[8:], 1<<30); return b }),
	}
	// Every truncation must fail cleanly.
	for i := range len(good) {
		tests[fmt.Sprintf("truncated to %d bytes", i)] = good[:i]
	}
	for name, data := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if _, err := graph.Read(bytes.NewReader(data)); !errors.Is(err, graph.ErrInvalid) {
				t.Errorf("Read() error = %v, want ErrInvalid", err)
			}
		})
	}
	if _, err := graph.ReadFile(filepath.Join(t.TempDir(), "missing")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ReadFile(missing) error = %v, want ErrNotExist", err)
	}
}

func TestNearestAndWithin(t *testing.T) {
	t.Parallel()
	g, err := graph.Generate(graph.GenerateConfig{Nodes: 4000, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 500 {
		// Points inside the box and a little way outside it.
		lat := 34.8 + rng.Float64()*1.9
		lng := 138.6 + rng.Float64()*2.1
		bestD, best := math.Inf(1), graph.NodeID(-1)
		var within []graph.NodeID
		radius := rng.Float64() * 5
		for v := range graph.NodeID(g.NumNodes()) {
			vlat, vlng := g.Location(v)
			d := geo.DistanceKM(lat, lng, vlat, vlng)
			if d < bestD {
				bestD, best = d, v
			}
			if d <= radius {
				within = append(within, v)
			}
		}
		got, ok := g.Nearest(lat, lng)
		if !ok || got.Node != best || got.DistanceKM != bestD {
			t.Fatalf("point %d (%v,%v): Nearest = %+v, want node %d at %v", i, lat, lng, got, best, bestD)
		}
		near := g.Within(lat, lng, radius)
		var gotIDs []graph.NodeID
		for j, n := range near {
			gotIDs = append(gotIDs, n.Node)
			if j > 0 && n.DistanceKM < near[j-1].DistanceKM {
				t.Fatalf("Within not sorted by distance: %+v", near)
			}
		}
		slices.Sort(gotIDs)
		if !slices.Equal(gotIDs, within) {
			t.Fatalf("point %d: Within(%v km) = %v, want %v", i, radius, gotIDs, within)
		}
	}
	// Far away, and with a single node.
	if got, _ := g.Nearest(-35, -139); got.Node < 0 {
		t.Error("Nearest of a far point found nothing")
	}
	one, _ := graph.New([]graph.Node{{ID: "x", Latitude: 35, Longitude: 139}}, nil)
	if got, ok := one.Nearest(36, 140); !ok || got.Node != 0 {
		t.Errorf("single-node Nearest = %+v, %v", got, ok)
	}
	empty, _ := graph.New(nil, nil)
	if _, ok := empty.Nearest(0, 0); ok {
		t.Error("empty graph Nearest found a node")
	}
}

// millionGraphFile returns a cached million-node graph file under
// os.TempDir, generating it on first use. Only benchmarks call it, so plain
// `go test` never pays for it.
func millionGraphFile(b *testing.B) string {
	b.Helper()
	path := filepath.Join(os.TempDir(), "kanto-routeplanner-bench-1000000-seed1.kgraph01")
	millionOnce.Do(func() {
		if _, err := os.Stat(path); err == nil {
			return
		}
		g, err := graph.Generate(graph.GenerateConfig{Nodes: 1_000_000, Seed: 1})
		if err != nil {
			millionErr = err
			return
		}
		// Write to a temporary name and rename, so an interrupted run
		// never leaves a truncated cache behind.
		tmp := path + ".tmp"
		if millionErr = g.WriteFile(tmp); millionErr == nil {
			millionErr = os.Rename(tmp, path)
		}
	})
	if millionErr != nil {
		b.Fatal(millionErr)
	}
	return path
}

var (
	millionOnce sync.Once
	millionErr  error
)

func BenchmarkReadFile(b *testing.B) {
	b.Run("million", func(b *testing.B) {
		path := millionGraphFile(b)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := graph.ReadFile(path); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkGenerate(b *testing.B) {
	b.Run("million", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := graph.Generate(graph.GenerateConfig{Nodes: 1_000_000, Seed: 1}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
