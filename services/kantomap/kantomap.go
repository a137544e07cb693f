// Package kantomap is the embedded map of the Kanto region of Pokémon
// Red/Blue/FireRed: its places, the connections between them and the wild
// Pokémon met at each place.
//
// The map is kept as JSON data files (data/places.json, data/edges.json,
// data/encounters.json) embedded in the binary, so the geography is edited
// as data, not code. It is laid over the real Kantō plain of Japan
// (roughly 35.1–36.4°N, 138.8–140.5°E) with the games' relative layout:
// one cell of the games' town map is about 10 km.
//
// Every place is a node of the map, routes and dungeons included; edges
// are undirected, and their length is the great-circle distance between
// the coordinates of their ends. The data is parsed once, on first use, and
// every function returns copies, so callers may modify what they get. All
// functions are safe for concurrent use.
package kantomap

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"math"

	"sync"
)

// Kind says what sort of place a Place is.
type Kind string

// The kinds of places on the map.
const (
	// KindTown is a town: Pallet Town, Lavender Town, Cinnabar Island,
	// Indigo Plateau.
	KindTown Kind = "town"
	// KindCity is a city: Viridian, Pewter, Cerulean, Vermilion, Celadon,
	// Fuchsia, Saffron.
	KindCity Kind = "city"
	// KindRoute is a numbered route walked on land.
	KindRoute Kind = "route"
	// KindSeaRoute is a numbered route crossed by surfing (19, 20 and 21).
	KindSeaRoute Kind = "sea_route"
	// KindDungeon is a forest, cave or building such as Mt. Moon or the
	// Safari Zone.
	KindDungeon Kind = "dungeon"
)

func (k Kind) valid() bool {
	switch k {
	case KindTown, KindCity, KindRoute, KindSeaRoute, KindDungeon:
		return true
	}
	return false
}

// WalkingSpeedKMH is the pace, in kilometres per hour, that estimated travel
// times assume: a traveller crosses an edge in
// DistanceKM * Factor / WalkingSpeedKMH hours.
const WalkingSpeedKMH = 5.0

// A Place is a node of the map.
type Place struct {
	// ID is the stable slug, for example "pallet-town" or "route-1".
	ID string
	// Name is the display name, for example "Pallet Town".
	Name string
	// Kind is what sort of place it is.
	Kind Kind
	// Latitude and Longitude locate the place in WGS84 degrees.
	Latitude, Longitude float64
}

// An Edge connects two places; travel is possible both ways.
type Edge struct {
	// From and To are place ids; the order carries no meaning.
	From, To string
	// DistanceKM is the great-circle distance between the two places.
	DistanceKM float64
	// Factor is how much slower than walking the edge is, at least 1:
	// surfing and dungeons are slower than a path through the grass.
	Factor float64
}

// An Encounter is one wild Pokémon that may appear at a place.
type Encounter struct {
	// PlaceID is the place where the Pokémon appears.
	PlaceID string
	// PokemonID is the national Pokédex number, 1 to 151.
	PokemonID int32
	// RatePercent is how often it appears among the place's encounters;
	// a place's rates add up to 100.
	RatePercent int32
	// MinLevel and MaxLevel bound the levels it appears at.
	MinLevel, MaxLevel int32
}

//go:embed data/*.json
var data embed.FS

type kantoMap struct {
	places     []Place
	byID       map[string]int
	edges      []Edge
	encounters []Encounter
}

// load parses the embedded data once. It fails only if the data files are
// broken, which the package's tests catch, so the exported functions panic
// rather than make every caller handle an error that cannot happen in a
// tested build.
var load = sync.OnceValues(parse)

func mustLoad() *kantoMap {
	m, err := load()
	if err != nil {
		panic("kantomap: embedded data is invalid: " + err.Error())
	}
	return m
}

// Places returns every place of the map, in the order of the data file.
func Places() []Place {
	m := mustLoad()
	out := make([]Place, len(m.places))
	copy(out, m.places)
	return out
}

// PlaceByID returns the place with the given id, and false if there is none.
// (It cannot be called Place: that name is the type's.)
func PlaceByID(id string) (Place, bool) {
	m := mustLoad()
	i, ok := m.byID[id]
	if !ok {
		return Place{}, false
	}
	return m.places[i], true
}

