// Package gen is the root of the Go code that `buf generate` makes from
// proto/: messages, gRPC clients and servers, and REST gateway handlers,
// one package per proto package (kanto/pokedex/v1 is pokedexv1, and so on).
// Never edit it by hand; change proto/ and run `make generate`.
package gen
