package kanto_test

import (
	"context"
	"net"
	"testing"

	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
	routeplannerv1 "github.com/kanto-api/kanto/gen/go/kanto/routeplanner/v1"
	"google.golang.org/grpc"
)

// fakePokedex is a Pokédex whose handlers are set per test; a nil Fn
// answers UNIMPLEMENTED.
type fakePokedex struct {
	pokedexv1.UnimplementedPokemonServiceServer
	GetPokemonFn    func(context.Context, *pokedexv1.GetPokemonRequest) (*pokedexv1.GetPokemonResponse, error)
	ListPokemonFn   func(context.Context, *pokedexv1.ListPokemonRequest) (*pokedexv1.ListPokemonResponse, error)
	CreatePokemonFn func(context.Context, *pokedexv1.CreatePokemonRequest) (*pokedexv1.CreatePokemonResponse, error)
	UpdatePokemonFn func(context.Context, *pokedexv1.UpdatePokemonRequest) (*pokedexv1.UpdatePokemonResponse, error)
}

func (f *fakePokedex) GetPokemon(ctx context.Context, req *pokedexv1.GetPokemonRequest) (*pokedexv1.GetPokemonResponse, error) {
	if f.GetPokemonFn == nil {
		return f.UnimplementedPokemonServiceServer.GetPokemon(ctx, req)
	}
	return f.GetPokemonFn(ctx, req)
}

func (f *fakePokedex) ListPokemon(ctx context.Context, req *pokedexv1.ListPokemonRequest) (*pokedexv1.ListPokemonResponse, error) {
	if f.ListPokemonFn == nil {
		return f.UnimplementedPokemonServiceServer.ListPokemon(ctx, req)
	}
	return f.ListPokemonFn(ctx, req)
}

func (f *fakePokedex) CreatePokemon(ctx context.Context, req *pokedexv1.CreatePokemonRequest) (*pokedexv1.CreatePokemonResponse, error) {
	if f.CreatePokemonFn == nil {
		return f.UnimplementedPokemonServiceServer.CreatePokemon(ctx, req)
	}
	return f.CreatePokemonFn(ctx, req)
}

func (f *fakePokedex) UpdatePokemon(ctx context.Context, req *pokedexv1.UpdatePokemonRequest) (*pokedexv1.UpdatePokemonResponse, error) {
	if f.UpdatePokemonFn == nil {
		return f.UnimplementedPokemonServiceServer.UpdatePokemon(ctx, req)
	}
	return f.UpdatePokemonFn(ctx, req)
}

// fakeRoutePlanner is a route planner whose handlers are set per test.
type fakeRoutePlanner struct {
	routeplannerv1.UnimplementedRoutePlannerServiceServer
	NavigateFn func(grpc.BidiStreamingServer[routeplannerv1.NavigateRequest, routeplannerv1.NavigateResponse]) error
}

func (f *fakeRoutePlanner) Navigate(stream grpc.BidiStreamingServer[routeplannerv1.NavigateRequest, routeplannerv1.NavigateResponse]) error {
	if f.NavigateFn == nil {
		return f.UnimplementedRoutePlannerServiceServer.Navigate(stream)
	}
	return f.NavigateFn(stream)
}

// startFake serves the fakes on a fresh 127.0.0.1 port until the test ends
// and returns the address.
func startFake(t *testing.T, pokedex *fakePokedex, routePlanner *fakeRoutePlanner) string {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := grpc.NewServer()
	if pokedex != nil {
		pokedexv1.RegisterPokemonServiceServer(srv, pokedex)
	}
	if routePlanner != nil {
		routeplannerv1.RegisterRoutePlannerServiceServer(srv, routePlanner)
	}
	go func() { _ = srv.Serve(lis) }() // returns when Stop is called
	t.Cleanup(srv.Stop)
	return lis.Addr().String()
}
