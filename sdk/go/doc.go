// Package kanto is the runtime of the Kanto Go SDK: what the generated
// clients call, and what names no service.
//
// The clients themselves are generated from the schema by protoc-gen-kanto
// into github.com/kanto-api/kanto/gen/go: a package per proto package with
// a client per service (pokedexv1kanto.PokemonClient, ...), and the
// umbrella kantoclient.Client with a client of every service:
//
//	client, err := kantoclient.New(kanto.WithToken(os.Getenv("KANTO_TOKEN")))
//	if err != nil { ... }
//	defer client.Close()
//	resp, err := client.Pokemon().GetPokemon(ctx, &pokedexv1.GetPokemonRequest{Id: 25})
//
// This package supplies the rest, the same for every service:
//
//   - [Dial] and [Dialer]: one connection per service, at the target of
//     [WithServiceTarget] or [WithTarget], else the service's
//     google.api.default_host; the service's gRPC service config
//     (per-method deadlines and retries, from its service_config.json) with
//     round-robin balancing; TLS unless [WithInsecure]; a bearer token
//     ([WithToken]) that is sent only over TLS or to a loopback address;
//     keepalive; a default deadline for unary calls ([WithDefaultTimeout]);
//     the SDK's user agent ([UserAgent]).
//   - [Code] and [FieldViolations] for the gRPC status errors calls return.
//   - [Pages] and [Items], behind the generated iterators of AIP-158 list
//     methods, and [NewRequestID], which fills AIP-155 request ids.
//   - [Method], the generated method tables' type, for programs that choose
//     an RPC at run time.
//
// The design is the same in every Kanto SDK (docs/sdk-design.md).
//
// # Concurrency
//
// Connections and the generated clients are safe for concurrent use by
// multiple goroutines; a stream is not (see grpc.ClientStream).
package kanto
