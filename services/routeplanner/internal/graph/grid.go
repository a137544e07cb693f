package graph

import (
	"math"

	"github.com/kanto-api/kanto/services/routeplanner/internal/geo"
)

// grid is a uniform latitude/longitude bucket index over the nodes, sized
// for about two nodes a cell, so Nearest and Within look at a handful of
// cells instead of every node of a million-node graph.
type grid struct {
	minLat, minLng   float64
	cellLat, cellLng float64 // cell size in degrees
	rows, cols       int
	// cosMin is the smallest cosine of the nodes' latitudes: longitude
	// degrees are shortest there, which keeps distance bounds conservative.
	cosMin float64
	// Nodes bucketed by cell in CSR form: cell c holds
	// nodes[start[c]:start[c+1]], in NodeID order.
	start []int32
	nodes []NodeID
}

// kmPerDegree is the length of a degree of latitude (and of longitude at the
// equator).
const kmPerDegree = geo.EarthRadiusKM * math.Pi / 180

func newGrid(lat, lng []float64) grid {
	n := len(lat)
	if n == 0 {
		return grid{}
	}
	minLat, maxLat, minLng, maxLng := lat[0], lat[0], lng[0], lng[0]
	maxAbsLat := 0.0
	for i := range n {
		minLat, maxLat = math.Min(minLat, lat[i]), math.Max(maxLat, lat[i])
		minLng, maxLng = math.Min(minLng, lng[i]), math.Max(maxLng, lng[i])
		maxAbsLat = math.Max(maxAbsLat, math.Abs(lat[i]))
	}
	// Square-ish cells in kilometres, about two nodes each.
	cosMid := math.Max(0.01, math.Cos((minLat+maxLat)/2*math.Pi/180))
	heightKM := math.Max((maxLat-minLat)*kmPerDegree, 1e-6)
	widthKM := math.Max((maxLng-minLng)*kmPerDegree*cosMid, 1e-6)
	side := math.Sqrt(heightKM * widthKM / math.Max(1, float64(n)/2))
	rows := int(math.Min(math.Ceil(heightKM/side), float64(n)))
	cols := int(math.Min(math.Ceil(widthKM/side), float64(n)))
	rows, cols = max(rows, 1), max(cols, 1)
	gr := grid{
		minLat:  minLat,
		minLng:  minLng,
		rows:    rows,
		cols:    cols,
		cellLat: math.Max((maxLat-minLat)/float64(rows), 1e-12),
		cellLng: math.Max((maxLng-minLng)/float64(cols), 1e-12),
		cosMin:  math.Cos(maxAbsLat * math.Pi / 180),
		start:   make([]int32, rows*cols+1),
		nodes:   make([]NodeID, n),
	}
	cells := make([]int32, n)
	for i := range n {
		c := int32(gr.cell(lat[i], lng[i]))
		cells[i] = c
		gr.start[c+1]++
	}
	for c := range rows * cols {
		gr.start[c+1] += gr.start[c]
	}
	next := make([]int32, rows*cols)
	copy(next, gr.start)
	for i := range n {
		c := cells[i]
		gr.nodes[next[c]] = NodeID(i)
		next[c]++
	}
	return gr
}

func (gr *grid) rowCol(lat, lng float64) (int, int) {
	r := int(math.Floor((lat - gr.minLat) / gr.cellLat))
	c := int(math.Floor((lng - gr.minLng) / gr.cellLng))
	return min(max(r, 0), gr.rows-1), min(max(c, 0), gr.cols-1)
}

func (gr *grid) cell(lat, lng float64) int {
	r, c := gr.rowCol(lat, lng)
	return r*gr.cols + c
}

// lngBoundKM is a lower bound of the great-circle distance between two
// points whose longitudes differ by at least gapDeg, both at latitudes whose
// cosine is at least cosMin: from the haversine formula,
// hav(d) >= cos(lat1)·cos(lat2)·hav(dLng).
func lngBoundKM(gapDeg, cosMin float64) float64 {
	if gapDeg >= 180 {
		gapDeg = 180
	}
	s := cosMin * math.Sin(gapDeg*math.Pi/360)
	return 2 * geo.EarthRadiusKM * math.Asin(math.Min(1, s))
}

