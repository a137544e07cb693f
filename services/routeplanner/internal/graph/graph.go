// Package graph is the immutable road graph route planning runs on: places
// as nodes with int32 ids, undirected weighted edges in compressed
// adjacency arrays, and a grid index for "what is near this point".
//
// A Graph is built once, from the embedded Kanto map (FromKantoMap), from a
// graph file (Read, ReadFile; the format is documented in file.go) or by
// Generate, and never changes afterwards, so any number of goroutines may
// use it at once without locking. Per-query changes such as closures are
// applied on top by the planner, never by mutating the Graph.
//
// An edge's cost is its great-circle length times its factor (at least 1,
// how much slower than walking it is), so the straight-line distance to a
// node is always a lower bound of the cost to reach it.
package graph

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/kanto-api/kanto/services/routeplanner/internal/geo"
)

// ErrInvalid is wrapped by every error about invalid graph data, from New,
// Read and ReadFile, so callers can tell bad input from I/O failures with
// errors.Is.
var ErrInvalid = errors.New("invalid graph")

// MaxIDLen is the longest node id accepted, the limit of a PlaceRef.
const MaxIDLen = 64

// A NodeID numbers a node of one Graph, from 0 to NumNodes()-1.
type NodeID int32

// Kind says what sort of place a node is. It only shapes how directions
// are worded; planning treats every kind alike.
type Kind uint8

// The kinds of nodes, matching the kinds of the Kanto map. Their numeric
// values are part of the graph file format.
const (
	// KindPlace is a place with no particular kind, such as a junction of
	// a generated graph.
	KindPlace Kind = iota
	KindTown
	KindCity
	KindRoute
	KindSeaRoute
	KindDungeon
	numKinds
)

