package rules_test

import (
	"testing"

	geov1 "github.com/kanto-api/kanto/gen/go/kanto/geo/v1"
	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
	routeplannerv1 "github.com/kanto-api/kanto/gen/go/kanto/routeplanner/v1"
	"github.com/kanto-api/kanto/services/platform/rules"
)

// The expected values restate the schema on purpose: this test is where a
// change of a limit in proto/ shows up as a reviewed diff.
func TestLimitsComeFromTheSchema(t *testing.T) {
	t.Parallel()
	if lo, hi := rules.Int32Range(&routeplannerv1.GetRoutesRequest{}, "max_routes"); lo != 0 || hi != 10 {
		t.Errorf("GetRoutesRequest.max_routes = %d..%d", lo, hi)
	}
	if lo, hi := rules.Int32Range(&pokedexv1.GetPokemonRequest{}, "id"); lo != 1 || hi != 9999 {
		t.Errorf("GetPokemonRequest.id = %d..%d", lo, hi)
	}
	if lo, hi := rules.DoubleRange(&geov1.Location{}, "latitude"); lo != -90 || hi != 90 {
		t.Errorf("Location.latitude = %v..%v", lo, hi)
	}
	if n := rules.MaxItems(&pokedexv1.ListEncountersRequest{}, "place_ids"); n != 64 {
		t.Errorf("ListEncountersRequest.place_ids max_items = %d", n)
	}
}

func TestMismatchPanics(t *testing.T) {
	t.Parallel()
	for name, f := range map[string]func(){
		"no such field":   func() { rules.Field(&geov1.Location{}, "altitude") },
		"no rules":        func() { rules.Field(&routeplannerv1.GetRoutesResponse{}, "routes") },
		"no max_items":    func() { rules.MaxItems(&pokedexv1.GetPokemonRequest{}, "id") },
		"no inclusive hi": func() { rules.DoubleRange(&pokedexv1.Pokemon{}, "height_meters") },
		"wrong rule type": func() { rules.Int32Range(&geov1.Location{}, "latitude") },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			f()
		})
	}
}
