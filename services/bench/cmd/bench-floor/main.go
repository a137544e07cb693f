// Command bench-floor is the floor of `make bench`: a bare grpc-go server
// of kanto.pokedex.v1.PokemonService on the same generated code as the
// Pokédex, with no interceptors, no logging, no validation and no store.
// GetPokemon answers a constant Pikachu; every other RPC is left to the
// generated Unimplemented server, since only GetPokemon is measured
// against it. It prints the address it listens on, then serves until it
// is killed.
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"

	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
	"google.golang.org/grpc"
)

type floor struct {
	pokedexv1.UnimplementedPokemonServiceServer
	resp *pokedexv1.GetPokemonResponse
}

// GetPokemon answers the same constant for every id.
func (f *floor) GetPokemon(context.Context, *pokedexv1.GetPokemonRequest) (*pokedexv1.GetPokemonResponse, error) {
	return f.resp, nil
}

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "listen address")
	flag.Parse()
	lis, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench-floor:", err)
		os.Exit(1)
	}
	srv := grpc.NewServer()
	pokedexv1.RegisterPokemonServiceServer(srv, &floor{resp: &pokedexv1.GetPokemonResponse{Pokemon: &pokedexv1.Pokemon{
		Id:              25,
		Name:            "Pikachu",
		Types:           []pokedexv1.PokemonType{pokedexv1.PokemonType_POKEMON_TYPE_ELECTRIC},
		Rarity:          pokedexv1.Rarity_RARITY_NORMAL,
		BaseStats:       &pokedexv1.BaseStats{Hp: 35, Attack: 55, Defense: 40, SpecialAttack: 50, SpecialDefense: 50, Speed: 90},
		HeightMeters:    0.4,
		WeightKilograms: 6,
	}}})
	fmt.Println(lis.Addr().String())
	if err := srv.Serve(lis); err != nil {
		fmt.Fprintln(os.Stderr, "bench-floor:", err)
		os.Exit(1)
	}
}
