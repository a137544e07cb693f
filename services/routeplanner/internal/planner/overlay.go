package planner

import (
	"math"

	"github.com/kanto-api/kanto/services/routeplanner/internal/graph"
)

// An Adjustment changes travel through one node for the queries that use
// an Overlay.
type Adjustment struct {
	// Node is the place affected.
	Node graph.NodeID
	// Closed excludes the node: no route passes through, starts or ends
	// at it.
	Closed bool
	// Congestion multiplies the cost of every edge touching the node;
	// values below 1 (including zero and NaN) count as 1.
	Congestion float64
}

// An Overlay is a set of conditions applied to a graph per query. The
// shared Graph is never modified: queries read the overlay next to it, so
// one Overlay may serve any number of concurrent queries, and replacing it
// (when conditions change) never disturbs a query in flight. A nil
// *Overlay means no conditions. An Overlay is immutable after NewOverlay.
type Overlay struct {
	// mul is the cost multiplier of each node, +Inf when closed; nil when
	// no adjustment applies, which keeps unconditioned queries from
	// reading it at all. It is dense because a search reads it for every
	// edge it relaxes, and a slice index beats a map lookup there.
	mul []float64
}

// NewOverlay builds the overlay of adjustments for g. Adjustments naming
// nodes outside g are ignored. When several adjust the same node, a closure
// wins over congestion, and the largest congestion wins over smaller ones.
func NewOverlay(g *graph.Graph, adjustments []Adjustment) *Overlay {
	var mul []float64
	for _, a := range adjustments {
		if a.Node < 0 || int(a.Node) >= g.NumNodes() {
			continue
		}
		factor := a.Congestion
		if a.Closed {
			factor = math.Inf(1)
		}
		if !(factor > 1) {
			continue
		}
		if mul == nil {
			mul = make([]float64, g.NumNodes())
			for i := range mul {
				mul[i] = 1
			}
		}
		mul[a.Node] = math.Max(mul[a.Node], factor)
	}
	return &Overlay{mul: mul}
}

// Closed reports whether node v is closed.
func (o *Overlay) Closed(v graph.NodeID) bool {
	return o != nil && o.mul != nil && math.IsInf(o.mul[v], 1)
}

// Congestion returns node v's congestion factor: 1 if none, +Inf if
// closed.
func (o *Overlay) Congestion(v graph.NodeID) float64 {
	if o == nil || o.mul == nil {
		return 1
	}
	return o.mul[v]
}

// edgeMul is the multiplier of an edge's cost: the worse of its ends, so
// congestion on a route slows both the way in and the way out.
func (o *Overlay) edgeMul(u, v graph.NodeID) float64 {
	if o == nil || o.mul == nil {
		return 1
	}
	return math.Max(o.mul[u], o.mul[v])
}
