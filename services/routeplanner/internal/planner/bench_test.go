package planner_test

import (
	"fmt"
	"math"
	"sync"
	"testing"

	"github.com/kanto-api/kanto/services/routeplanner/internal/graph"
	"github.com/kanto-api/kanto/services/routeplanner/internal/planner"
)

// millionGraph is generated on first use: only the million benchmarks call
// it, so `go test` without -bench never pays for it.
var millionGraph = sync.OnceValues(func() (*graph.Graph, error) {
	return graph.Generate(graph.GenerateConfig{Nodes: 1_000_000, Seed: 1})
})

// BenchmarkRoutes measures Yen's k=3 on the Kanto map and on a
// million-node generated graph (about 1000×1000 junctions 160 m apart),
// between junctions 2, 20 and 80 km apart.
func BenchmarkRoutes(b *testing.B) {
	b.Run("kanto", func(b *testing.B) {
		g, p := kanto(b)
		from, to := lookup(b, g, "pallet-town"), lookup(b, g, "cerulean-city")
		b.ReportAllocs()
		for b.Loop() {
			if _, err := p.Routes(b.Context(), from, to, 3, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, km := range []float64{2, 20, 80} {
		b.Run(fmt.Sprintf("million/%gkm", km), func(b *testing.B) {
			g, err := millionGraph()
			if err != nil {
				b.Fatal(err)
			}
			p, _ := planner.New(g)
			from, to := millionPair(g, km)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, err := p.Routes(b.Context(), from, to, 3, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// millionPair picks two junctions about km apart, south-west to north-east
// across the middle of a generated graph.
func millionPair(g *graph.Graph, km float64) (graph.NodeID, graph.NodeID) {
	const lat, lng = 35.75, 139.65
	dLat := km / 2 / math.Sqrt2 / 111.2
	dLng := dLat / math.Cos(lat*math.Pi/180)
	from, _ := g.Nearest(lat-dLat, lng-dLng)
	to, _ := g.Nearest(lat+dLat, lng+dLng)
	return from.Node, to.Node
}
