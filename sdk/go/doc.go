// Package kanto is the Go client SDK of the Kanto services: the Pokédex,
// the route planner and the expedition planner.
//
// It wraps the generated gRPC stubs of github.com/kanto-api/kanto/gen/go
// with the defaults a Go user expects, so a program needs one call to be
// ready:
//
//	client, err := kanto.NewClient("pokedex.example.com:443",
//		kanto.WithRoutePlannerTarget("routes.example.com:443"),
//		kanto.WithExpeditionTarget("expeditions.example.com:443"),
//		kanto.WithToken(os.Getenv("KANTO_TOKEN")))
//	if err != nil { ... }
//	defer client.Close()
//	resp, err := client.Pokedex().GetPokemon(ctx, &pokedexv1.GetPokemonRequest{Id: 25})
//
// # Services and connections
//
// The three services run as separate processes, so a [Client] holds one
// gRPC connection per service. The target given to [NewClient] is used for
// every service whose own target option ([WithPokedexTarget],
// [WithRoutePlannerTarget], [WithExpeditionTarget]) is not given; behind a
// single proxy that routes by service, one target is all it takes.
// Connections are made lazily, on a service's first call, so a program
// that only reads the Pokédex never connects to the route planner.
//
// # Call policy
//
// Per-method timeouts and the retry policy for UNAVAILABLE come from the
// service config files declared next to the schema
// (proto/kanto/<service>/v1/service_config.json, embedded in
// github.com/kanto-api/kanto/gen/go/serviceconfig), applied as gRPC's
// default service config, so every Kanto SDK uses the same numbers. The
// SDK adds round-robin load balancing over every address a target
// resolves to, a default deadline for calls that have none
// ([WithDefaultTimeout]), and keepalive pings that the servers accept
// ([WithKeepalive]).
//
// # Errors
//
// Calls return gRPC status errors. [Code] gives an error's status code and
// [FieldViolations] the invalid request fields an INVALID_ARGUMENT error
// names.
//
// # Concurrency
//
// A [Client] and the service clients it returns are safe for concurrent
// use by multiple goroutines; a stream is not (see grpc.ClientStream).
package kanto
