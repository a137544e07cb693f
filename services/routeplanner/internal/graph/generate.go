package graph

import (
	"errors"
	"math"
	"math/rand/v2"
	"strconv"
)

// GenerateConfig describes a synthetic graph for Generate.
type GenerateConfig struct {
	// Nodes is how many nodes to make; at least 2.
	Nodes int
	// Seed makes the graph: the same config always yields the same graph.
	Seed uint64
	// The box the nodes are spread over, in degrees. All zero means the
	// Kantō plain: 35.0–36.5°N, 138.8–140.5°E.
	MinLatitude, MaxLatitude, MinLongitude, MaxLongitude float64
}

// Shape of generated graphs.
const (
	// genJitter is how far, as a fraction of the grid spacing, a node may
	// stray from its grid point: enough to make distances irregular, too
	// little for a diagonal to cross another edge.
	genJitter = 0.35
	// genDiagonalRate is the chance a grid square gets one diagonal; one at
	// most keeps the graph planar.
	genDiagonalRate = 0.35
	// genRoughRate is the chance an edge is rough going, with a factor
	// between 1 and 2, so the fastest route is not always the shortest.
	genRoughRate = 0.15
)

// Generate builds a random but seeded, planar-ish road network: nodes on a
// jittered grid spread evenly over the box, joined to their grid
// neighbours, with diagonals across some squares and some slow edges. The
// grid keeps it connected, and the diagonals and jitter give every journey
// many near-equal alternatives, like a real road map. Node ids are
// "node-<n>" and names "Junction <n>", for n from 0. It returns an error if
// the config is invalid.
//
// A million nodes take about half a second and 400 MB of allocations;
// the graph keeps about 250 MB of them.
func Generate(cfg GenerateConfig) (*Graph, error) {
	if cfg.Nodes < 2 || cfg.Nodes >= math.MaxInt32/4 {
		return nil, errors.New("generate: Nodes must be at least 2 and below 500 million")
	}
	if cfg.MinLatitude == 0 && cfg.MaxLatitude == 0 && cfg.MinLongitude == 0 && cfg.MaxLongitude == 0 {
		cfg.MinLatitude, cfg.MaxLatitude, cfg.MinLongitude, cfg.MaxLongitude = 35.0, 36.5, 138.8, 140.5
	}
	if !(cfg.MinLatitude < cfg.MaxLatitude && cfg.MinLatitude >= -90 && cfg.MaxLatitude <= 90 &&
		cfg.MinLongitude < cfg.MaxLongitude && cfg.MinLongitude >= -180 && cfg.MaxLongitude <= 180) {
		return nil, errors.New("generate: the box must have minimum below maximum, within ±90° and ±180°")
	}
	n := cfg.Nodes
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x6b616e746f)) // "kanto"

	// As many columns as make the cells square in kilometres.
	midLat := (cfg.MinLatitude + cfg.MaxLatitude) / 2
	widthKM := (cfg.MaxLongitude - cfg.MinLongitude) * kmPerDegree * math.Cos(midLat*math.Pi/180)
	heightKM := (cfg.MaxLatitude - cfg.MinLatitude) * kmPerDegree
	cols := max(1, int(math.Round(math.Sqrt(float64(n)*widthKM/heightKM))))
	cols = min(cols, n)
	rows := (n + cols - 1) / cols
	cellLat := (cfg.MaxLatitude - cfg.MinLatitude) / float64(rows)
	cellLng := (cfg.MaxLongitude - cfg.MinLongitude) / float64(cols)

	g := &Graph{
		ids:   make([]string, n),
		names: make([]string, n),
		kinds: make([]Kind, n),
		lat:   make([]float64, n),
		lng:   make([]float64, n),
	}
	// Ids and names share one string, as in Read.
	var text []byte
	bounds := make([]int, 0, 2*n)
	for v := range n {
		r, c := v/cols, v%cols
		g.lat[v] = cfg.MinLatitude + (float64(r)+0.5+genJitter*(2*rng.Float64()-1))*cellLat
		g.lng[v] = cfg.MinLongitude + (float64(c)+0.5+genJitter*(2*rng.Float64()-1))*cellLng
		text = strconv.AppendInt(append(text, "node-"...), int64(v), 10)
		bounds = append(bounds, len(text))
		text = strconv.AppendInt(append(text, "Junction "...), int64(v), 10)
		bounds = append(bounds, len(text))
	}
	all := string(text)
	start := 0
	for v := range n {
		g.ids[v], g.names[v] = all[start:bounds[2*v]], all[bounds[2*v]:bounds[2*v+1]]
		start = bounds[2*v+1]
	}

	g.edges = make([]Edge, 0, 2*n+n/2)
	factor := func() float64 {
		if rng.Float64() < genRoughRate {
			return 1 + rng.Float64()
		}
		return 1
	}
	for v := range n {
		r, c := v/cols, v%cols
		right, down := v+1, v+cols
		if c+1 < cols && right < n {
			g.edges = append(g.edges, Edge{From: NodeID(v), To: NodeID(right), Factor: factor()})
		}
		if r+1 < rows && down < n {
			g.edges = append(g.edges, Edge{From: NodeID(v), To: NodeID(down), Factor: factor()})
		}
		if c+1 < cols && down+1 < n && rng.Float64() < genDiagonalRate {
			if rng.IntN(2) == 0 {
				g.edges = append(g.edges, Edge{From: NodeID(v), To: NodeID(down + 1), Factor: factor()})
			} else {
				g.edges = append(g.edges, Edge{From: NodeID(right), To: NodeID(down), Factor: factor()})
			}
		}
	}
	if err := g.build(); err != nil {
		return nil, err
	}
	return g, nil
}