// Edges returns every connection of the map, each once.
func Edges() []Edge {
	m := mustLoad()
	out := make([]Edge, len(m.edges))
	copy(out, m.edges)
	return out
}

// Encounters returns the wild Pokémon of every place that has any, grouped
// by place in the order of the data file. Towns and cities have none.
func Encounters() []Encounter {
	m := mustLoad()
	out := make([]Encounter, len(m.encounters))
	copy(out, m.encounters)
	return out
}

type placeJSON struct {
	ID        string  `json:"id"`
	Name      string  `json:"name"`
	Kind      Kind    `json:"kind"`
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
}

type edgeJSON struct {
	From   string  `json:"from"`
	To     string  `json:"to"`
	Factor float64 `json:"factor"`
	// Note is for people editing the data, for example which in-game
	// passage an edge stands for.
	Note string `json:"note"`
}

type encountersJSON struct {
	PlaceID string `json:"place_id"`
	Pokemon []struct {
		PokemonID   int32 `json:"pokemon_id"`
		RatePercent int32 `json:"rate_percent"`
		MinLevel    int32 `json:"min_level"`
		MaxLevel    int32 `json:"max_level"`
	} `json:"pokemon"`
}

func parse() (*kantoMap, error) {
	var (
		places     []placeJSON
		edges      []edgeJSON
		encounters []encountersJSON
	)
	for name, v := range map[string]any{
		"data/places.json":     &places,
		"data/edges.json":      &edges,
		"data/encounters.json": &encounters,
	} {
		if err := decode(name, v); err != nil {
			return nil, err
		}
	}

	m := &kantoMap{byID: make(map[string]int, len(places))}
	for _, p := range places {
		if p.ID == "" || p.Name == "" || !p.Kind.valid() {
			return nil, fmt.Errorf("place %q: id, name and a known kind are required", p.ID)
		}
		if _, dup := m.byID[p.ID]; dup {
			return nil, fmt.Errorf("place %q: duplicate id", p.ID)
		}
		m.byID[p.ID] = len(m.places)
		m.places = append(m.places, Place(p))
	}
	for _, e := range edges {
		from, okFrom := m.byID[e.From]
		to, okTo := m.byID[e.To]
		if !okFrom || !okTo || from == to {
			return nil, fmt.Errorf("edge %s–%s: ends must be two known places", e.From, e.To)
		}
		// Factors below 1 would make the straight-line distance an
		// overestimate, and route planners rely on it as a lower bound.
		if !(e.Factor >= 1) || math.IsInf(e.Factor, 0) {
			return nil, fmt.Errorf("edge %s–%s: factor %v must be at least 1", e.From, e.To, e.Factor)
		}
		a, b := m.places[from], m.places[to]
		m.edges = append(m.edges, Edge{
			From:       e.From,
			To:         e.To,
			DistanceKM: haversineKM(a.Latitude, a.Longitude, b.Latitude, b.Longitude),
			Factor:     e.Factor,
		})
	}
	for _, group := range encounters {
		if _, ok := m.byID[group.PlaceID]; !ok {
			return nil, fmt.Errorf("encounters: unknown place %q", group.PlaceID)
		}
		for _, p := range group.Pokemon {
			m.encounters = append(m.encounters, Encounter{
				PlaceID:     group.PlaceID,
				PokemonID:   p.PokemonID,
				RatePercent: p.RatePercent,
				MinLevel:    p.MinLevel,
				MaxLevel:    p.MaxLevel,
			})
		}
	}
	return m, nil
}

func decode(name string, v any) error {
	b, err := data.ReadFile(name)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	// Unknown fields are typos in hand-edited data: reject them rather
	// than silently drop what the editor meant.
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// earthRadiusKM is the mean Earth radius (IUGG), the usual choice for the
// haversine formula.
const earthRadiusKM = 6371.0088

func haversineKM(lat1, lng1, lat2, lng2 float64) float64 {
	const rad = math.Pi / 180
	dLat := (lat2 - lat1) * rad
	dLng := (lng2 - lng1) * rad
	s := math.Sin(dLat/2)*math.Sin(dLat/2) +
		math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLng/2)*math.Sin(dLng/2)
	return 2 * earthRadiusKM * math.Asin(math.Min(1, math.Sqrt(s)))
}
