package server_test

import (
	"context"
	"fmt"
	"math"
	"sync"
	"testing"
	"time"

	geov1 "github.com/kanto-api/kanto/gen/go/kanto/geo/v1"
	routeplannerv1 "github.com/kanto-api/kanto/gen/go/kanto/routeplanner/v1"
	"github.com/kanto-api/kanto/services/routeplanner/internal/conditions"
	"github.com/kanto-api/kanto/services/routeplanner/internal/graph"
	"github.com/kanto-api/kanto/services/routeplanner/internal/planner"
	"github.com/kanto-api/kanto/services/routeplanner/internal/server"
)

// millionGraph is generated on first use, which only the million
// benchmarks make: `go test` without -bench never pays for it.
var millionGraph = sync.OnceValues(func() (*graph.Graph, error) {
	return graph.Generate(graph.GenerateConfig{Nodes: 1_000_000, Seed: 1})
})

func newService(b *testing.B, g *graph.Graph) routeplannerv1.RoutePlannerServiceServer {
	b.Helper()
	p, err := planner.New(g)
	if err != nil {
		b.Fatal(err)
	}
	svc, err := server.New(p, conditions.NewManual(time.Time{}), nil)
	if err != nil {
		b.Fatal(err)
	}
	return svc
}

func benchGetRoutes(b *testing.B, svc routeplannerv1.RoutePlannerServiceServer, from, to string) {
	req := &routeplannerv1.GetRoutesRequest{Origin: &geov1.PlaceRef{PlaceId: from}, Destination: &geov1.PlaceRef{PlaceId: to}, MaxRoutes: 3}
	ctx := context.Background()
	// The first call sizes the planner's scratch space for the graph; time
	// the steady state.
	if _, err := svc.GetRoutes(ctx, req); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		resp, err := svc.GetRoutes(ctx, req)
		if err != nil {
			b.Fatal(err)
		}
		if len(resp.GetRoutes()) != 3 {
			b.Fatalf("%d routes", len(resp.GetRoutes()))
		}
	}
}

// BenchmarkGetRoutes measures the GetRoutes handler (planning with k=3 and
// building the response, without the network) on the Kanto map, Pallet
// Town to Cerulean City, and on a generated million-node graph between
// junctions 2, 20 and 80 km apart.
func BenchmarkGetRoutes(b *testing.B) {
	b.Run("kanto", func(b *testing.B) {
		g, err := graph.FromKantoMap()
		if err != nil {
			b.Fatal(err)
		}
		benchGetRoutes(b, newService(b, g), "pallet-town", "cerulean-city")
	})
	for _, km := range []float64{2, 20, 80} {
		b.Run(fmt.Sprintf("million/%gkm", km), func(b *testing.B) {
			g, err := millionGraph()
			if err != nil {
				b.Fatal(err)
			}
			// Diagonally across the middle of the graph.
			const lat, lng = 35.75, 139.65
			dLat := km / 2 / math.Sqrt2 / 111.2
			dLng := dLat / math.Cos(lat*math.Pi/180)
			from, _ := g.Nearest(lat-dLat, lng-dLng)
			to, _ := g.Nearest(lat+dLat, lng+dLng)
			benchGetRoutes(b, newService(b, g), g.ID(from.Node), g.ID(to.Node))
		})
	}
}
