package kantomap_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/kanto-api/kanto/services/kantomap"
)

func wantIDs() []string {
	ids := []string{
		"pallet-town", "viridian-city", "pewter-city", "cerulean-city", "vermilion-city",
		"lavender-town", "celadon-city", "fuchsia-city", "saffron-city", "cinnabar-island",
		"indigo-plateau",
		"viridian-forest", "mt-moon", "rock-tunnel", "diglett-cave", "seafoam-islands",
		"victory-road", "power-plant", "cerulean-cave", "safari-zone",
	}
	for i := 1; i <= 25; i++ {
		ids = append(ids, fmt.Sprintf("route-%d", i))
	}
	return ids
}

func TestPlaces(t *testing.T) {
	t.Parallel()
	places := kantomap.Places()
	if got, want := len(places), len(wantIDs()); got != want {
		t.Errorf("len(Places()) = %d, want %d", got, want)
	}
	for _, id := range wantIDs() {
		p, ok := kantomap.PlaceByID(id)
		if !ok {
			t.Errorf("PlaceByID(%q) not found", id)
			continue
		}
		if p.ID != id || p.Name == "" {
			t.Errorf("PlaceByID(%q) = %+v", id, p)
		}
		// The Kantō plain, with a little sea around it.
		if p.Latitude < 35.0 || p.Latitude > 36.5 || p.Longitude < 138.8 || p.Longitude > 140.5 {
			t.Errorf("%s at %v,%v is outside the Kantō plain", id, p.Latitude, p.Longitude)
		}
	}
	if _, ok := kantomap.PlaceByID("johto"); ok {
		t.Error(`PlaceByID("johto") found a place`)
	}
}

func TestKinds(t *testing.T) {
	t.Parallel()
	tests := map[string]kantomap.Kind{
		"pallet-town":     kantomap.KindTown,
		"saffron-city":    kantomap.KindCity,
		"route-1":         kantomap.KindRoute,
		"route-19":        kantomap.KindSeaRoute,
		"route-20":        kantomap.KindSeaRoute,
		"route-21":        kantomap.KindSeaRoute,
		"mt-moon":         kantomap.KindDungeon,
		"seafoam-islands": kantomap.KindDungeon,
	}
	for id, want := range tests {
		if p, _ := kantomap.PlaceByID(id); p.Kind != want {
			t.Errorf("%s kind = %q, want %q", id, p.Kind, want)
		}
	}
}

// TestLayout checks the games' relative layout survived the projection.
func TestLayout(t *testing.T) {
	t.Parallel()
	at := func(id string) kantomap.Place {
		p, ok := kantomap.PlaceByID(id)
		if !ok {
			t.Fatalf("no %s", id)
		}
		return p
	}
	saffron := at("saffron-city")
	checks := []struct {
		name string
		ok   bool
	}{
		{"Cerulean north of Saffron", at("cerulean-city").Latitude > saffron.Latitude},
		{"Vermilion south of Saffron", at("vermilion-city").Latitude < saffron.Latitude},
		{"Lavender east of Saffron", at("lavender-town").Longitude > saffron.Longitude},
		{"Celadon west of Saffron", at("celadon-city").Longitude < saffron.Longitude},
		{"Fuchsia south of Vermilion", at("fuchsia-city").Latitude < at("vermilion-city").Latitude},
		{"Pallet south-west of Saffron", at("pallet-town").Latitude < saffron.Latitude && at("pallet-town").Longitude < saffron.Longitude},
		{"Cinnabar south of Pallet", at("cinnabar-island").Latitude < at("pallet-town").Latitude},
		{"Indigo Plateau westmost", slices.MinFunc(kantomap.Places(), func(a, b kantomap.Place) int {
			return cmpFloat(a.Longitude, b.Longitude)
		}).Longitude == at("indigo-plateau").Longitude},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("%s: false", c.name)
		}
	}
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestEdges(t *testing.T) {
	t.Parallel()
	edges := kantomap.Edges()
	adj := map[string][]string{}
	seen := map[[2]string]bool{}
	for _, e := range edges {
		for _, id := range []string{e.From, e.To} {
			if _, ok := kantomap.PlaceByID(id); !ok {
				t.Errorf("edge %s–%s: unknown place %q", e.From, e.To, id)
			}
		}
		key := [2]string{min(e.From, e.To), max(e.From, e.To)}
		if seen[key] {
			t.Errorf("edge %s–%s listed twice", e.From, e.To)
		}
		seen[key] = true
		if e.DistanceKM <= 0 || e.DistanceKM > 150 {
			t.Errorf("edge %s–%s: distance %v km", e.From, e.To, e.DistanceKM)
		}
		if e.Factor < 1 {
			t.Errorf("edge %s–%s: factor %v < 1", e.From, e.To, e.Factor)
		}
		adj[e.From] = append(adj[e.From], e.To)
		adj[e.To] = append(adj[e.To], e.From)
	}

	t.Run("connected", func(t *testing.T) {
		t.Parallel()
		seen := map[string]bool{"pallet-town": true}
		queue := []string{"pallet-town"}
		for len(queue) > 0 {
			id := queue[0]
			queue = queue[1:]
			for _, next := range adj[id] {
				if !seen[next] {
					seen[next] = true
					queue = append(queue, next)
				}
			}
		}
		for _, p := range kantomap.Places() {
			if !seen[p.ID] {
				t.Errorf("%s is not reachable from Pallet Town", p.ID)
			}
		}
	})

	t.Run("games", func(t *testing.T) {
		t.Parallel()
		for _, pair := range [][2]string{
			{"pallet-town", "route-1"}, {"route-1", "viridian-city"},
			{"route-3", "mt-moon"}, {"mt-moon", "route-4"}, {"route-4", "cerulean-city"},
			{"route-10", "power-plant"}, {"route-11", "diglett-cave"}, {"diglett-cave", "route-2"},
			{"route-20", "seafoam-islands"}, {"seafoam-islands", "cinnabar-island"},
			{"route-21", "pallet-town"}, {"route-23", "victory-road"}, {"victory-road", "indigo-plateau"},
			{"cerulean-city", "cerulean-cave"}, {"fuchsia-city", "safari-zone"}, {"route-24", "route-25"},
		} {
			if !slices.Contains(adj[pair[0]], pair[1]) {
				t.Errorf("no edge %s–%s", pair[0], pair[1])
			}
		}
		// Route 25 is a dead end past Bill's house.
		if got := adj["route-25"]; len(got) != 1 {
			t.Errorf("route-25 neighbours = %v, want only route-24", got)
		}
	})
}

