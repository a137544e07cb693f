package planner

import (
	"context"
	"math"
	"slices"

	"github.com/kanto-api/kanto/services/routeplanner/internal/graph"
)

// search is the scratch space of one query: per-node arrays reused across
// queries through the planner's pool. Generation counters mark which
// entries belong to the current search, so starting a search costs nothing
// however large the graph.
type search struct {
	g       *graph.Graph
	overlay *Overlay
	from    graph.NodeID // the query's origin
	to      graph.NodeID // the query's destination

	// Forward search: mark[v] == gen when dist and prev hold v's tentative
	// cost and predecessor, gen+1 when v is settled.
	gen  uint32
	mark []uint32
	dist []float64
	prev []graph.NodeID

	// Backward search from the destination, the same way; rdist of a
	// settled node is its exact remaining cost, and rnext its next step.
	rgen  uint32
	rmark []uint32
	rdist []float64
	rnext []graph.NodeID
	// frontier is the smallest key left unsettled by the backward search:
	// every unsettled node v has rdist(v) + chord(v, from) >= frontier.
	frontier float64

	// blocked[v] == blockGen for the nodes of a Yen root path.
	blockGen uint32
	blocked  []uint32

	heap minHeap
	pops int
}

func newSearch(n int) *search {
	return &search{
		mark:    make([]uint32, n),
		dist:    make([]float64, n),
		prev:    make([]graph.NodeID, n),
		rmark:   make([]uint32, n),
		rdist:   make([]float64, n),
		rnext:   make([]graph.NodeID, n),
		blocked: make([]uint32, n),
	}
}

func (s *search) reset(g *graph.Graph, overlay *Overlay, from, to graph.NodeID) {
	s.g, s.overlay, s.from, s.to = g, overlay, from, to
	s.rgen = nextGen(s.rgen, s.rmark)
}

// nextGen advances a generation counter by two (open, settled), clearing
// the marks when it wraps around so stale marks never match.
func nextGen(gen uint32, mark []uint32) uint32 {
	if gen >= math.MaxUint32-2 {
		clear(mark)
		return 1
	}
	return gen + 2
}

// checkCtx looks at the context every few thousand settled nodes: often
// enough to stop a long search promptly, rarely enough to cost nothing.
func (s *search) checkCtx(ctx context.Context) error {
	s.pops++
	if s.pops&4095 == 0 {
		return ctx.Err()
	}
	return nil
}

// edgeCost is the cost of the edge u–v under the overlay; +Inf if closed.
func (s *search) edgeCost(u, v graph.NodeID) float64 {
	to, cost := s.g.Adjacent(u)
	i, ok := slices.BinarySearch(to, v)
	if !ok {
		return math.Inf(1)
	}
	return cost[i] * s.overlay.edgeMul(u, v)
}

// pathCost sums a path's edge costs from its start.
func (s *search) pathCost(nodes []graph.NodeID) float64 {
	c := 0.0
	for i := 1; i < len(nodes); i++ {
		c += s.edgeCost(nodes[i-1], nodes[i])
	}
	return c
}

// reverse runs A* backwards from the destination towards the origin, with
// the chord to the origin as heuristic, and returns the fastest route. The
// nodes it settles keep their exact remaining costs, and where it stopped
// bounds the rest, for the heuristic of later searches.
func (s *search) reverse(ctx context.Context) ([]graph.NodeID, error) {
	g, from := s.g, s.from
	gen := s.rgen
	s.heap = s.heap[:0]
	s.rdist[s.to], s.rmark[s.to], s.rnext[s.to] = 0, gen, -1
	s.heap.push(item{key: g.ChordKM(s.to, from), node: s.to})
	for len(s.heap) > 0 {
		it := s.heap.pop()
		v := it.node
		if s.rmark[v] == gen+1 {
			continue
		}
		if err := s.checkCtx(ctx); err != nil {
			return nil, err
		}
		s.rmark[v] = gen + 1
		if v == from {
			// Keys pop in increasing order, so every node still unsettled
			// has a key of at least this one.
			s.frontier = it.key
			break
		}
		to, cost := g.Adjacent(v)
		for j, w := range to {
			if s.rmark[w] == gen+1 {
				continue
			}
			c := cost[j] * s.overlay.edgeMul(v, w)
			if math.IsInf(c, 1) {
				continue
			}
			d := s.rdist[v] + c
			if s.rmark[w] != gen || d < s.rdist[w] {
				s.rdist[w], s.rnext[w], s.rmark[w] = d, v, gen
				s.heap.push(item{key: d + g.ChordKM(w, from), node: w})
			}
		}
	}
	if s.rmark[from] != gen+1 {
		return nil, ErrNoRoute
	}
	var path []graph.NodeID
	for v := from; v >= 0; v = s.rnext[v] {
		path = append(path, v)
	}
	return path, nil
}