// String returns the kind's name as the Kanto map spells it.
func (k Kind) String() string {
	switch k {
	case KindPlace:
		return "place"
	case KindTown:
		return "town"
	case KindCity:
		return "city"
	case KindRoute:
		return "route"
	case KindSeaRoute:
		return "sea_route"
	case KindDungeon:
		return "dungeon"
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// A Node is one place of a graph.
type Node struct {
	// ID is the node's stable slug: 1 to MaxIDLen lower-case letters and
	// digits in dash-separated groups, the syntax of a PlaceRef.
	ID string
	// Name is the display name; if empty, the ID is shown instead.
	Name string
	// Kind is what sort of place it is.
	Kind Kind
	// Latitude and Longitude locate the node in WGS84 degrees.
	Latitude, Longitude float64
}

// An Edge is an undirected connection between two nodes.
type Edge struct {
	// From and To are the two ends; the order carries no meaning.
	From, To NodeID
	// Factor is how much slower than walking the edge is; at least 1.
	Factor float64
}

// A Graph is an immutable undirected graph of places. It is safe for
// concurrent use.
type Graph struct {
	// Nodes, as parallel slices indexed by NodeID: compact, and the planner
	// touches only the coordinates on its hot path.
	ids, names []string
	kinds      []Kind
	lat, lng   []float64
	// xyz holds each node's position as a unit vector, 3 floats a node, for
	// the chord distance: a cheap lower bound of the great-circle distance
	// that needs no trigonometry.
	xyz []float64

	// index finds a node by id; it is used once per request, not while
	// searching.
	index map[string]NodeID

	// Adjacency in compressed sparse row form: node v's neighbours are
	// adjTo[offsets[v]:offsets[v+1]], sorted by id, and adjCost holds the
	// matching edge costs (kilometres times factor).
	offsets []int32
	adjTo   []NodeID
	adjCost []float64

	// edges keeps the edges as given, for Edges and Write.
	edges []Edge

	grid grid
}

// New builds a graph from nodes, whose NodeIDs are their positions in the
// slice, and edges between them. It returns an error wrapping ErrInvalid if
// an id is malformed or repeated, a coordinate is out of range, an edge
// joins a node to itself or to a missing node, two edges join the same
// nodes, or a factor is below 1.
func New(nodes []Node, edges []Edge) (*Graph, error) {
	g := &Graph{
		ids:   make([]string, len(nodes)),
		names: make([]string, len(nodes)),
		kinds: make([]Kind, len(nodes)),
		lat:   make([]float64, len(nodes)),
		lng:   make([]float64, len(nodes)),
		edges: slices.Clone(edges),
	}
	for i, n := range nodes {
		g.ids[i], g.names[i], g.kinds[i], g.lat[i], g.lng[i] = n.ID, n.Name, n.Kind, n.Latitude, n.Longitude
	}
	if err := g.build(); err != nil {
		return nil, err
	}
	return g, nil
}

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
}

// build validates the node and edge slices already set on g and derives
// everything else from them.
func (g *Graph) build() error {
	n := len(g.ids)
	if n >= math.MaxInt32 {
		return invalid("%d nodes is too many", n)
	}
	g.index = make(map[string]NodeID, n)
	g.xyz = make([]float64, 3*n)
	for v := range n {
		id := g.ids[v]
		if !validID(id) {
			return invalid("node %d: id %q is not a slug of at most %d characters", v, id, MaxIDLen)
		}
		if _, dup := g.index[id]; dup {
			return invalid("node %d: duplicate id %q", v, id)
		}
		g.index[id] = NodeID(v)
		lat, lng := g.lat[v], g.lng[v]
		if !(lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180) {
			return invalid("node %q: location %v,%v is out of range", id, lat, lng)
		}
		if g.kinds[v] >= numKinds {
			return invalid("node %q: unknown kind %d", id, g.kinds[v])
		}
		phi, lambda := lat*math.Pi/180, lng*math.Pi/180
		g.xyz[3*v] = math.Cos(phi) * math.Cos(lambda)
		g.xyz[3*v+1] = math.Cos(phi) * math.Sin(lambda)
		g.xyz[3*v+2] = math.Sin(phi)
	}

	degree := make([]int32, n+1)
	for i, e := range g.edges {
		if e.From < 0 || int(e.From) >= n || e.To < 0 || int(e.To) >= n || e.From == e.To {
			return invalid("edge %d: ends %d and %d must be two nodes of %d", i, e.From, e.To, n)
		}
		// The planner's straight-line heuristic is a lower bound only if
		// no edge is faster than walking.
		if !(e.Factor >= 1) || math.IsInf(e.Factor, 0) {
			return invalid("edge %d (%s–%s): factor %v must be at least 1", i, g.ids[e.From], g.ids[e.To], e.Factor)
		}
		degree[e.From]++
		degree[e.To]++
	}
	if 2*len(g.edges) >= math.MaxInt32 {
		return invalid("%d edges is too many", len(g.edges))
	}
	g.offsets = make([]int32, n+1)
	for v := range n {
		g.offsets[v+1] = g.offsets[v] + degree[v]
	}
	g.adjTo = make([]NodeID, 2*len(g.edges))
	g.adjCost = make([]float64, 2*len(g.edges))
	next := degree[:n]
	copy(next, g.offsets[:n])
	for _, e := range g.edges {
		cost := geo.DistanceKM(g.lat[e.From], g.lng[e.From], g.lat[e.To], g.lng[e.To]) * e.Factor
		g.adjTo[next[e.From]], g.adjCost[next[e.From]] = e.To, cost
		next[e.From]++
		g.adjTo[next[e.To]], g.adjCost[next[e.To]] = e.From, cost
		next[e.To]++
	}
	for v := range n {
		lo, hi := g.offsets[v], g.offsets[v+1]
		sortAdjacency(g.adjTo[lo:hi], g.adjCost[lo:hi])
		for i := lo + 1; i < hi; i++ {
			// Paths are node sequences, so parallel edges would make two
			// different routes look the same.
			if g.adjTo[i] == g.adjTo[i-1] {
				return invalid("more than one edge joins %q and %q", g.ids[v], g.ids[g.adjTo[i]])
			}
		}
	}
	g.grid = newGrid(g.lat, g.lng)
	return nil
}

// sortAdjacency sorts one node's neighbours by id, so searches visit them in
// a fixed order. Degrees are small, so insertion sort beats sort.Slice and
// allocates nothing.
func sortAdjacency(to []NodeID, cost []float64) {
	for i := 1; i < len(to); i++ {
		for j := i; j > 0 && to[j] < to[j-1]; j-- {
			to[j], to[j-1] = to[j-1], to[j]
			cost[j], cost[j-1] = cost[j-1], cost[j]
		}
	}
}

// validID reports whether id is a PlaceRef slug: ^[a-z0-9]+(-[a-z0-9]+)*$,
// at most MaxIDLen long. It is hand-written because a million regexp
// matches would dominate loading a large graph.
func validID(id string) bool {
	if len(id) == 0 || len(id) > MaxIDLen || id[0] == '-' || id[len(id)-1] == '-' {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && id[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// NumNodes returns the number of nodes.
func (g *Graph) NumNodes() int { return len(g.ids) }

// NumEdges returns the number of undirected edges.
func (g *Graph) NumEdges() int { return len(g.edges) }

// Node returns node v. It panics if v is out of range.
func (g *Graph) Node(v NodeID) Node {
	return Node{ID: g.ids[v], Name: g.names[v], Kind: g.kinds[v], Latitude: g.lat[v], Longitude: g.lng[v]}
}

// ID returns node v's id.
func (g *Graph) ID(v NodeID) string { return g.ids[v] }

// Name returns node v's display name, or its id if it has none.
func (g *Graph) Name(v NodeID) string {
	if g.names[v] == "" {
		return g.ids[v]
	}
	return g.names[v]
}

// Kind returns node v's kind.
func (g *Graph) Kind(v NodeID) Kind { return g.kinds[v] }

// Location returns node v's latitude and longitude.
func (g *Graph) Location(v NodeID) (lat, lng float64) { return g.lat[v], g.lng[v] }

// Lookup returns the node with the given id, and false if there is none.
func (g *Graph) Lookup(id string) (NodeID, bool) {
	v, ok := g.index[id]
	return v, ok
}

// IDs returns every node id, in NodeID order. The slice is a copy; the
// strings share the graph's memory.
func (g *Graph) IDs() []string { return slices.Clone(g.ids) }

// Edges returns a copy of the graph's edges, each once.
func (g *Graph) Edges() []Edge { return slices.Clone(g.edges) }

// Adjacent returns v's neighbours, sorted by id, and the cost of the edge to
// each (its length in kilometres times its factor). The slices share the
// graph's memory and must not be modified.
func (g *Graph) Adjacent(v NodeID) (to []NodeID, cost []float64) {
	lo, hi := g.offsets[v], g.offsets[v+1]
	return g.adjTo[lo:hi:hi], g.adjCost[lo:hi:hi]
}

// DistanceKM returns the great-circle distance between nodes u and v.
func (g *Graph) DistanceKM(u, v NodeID) float64 {
	return geo.DistanceKM(g.lat[u], g.lng[u], g.lat[v], g.lng[v])
}

// ChordKM returns the length of the straight chord through the Earth
// between nodes u and v: never more than their great-circle distance
// (under a millimetre less at Kanto's scale), and far cheaper to compute,
// which makes it the planner's heuristic.
func (g *Graph) ChordKM(u, v NodeID) float64 {
	a, b := g.xyz[3*u:3*u+3:3*u+3], g.xyz[3*v:3*v+3:3*v+3]
	dx, dy, dz := a[0]-b[0], a[1]-b[1], a[2]-b[2]
	return math.Sqrt(dx*dx+dy*dy+dz*dz) * geo.EarthRadiusKM
}

// Near is a node found near a point.
type Near struct {
	// Node is the node found.
	Node NodeID
	// DistanceKM is its great-circle distance from the point.
	DistanceKM float64
}

// Nearest returns the node closest to the point, by great-circle distance,
// and false if the graph is empty. Ties go to the lower NodeID.
func (g *Graph) Nearest(lat, lng float64) (Near, bool) {
	if len(g.ids) == 0 {
		return Near{}, false
	}
	return g.grid.nearest(g, lat, lng), true
}

// Within returns the nodes within radiusKM of the point, nearest first
// (ties by NodeID).
func (g *Graph) Within(lat, lng, radiusKM float64) []Near {
	found := g.grid.within(g, lat, lng, radiusKM)
	slices.SortFunc(found, func(a, b Near) int {
		return cmp.Or(cmp.Compare(a.DistanceKM, b.DistanceKM), cmp.Compare(a.Node, b.Node))
	})
	return found
}
