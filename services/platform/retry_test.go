package platform_test

import (
	"context"
	"sync/atomic"
	"testing"

	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
	"github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1/pokedexv1kanto"
	"github.com/kanto-api/kanto/services/platform"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// TestUnavailableIsRetried guards against the platform sending response
// headers before an error: a client that has seen headers never retries,
// which would silently disable every retry policy of the service configs.
func TestUnavailableIsRetried(t *testing.T) {
	t.Parallel()
	var attempts atomic.Int32
	h := start(t, testConfig(), &fakePokedex{GetPokemonFn: func(context.Context, *pokedexv1.GetPokemonRequest) (*pokedexv1.GetPokemonResponse, error) {
		if attempts.Add(1) < 3 {
			return nil, status.Error(codes.Unavailable, "warming up")
		}
		return &pokedexv1.GetPokemonResponse{Pokemon: &pokedexv1.Pokemon{Id: 25}}, nil
	}}, &fakePlanner{})
	conn, err := grpc.NewClient(h.conn.Target(), grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultServiceConfig(pokedexv1kanto.PokemonServiceInfo.ServiceConfig))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var header, trailer metadata.MD
	resp, err := pokedexv1.NewPokemonServiceClient(conn).GetPokemon(t.Context(), &pokedexv1.GetPokemonRequest{Id: 25}, grpc.Header(&header), grpc.Trailer(&trailer))
	if err != nil {
		t.Fatalf("GetPokemon after two UNAVAILABLE answers: %v", err)
	}
	if resp.GetPokemon().GetId() != 25 || attempts.Load() != 3 {
		t.Errorf("got %v after %d attempts, want #25 after 3", resp, attempts.Load())
	}
	if len(header.Get(platform.RequestIDKey)) != 1 {
		t.Errorf("a successful call carries the request id in its headers; got %v", header)
	}
}

func TestFailedCallCarriesRequestIDInTrailer(t *testing.T) {
	t.Parallel()
	h := start(t, testConfig(), &fakePokedex{GetPokemonFn: func(context.Context, *pokedexv1.GetPokemonRequest) (*pokedexv1.GetPokemonResponse, error) {
		return nil, status.Error(codes.NotFound, "no such Pokémon")
	}}, &fakePlanner{})
	var header, trailer metadata.MD
	ctx := metadata.AppendToOutgoingContext(t.Context(), platform.RequestIDKey, "trace-404")
	_, err := pokedexv1.NewPokemonServiceClient(h.conn).GetPokemon(ctx, &pokedexv1.GetPokemonRequest{Id: 1}, grpc.Header(&header), grpc.Trailer(&trailer))
	if status.Code(err) != codes.NotFound {
		t.Fatalf("err = %v", err)
	}
	if got := trailer.Get(platform.RequestIDKey); len(got) != 1 || got[0] != "trace-404" {
		t.Errorf("trailer %v, want the request id", trailer)
	}
	if len(header) != 0 {
		t.Errorf("a failed call sent headers %v before its status", header)
	}
}
