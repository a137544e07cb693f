// Package planner finds routes on a graph: the shortest by A*, and the k
// shortest loopless alternatives by Yen's algorithm, under per-query
// conditions (an Overlay of closures and congestion).
//
// Costs are kilometres weighted by each edge's factor and congestion, so
// ordering by cost is ordering by travel time at a constant walking speed.
// A Planner is safe for concurrent use: the graph and overlays are
// read-only, and each query takes its own scratch space from a pool.
package planner

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/kanto-api/kanto/services/kantomap"
	"github.com/kanto-api/kanto/services/routeplanner/internal/graph"
)

// ErrNoRoute is returned when no route joins two nodes under the
// conditions given.
var ErrNoRoute = errors.New("no route")

// MaxRoutes is the most alternatives one query may ask for: a guard of
// the planner's own, since Yen's algorithm costs grow with k. The API
// allows fewer (the schema's rule on GetRoutesRequest.max_routes).
const MaxRoutes = 100

// A Route is a loopless path through the graph.
type Route struct {
	// Nodes are the nodes passed, origin first and destination last.
	Nodes []graph.NodeID
	// DistanceKM is the route's length.
	DistanceKM float64
	// Cost is what the planner minimizes: each edge's length times its
	// factor and congestion, in kilometres of walking.
	Cost float64
	// Duration is Cost at walking speed, rounded to the second.
	Duration time.Duration
}

// A Planner answers route queries on one graph.
type Planner struct {
	graph    *graph.Graph
	speedKMH float64
	// scratch holds *search values sized for the graph, so queries on a
	// large graph do not allocate their per-node arrays every time.
	scratch sync.Pool
}

// An Option configures a Planner.
type Option func(*Planner)

// WithWalkingSpeed sets the pace, in km/h, that turns costs into
// durations. The default is kantomap.WalkingSpeedKMH, 5 km/h.
func WithWalkingSpeed(kmh float64) Option {
	return func(p *Planner) { p.speedKMH = kmh }
}

// New returns a planner for g. It returns an error if an option is
// invalid.
func New(g *graph.Graph, opts ...Option) (*Planner, error) {
	if g == nil {
		return nil, errors.New("planner: nil graph")
	}
	p := &Planner{graph: g, speedKMH: kantomap.WalkingSpeedKMH}
	for _, opt := range opts {
		opt(p)
	}
	if !(p.speedKMH > 0) || math.IsInf(p.speedKMH, 0) {
		return nil, fmt.Errorf("planner: walking speed %v km/h must be positive", p.speedKMH)
	}
	p.scratch.New = func() any { return newSearch(g.NumNodes()) }
	return p, nil
}

// Graph returns the planner's graph.
func (p *Planner) Graph() *graph.Graph { return p.graph }

// Duration converts a cost to a travel time at the planner's walking speed,
// rounded to the second.
func (p *Planner) Duration(cost float64) time.Duration {
	return time.Duration(cost / p.speedKMH * float64(time.Hour)).Round(time.Second)
}

// Route returns the fastest route from one node to another under the
// overlay's conditions (nil for none). It returns ErrNoRoute if there is
// none, and ctx's error if ctx ends first.
func (p *Planner) Route(ctx context.Context, from, to graph.NodeID, overlay *Overlay) (Route, error) {
	routes, err := p.Routes(ctx, from, to, 1, overlay)
	if err != nil {
		return Route{}, err
	}
	return routes[0], nil
}

// Routes returns up to k loopless routes from one node to another under the
// overlay's conditions (nil for none), fastest first. Routes of equal cost
// are ordered by their node ids, so answers are deterministic. It returns
// ErrNoRoute if there is no route at all, and ctx's error if ctx ends
// first; k must be 1 to MaxRoutes.
//
// It is Yen's algorithm with Lawler's refinement (a new path is only
// spurred from where it left its parent). Every search is A*: the first
// searches backwards from the destination, which both finds the fastest
// route and leaves exact remaining costs around it that guide every later
// spur search almost straight to the destination. (Searching further
// backwards first, to cover more of where alternatives run, measured
// slower on large graphs: the frontier bound already prunes well.)
func (p *Planner) Routes(ctx context.Context, from, to graph.NodeID, k int, overlay *Overlay) ([]Route, error) {
	n := graph.NodeID(p.graph.NumNodes())
	if from < 0 || from >= n || to < 0 || to >= n {
		return nil, fmt.Errorf("planner: nodes %d and %d must be below %d", from, to, n)
	}
	if k < 1 || k > MaxRoutes {
		return nil, fmt.Errorf("planner: %d routes asked, must be 1 to %d", k, MaxRoutes)
	}
	if overlay.Closed(from) || overlay.Closed(to) {
		return nil, ErrNoRoute
	}
	if from == to {
		return []Route{p.route([]graph.NodeID{from}, 0)}, nil
	}

	s := p.scratch.Get().(*search)
	defer func() {
		// Do not let the pool keep an old overlay alive.
		s.overlay = nil
		p.scratch.Put(s)
	}()
	s.reset(p.graph, overlay, from, to)
	first, err := s.reverse(ctx)
	if err != nil {
		return nil, err
	}
	found := []candidate{{nodes: first, cost: s.pathCost(first)}}
	var pending []candidate // the best candidates, sorted, at most k-len(found)

	for len(found) < k {
		if err := s.yenIteration(ctx, found, &pending, k-len(found)); err != nil {
			return nil, err
		}
		if len(pending) == 0 {
			break
		}
		found = append(found, pending[0])
		pending = pending[1:]
	}
	routes := make([]Route, len(found))
	for i, c := range found {
		routes[i] = p.route(c.nodes, c.cost)
	}
	return routes, nil
}

