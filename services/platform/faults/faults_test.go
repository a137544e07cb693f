package faults_test

import (
	"context"
	"testing"
	"time"

	"github.com/kanto-api/kanto/services/platform/faults"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

const getPokemon = "/kanto.pokedex.v1.PokemonService/GetPokemon"

func TestParse(t *testing.T) {
	t.Parallel()
	for _, spec := range []string{"", "GetPokemon=300ms", "*=UNAVAILABLE@0.5", "GetPokemon=UNAVAILABLE#2",
		"/kanto.pokedex.v1.PokemonService/GetPokemon=DEADLINE_EXCEEDED, GetRoutes=1s"} {
		if _, err := faults.Parse(spec); err != nil {
			t.Errorf("Parse(%q) = %v", spec, err)
		}
	}
	for _, spec := range []string{"GetPokemon", "GetPokemon=soon", "GetPokemon=OK", "GetPokemon=UNAVAILABLE@2",
		"=1s", "GetPokemon=-1s", "GetPokemon=UNAVAILABLE#0", "GetPokemon=UNAVAILABLE#x"} {
		if _, err := faults.Parse(spec); err == nil {
			t.Errorf("Parse(%q) succeeded, want an error", spec)
		}
	}
}

func TestInject(t *testing.T) {
	t.Parallel()
	f, err := faults.Parse("GetPokemon=UNAVAILABLE#2,ListPokemon=PERMISSION_DENIED,GetRoutes=1h")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("the first calls fail, later ones pass", func(t *testing.T) {
		var got []codes.Code
		for range 4 {
			got = append(got, status.Code(f.Inject(t.Context(), getPokemon)))
		}
		want := []codes.Code{codes.Unavailable, codes.Unavailable, codes.OK, codes.OK}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("codes %v, want %v", got, want)
			}
		}
	})
	t.Run("an error without a count or rate hits every call", func(t *testing.T) {
		for range 3 {
			if err := f.Inject(t.Context(), "/kanto.pokedex.v1.PokemonService/ListPokemon"); status.Code(err) != codes.PermissionDenied {
				t.Fatalf("err = %v, want PermissionDenied", err)
			}
		}
	})
	t.Run("latency ends with the caller's context", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), 10*time.Millisecond)
		defer cancel()
		if err := f.Inject(ctx, "/kanto.routeplanner.v1.RoutePlannerService/GetRoutes"); status.Code(err) != codes.DeadlineExceeded {
			t.Errorf("err = %v, want DeadlineExceeded", err)
		}
	})
	t.Run("other methods pass", func(t *testing.T) {
		if err := f.Inject(t.Context(), "/kanto.pokedex.v1.PokemonService/DeletePokemon"); err != nil {
			t.Errorf("err = %v", err)
		}
	})
}