func TestEncounters(t *testing.T) {
	t.Parallel()
	encounters := kantomap.Encounters()
	rates := map[string]int32{}
	has := map[string][]int32{}
	for _, e := range encounters {
		p, ok := kantomap.PlaceByID(e.PlaceID)
		if !ok {
			t.Errorf("encounter at unknown place %q", e.PlaceID)
			continue
		}
		if p.Kind == kantomap.KindTown || p.Kind == kantomap.KindCity {
			t.Errorf("encounter in %s, a %s", p.ID, p.Kind)
		}
		if e.PokemonID < 1 || e.PokemonID > 151 {
			t.Errorf("%s: Pokémon #%d is not from Kanto", e.PlaceID, e.PokemonID)
		}
		if e.RatePercent < 1 || e.RatePercent > 100 {
			t.Errorf("%s #%d: rate %d%%", e.PlaceID, e.PokemonID, e.RatePercent)
		}
		if e.MinLevel < 1 || e.MaxLevel > 100 || e.MinLevel > e.MaxLevel {
			t.Errorf("%s #%d: levels %d–%d", e.PlaceID, e.PokemonID, e.MinLevel, e.MaxLevel)
		}
		rates[e.PlaceID] += e.RatePercent
		has[e.PlaceID] = append(has[e.PlaceID], e.PokemonID)
	}
	for id, sum := range rates {
		if sum != 100 {
			t.Errorf("%s: rates add up to %d%%, want 100%%", id, sum)
		}
	}
	// Every route and dungeon has wild Pokémon.
	for _, p := range kantomap.Places() {
		if p.Kind != kantomap.KindTown && p.Kind != kantomap.KindCity && len(has[p.ID]) == 0 {
			t.Errorf("%s has no encounters", p.ID)
		}
	}
	facts := []struct {
		place   string
		pokemon int32
		what    string
	}{
		{"route-1", 16, "Pidgey"},
		{"route-1", 19, "Rattata"},
		{"viridian-forest", 25, "Pikachu"},
		{"mt-moon", 35, "Clefairy"},
		{"route-19", 72, "Tentacool"},
		{"power-plant", 145, "Zapdos"},
		{"seafoam-islands", 144, "Articuno"},
		{"victory-road", 146, "Moltres"},
		{"cerulean-cave", 150, "Mewtwo"},
	}
	for _, f := range facts {
		if !slices.Contains(has[f.place], f.pokemon) {
			t.Errorf("%s has no %s (#%d)", f.place, f.what, f.pokemon)
		}
	}
}

// TestCopies checks callers cannot corrupt the shared data.
func TestCopies(t *testing.T) {
	t.Parallel()
	kantomap.Places()[0].Name = "Twinleaf Town"
	kantomap.Edges()[0].Factor = 99
	kantomap.Encounters()[0].PokemonID = 999
	if kantomap.Places()[0].Name == "Twinleaf Town" || kantomap.Edges()[0].Factor == 99 || kantomap.Encounters()[0].PokemonID == 999 {
		t.Error("modifying a returned slice changed the map")
	}
}
