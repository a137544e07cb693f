package graph

import (
	"fmt"

	"github.com/kanto-api/kanto/services/kantomap"
)

var kantoKinds = map[kantomap.Kind]Kind{
	kantomap.KindTown:     KindTown,
	kantomap.KindCity:     KindCity,
	kantomap.KindRoute:    KindRoute,
	kantomap.KindSeaRoute: KindSeaRoute,
	kantomap.KindDungeon:  KindDungeon,
}

// FromKantoMap builds the graph of the embedded Kanto map: every place a
// node, in the map's order, and every connection an edge.
func FromKantoMap() (*Graph, error) {
	places := kantomap.Places()
	nodes := make([]Node, len(places))
	index := make(map[string]NodeID, len(places))
	for i, p := range places {
		nodes[i] = Node{ID: p.ID, Name: p.Name, Kind: kantoKinds[p.Kind], Latitude: p.Latitude, Longitude: p.Longitude}
		index[p.ID] = NodeID(i)
	}
	var edges []Edge
	for _, e := range kantomap.Edges() {
		from, okFrom := index[e.From]
		to, okTo := index[e.To]
		if !okFrom || !okTo {
			return nil, fmt.Errorf("kanto map edge %s–%s: unknown place", e.From, e.To)
		}
		edges = append(edges, Edge{From: from, To: to, Factor: e.Factor})
	}
	return New(nodes, edges)
}