func (p *Planner) route(nodes []graph.NodeID, cost float64) Route {
	r := Route{Nodes: nodes, Cost: cost, Duration: p.Duration(cost)}
	for i := 1; i < len(nodes); i++ {
		r.DistanceKM += p.graph.DistanceKM(nodes[i-1], nodes[i])
	}
	return r
}

// A candidate is a route found by Yen's algorithm.
type candidate struct {
	nodes []graph.NodeID
	cost  float64
	// dev is where the route left the route it was spurred from: earlier
	// spur nodes would only find candidates already found (Lawler).
	dev int
}

// compareCandidates orders by cost, then by node ids, the deterministic
// tie-break.
func compareCandidates(a, b candidate) int {
	return cmp.Or(cmp.Compare(a.cost, b.cost), slices.Compare(a.nodes, b.nodes))
}

// yenIteration spurs every route from the last found route's deviation
// point on, adding the results to pending, which it keeps sorted and no
// longer than need: worse candidates could never be chosen.
func (s *search) yenIteration(ctx context.Context, found []candidate, pending *[]candidate, need int) error {
	prev := found[len(found)-1]
	s.blockGen++
	if s.blockGen == 0 {
		clear(s.blocked)
		s.blockGen = 1
	}
	// The root path before the spur node must not be re-entered, or the
	// spur path would loop.
	rootCost := 0.0
	for i := 0; i < prev.dev; i++ {
		s.blocked[prev.nodes[i]] = s.blockGen
		rootCost += s.edgeCost(prev.nodes[i], prev.nodes[i+1])
	}
	var firstBlocked []graph.NodeID
	for i := prev.dev; i < len(prev.nodes)-1; i++ {
		if i > prev.dev {
			s.blocked[prev.nodes[i-1]] = s.blockGen
			rootCost += s.edgeCost(prev.nodes[i-1], prev.nodes[i])
		}
		root := prev.nodes[:i+1]
		// Routes already found that share this root must not be found
		// again: forbid their next step.
		firstBlocked = firstBlocked[:0]
		for _, f := range found {
			if len(f.nodes) > i+1 && slices.Equal(f.nodes[:i+1], root) {
				firstBlocked = append(firstBlocked, f.nodes[i+1])
			}
		}
		bound := math.Inf(1)
		if len(*pending) >= need {
			// A little over the worst kept candidate, so rounding never
			// loses a route of exactly equal cost.
			worst := (*pending)[need-1].cost
			bound = worst + worst*1e-9 - rootCost
		}
		spur, err := s.forward(ctx, prev.nodes[i], firstBlocked, bound)
		if err != nil {
			return err
		}
		if spur == nil {
			continue
		}
		nodes := make([]graph.NodeID, 0, i+len(spur))
		nodes = append(append(nodes, prev.nodes[:i]...), spur...)
		// The cost is summed again from the start, so the same route always
		// gets exactly the same cost however it was found.
		insertCandidate(pending, candidate{nodes: nodes, cost: s.pathCost(nodes), dev: i}, found, need)
	}
	return nil
}

func insertCandidate(pending *[]candidate, c candidate, found []candidate, need int) {
	for _, f := range found {
		if slices.Equal(f.nodes, c.nodes) {
			return
		}
	}
	i, dup := slices.BinarySearchFunc(*pending, c, compareCandidates)
	if dup || i >= need {
		return
	}
	*pending = slices.Insert(*pending, i, c)
	if len(*pending) > need {
		*pending = (*pending)[:need]
	}
}
