// Command getpokemon fetches Pokémon #25 from the Pokédex and prints
//
//	Pokemon #25 is Pikachu
//
// It is the talk's client, written with the Kanto Go SDK. The Pokédex
// address comes from -addr (default: its google.api.default_host, where `make run`
// serves it, without TLS).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
	"github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1/pokedexv1kanto"
	kanto "github.com/kanto-api/kanto/sdk/go"
)

func main() {
	addr := flag.String("addr", pokedexv1kanto.PokemonServiceInfo.DefaultTarget, "address of the Pokédex (plaintext gRPC)")
	id := flag.Int("id", 25, "national Pokédex number to fetch")
	flag.Parse()
	if err := run(*addr, int32(*id)); err != nil {
		fmt.Fprintln(os.Stderr, "getpokemon:", err)
		os.Exit(1)
	}
}

func run(addr string, id int32) (err error) {
	client, err := pokedexv1kanto.DialPokemon(kanto.WithInsecure(), kanto.WithTarget(addr))
	if err != nil {
		return err
	}
	defer func() {
		if cerr := client.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	resp, err := client.GetPokemon(ctx, &pokedexv1.GetPokemonRequest{Id: id})
	if err != nil {
		return err
	}
	fmt.Printf("Pokemon #%d is %s\n", resp.GetPokemon().GetId(), resp.GetPokemon().GetName())
	return nil
}