// nearest searches blocks of cells growing ring by ring around the point's
// cell, and stops once no node outside the block can beat the best found.
func (gr *grid) nearest(g *Graph, lat, lng float64) Near {
	best := Near{Node: -1, DistanceKM: math.Inf(1)}
	r0, c0 := gr.rowCol(lat, lng)
	cosMin := math.Min(gr.cosMin, math.Cos(lat*math.Pi/180))
	for k := 0; ; k++ {
		rLo, rHi, cLo, cHi := r0-k, r0+k, c0-k, c0+k
		for r := max(rLo, 0); r <= min(rHi, gr.rows-1); r++ {
			for c := max(cLo, 0); c <= min(cHi, gr.cols-1); c++ {
				// Only the ring's border cells are new.
				if r != rLo && r != rHi && c != cLo && c != cHi {
					continue
				}
				for _, v := range gr.nodes[gr.start[r*gr.cols+c]:gr.start[r*gr.cols+c+1]] {
					d := geo.DistanceKM(lat, lng, g.lat[v], g.lng[v])
					if d < best.DistanceKM || (d == best.DistanceKM && v < best.Node) {
						best = Near{Node: v, DistanceKM: d}
					}
				}
			}
		}
		// A node outside the block lies beyond one of its four sides; a side
		// at the edge of the grid has no nodes beyond it.
		bound := math.Inf(1)
		if rLo > 0 {
			bound = math.Min(bound, (lat-(gr.minLat+float64(rLo)*gr.cellLat))*kmPerDegree)
		}
		if rHi < gr.rows-1 {
			bound = math.Min(bound, (gr.minLat+float64(rHi+1)*gr.cellLat-lat)*kmPerDegree)
		}
		if cLo > 0 {
			bound = math.Min(bound, lngBoundKM(lng-(gr.minLng+float64(cLo)*gr.cellLng), cosMin))
		}
		if cHi < gr.cols-1 {
			bound = math.Min(bound, lngBoundKM(gr.minLng+float64(cHi+1)*gr.cellLng-lng, cosMin))
		}
		if best.DistanceKM < bound || (rLo <= 0 && cLo <= 0 && rHi >= gr.rows-1 && cHi >= gr.cols-1) {
			return best
		}
	}
}

// within scans the cells that can hold a node within radiusKM.
func (gr *grid) within(g *Graph, lat, lng, radiusKM float64) []Near {
	if len(gr.nodes) == 0 || !(radiusKM >= 0) {
		return nil
	}
	dLat := radiusKM / kmPerDegree
	rLo, _ := gr.rowCol(lat-dLat, lng)
	rHi, _ := gr.rowCol(lat+dLat, lng)
	// Invert lngBoundKM: points further apart in longitude than dLng are
	// further apart than radiusKM.
	cosMin := math.Min(gr.cosMin, math.Cos(math.Min(90, math.Abs(lat)+dLat)*math.Pi/180))
	cLo, cHi := 0, gr.cols-1
	if s := math.Sin(radiusKM/(2*geo.EarthRadiusKM)) / cosMin; cosMin > 0 && s < 1 {
		dLng := 2 * math.Asin(s) * 180 / math.Pi
		_, cLo = gr.rowCol(lat, lng-dLng)
		_, cHi = gr.rowCol(lat, lng+dLng)
	}
	var found []Near
	for r := rLo; r <= rHi; r++ {
		for c := cLo; c <= cHi; c++ {
			for _, v := range gr.nodes[gr.start[r*gr.cols+c]:gr.start[r*gr.cols+c+1]] {
				if d := geo.DistanceKM(lat, lng, g.lat[v], g.lng[v]); d <= radiusKM {
					found = append(found, Near{Node: v, DistanceKM: d})
				}
			}
		}
	}
	return found
}