// heuristic is a lower bound of the cost from v to the destination that
// never decreases by more than an edge's cost along the edge (consistent):
// exact where the backward search settled v, and otherwise the better of
// the chord and what the backward search's frontier proves.
func (s *search) heuristic(v graph.NodeID) float64 {
	if s.rmark[v] == s.rgen+1 {
		return s.rdist[v]
	}
	return math.Max(s.g.ChordKM(v, s.to), s.frontier-s.g.ChordKM(v, s.from))
}

// forward runs A* from start to the destination, avoiding blocked nodes
// and, on the first step only, the nodes in firstBlocked. It returns the
// path, or nil if none costs at most bound.
func (s *search) forward(ctx context.Context, start graph.NodeID, firstBlocked []graph.NodeID, bound float64) ([]graph.NodeID, error) {
	g := s.g
	s.gen = nextGen(s.gen, s.mark)
	gen := s.gen
	s.heap = s.heap[:0]
	s.dist[start], s.mark[start], s.prev[start] = 0, gen, -1
	s.heap.push(item{key: s.heuristic(start), node: start})
	for len(s.heap) > 0 {
		it := s.heap.pop()
		v := it.node
		if s.mark[v] == gen+1 {
			continue
		}
		if it.key > bound {
			return nil, nil
		}
		if err := s.checkCtx(ctx); err != nil {
			return nil, err
		}
		s.mark[v] = gen + 1
		if v == s.to {
			var path []graph.NodeID
			for u := v; u >= 0; u = s.prev[u] {
				path = append(path, u)
			}
			slices.Reverse(path)
			return path, nil
		}
		to, cost := g.Adjacent(v)
		for j, w := range to {
			if s.mark[w] == gen+1 || s.blocked[w] == s.blockGen {
				continue
			}
			if v == start && slices.Contains(firstBlocked, w) {
				continue
			}
			c := cost[j] * s.overlay.edgeMul(v, w)
			if math.IsInf(c, 1) {
				continue
			}
			d := s.dist[v] + c
			if s.mark[w] != gen || d < s.dist[w] {
				h := s.heuristic(w)
				if math.IsInf(h, 1) {
					continue
				}
				s.dist[w], s.prev[w], s.mark[w] = d, v, gen
				s.heap.push(item{key: d + h, node: w})
			}
		}
	}
	return nil, nil
}

// item is a heap entry; stale entries (for nodes settled since) are
// skipped when popped rather than removed.
type item struct {
	key  float64
	node graph.NodeID
}

// minHeap is a binary min-heap ordered by key, then node id, so equal keys
// pop in a fixed order. It is hand-written because container/heap's
// interface calls cost a third of a search's time.
type minHeap []item

func (a item) less(b item) bool {
	return a.key < b.key || (a.key == b.key && a.node < b.node)
}

func (h *minHeap) push(it item) {
	*h = append(*h, it)
	q := *h
	i := len(q) - 1
	for i > 0 {
		parent := (i - 1) / 2
		if !q[i].less(q[parent]) {
			break
		}
		q[i], q[parent] = q[parent], q[i]
		i = parent
	}
}

func (h *minHeap) pop() item {
	q := *h
	top := q[0]
	last := len(q) - 1
	q[0] = q[last]
	q = q[:last]
	i := 0
	for {
		l := 2*i + 1
		if l >= len(q) {
			break
		}
		m := l
		if r := l + 1; r < len(q) && q[r].less(q[l]) {
			m = r
		}
		if !q[m].less(q[i]) {
			break
		}
		q[i], q[m] = q[m], q[i]
		i = m
	}
	*h = q
	return top
}
