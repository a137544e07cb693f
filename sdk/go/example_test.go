package kanto_test

import (
	"context"
	"fmt"
	"log"

	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
	"github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1/pokedexv1kanto"
	"github.com/kanto-api/kanto/gen/go/kantoclient"
	kanto "github.com/kanto-api/kanto/sdk/go"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// The examples of the generated clients (kantoclient, pokedexv1kanto, ...)
// are in README.md, whose every program TestREADME runs against live
// services. These are the runtime's own.

// Dial connects to one service, described by the generated code: here the
// Pokédex at its default host (google.api.default_host in the schema).
func ExampleDial() {
	conn, err := kanto.Dial(pokedexv1kanto.PokemonServiceInfo, kanto.WithInsecure())
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()
	// Connections are lazy: nothing is dialled before the first call.
	fmt.Println(conn.Target())
	// Output: 127.0.0.1:50051
}

// New checks its options once, before any call: here a bearer token that
// would travel in plaintext to a remote host.
func ExampleWithToken() {
	_, err := kantoclient.New(kanto.WithInsecure(), kanto.WithToken("secret"), kanto.WithTarget("kanto.example.com:80"))
	fmt.Println(err)
	// Output:
	// kanto: kanto.expedition.v1.ExpeditionService: a bearer token is sent only over TLS or to a loopback address, and kanto.example.com:80 is neither
}

// One target for every service (a proxy that routes by service), and one
// of them elsewhere.
func ExampleWithServiceTarget() {
	client, err := kantoclient.New(
		kanto.WithTarget("kanto.example.com:443"),
		kanto.WithServiceTarget(pokedexv1kanto.PokemonServiceInfo.Name, "pokedex.example.com:443"),
	)
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	fmt.Println("ready")
	// Output: ready
}

// Pages follows next_page_token; the generated ListPokemonPages is Pages
// over ListPokemon. Here the "server" is a function.
func ExamplePages() {
	pages := map[string]*pokedexv1.ListPokemonResponse{
		"":  {Pokemon: []*pokedexv1.Pokemon{{Name: "Bulbasaur"}, {Name: "Ivysaur"}}, NextPageToken: "2"},
		"2": {Pokemon: []*pokedexv1.Pokemon{{Name: "Venusaur"}}},
	}
	list := func(_ context.Context, req *pokedexv1.ListPokemonRequest, _ ...grpc.CallOption) (*pokedexv1.ListPokemonResponse, error) {
		return pages[req.GetPageToken()], nil
	}
	setToken := func(req *pokedexv1.ListPokemonRequest, token string) { req.PageToken = token }
	items := kanto.Items(kanto.Pages(context.Background(), &pokedexv1.ListPokemonRequest{}, list, setToken), (*pokedexv1.ListPokemonResponse).GetPokemon)
	for p, err := range items {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(p.GetName())
	}
	// Output:
	// Bulbasaur
	// Ivysaur
	// Venusaur
}

func ExampleIsLoopback() {
	fmt.Println(kanto.IsLoopback("127.0.0.1:50051"), kanto.IsLoopback("dns:///localhost:50051"), kanto.IsLoopback("kanto.example.com:443"))
	// Output: true true false
}

// FieldViolations reads the google.rpc.BadRequest detail of an
// INVALID_ARGUMENT error, here one built by hand as the Pokédex sends it.
func ExampleFieldViolations() {
	st, _ := status.New(codes.InvalidArgument, "invalid request").WithDetails(&errdetails.BadRequest{
		FieldViolations: []*errdetails.BadRequest_FieldViolation{
			{Field: "pokemon.name", Reason: "string.min_len", Description: "value length must be at least 1 characters"},
			{Field: "pokemon.types", Reason: "repeated.min_items", Description: "value must contain at least 1 item(s)"},
		},
	})
	err := fmt.Errorf("creating Kantomon: %w", st.Err())

	fmt.Println(kanto.Code(err))
	for _, v := range kanto.FieldViolations(err) {
		fmt.Printf("%s (%s)\n", v.Field, v.Reason)
	}
	// Output:
	// InvalidArgument
	// pokemon.name (string.min_len)
	// pokemon.types (repeated.min_items)
}

func ExampleCode() {
	fmt.Println(kanto.Code(nil))
	fmt.Println(kanto.Code(status.Error(codes.NotFound, "pokemon 9999 not found")))
	fmt.Println(kanto.Code(context.DeadlineExceeded))
	// Output:
	// OK
	// NotFound
	// DeadlineExceeded
}

func ExampleNewRequestID() {
	id := kanto.NewRequestID()
	fmt.Println(len(id), id[14:15])
	// Output: 36 4
}
