package platform_test

import (
	"context"
	"testing"
	"time"

	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
	"github.com/kanto-api/kanto/services/platform"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

func TestParseFaults(t *testing.T) {
	t.Parallel()
	for _, spec := range []string{"", "GetPokemon=300ms", "*=UNAVAILABLE@0.5", "/kanto.pokedex.v1.PokemonService/GetPokemon=DEADLINE_EXCEEDED, GetRoutes=1s"} {
		if _, err := platform.ParseFaults(spec); err != nil {
			t.Errorf("ParseFaults(%q) = %v", spec, err)
		}
	}
	for _, spec := range []string{"GetPokemon", "GetPokemon=soon", "GetPokemon=OK", "GetPokemon=UNAVAILABLE@2", "=1s", "GetPokemon=-1s"} {
		if _, err := platform.ParseFaults(spec); err == nil {
			t.Errorf("ParseFaults(%q) succeeded, want an error", spec)
		}
	}
}

func TestInjectedFaults(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	cfg.Faults = "GetPokemon=150ms,DeletePokemon=UNAVAILABLE"
	handled := make(chan struct{}, 10)
	h := start(t, cfg, &fakePokedex{
		GetPokemonFn: func(context.Context, *pokedexv1.GetPokemonRequest) (*pokedexv1.GetPokemonResponse, error) {
			handled <- struct{}{}
			return &pokedexv1.GetPokemonResponse{}, nil
		},
	}, &fakePlanner{})
	client := pokedexv1.NewPokemonServiceClient(h.conn)

	t.Run("latency delays the call", func(t *testing.T) {
		start := time.Now()
		if _, err := client.GetPokemon(t.Context(), &pokedexv1.GetPokemonRequest{Id: 1}); err != nil {
			t.Fatal(err)
		}
		if elapsed := time.Since(start); elapsed < 150*time.Millisecond {
			t.Errorf("call took %v, want at least the injected 150ms", elapsed)
		}
		<-handled
	})
	t.Run("latency longer than the deadline never reaches the handler", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
		defer cancel()
		_, err := client.GetPokemon(ctx, &pokedexv1.GetPokemonRequest{Id: 1})
		if status.Code(err) != codes.DeadlineExceeded {
			t.Fatalf("err = %v, want DeadlineExceeded", err)
		}
		// Another call must be the next to reach the handler.
		if _, err := client.GetPokemon(t.Context(), &pokedexv1.GetPokemonRequest{Id: 1}); err != nil {
			t.Fatal(err)
		}
		<-handled
		select {
		case <-handled:
			t.Error("the timed-out call reached the handler")
		default:
		}
	})
	t.Run("errors are injected", func(t *testing.T) {
		_, err := client.DeletePokemon(t.Context(), &pokedexv1.DeletePokemonRequest{Id: 1})
		if status.Code(err) != codes.Unavailable {
			t.Errorf("err = %v, want Unavailable", err)
		}
	})
}
