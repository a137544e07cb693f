// Package curator is the Pokédex's write policy: reads are public, and the
// curator writes (CreatePokemon, UpdatePokemon, DeletePokemon) need the
// curator's bearer token. The Pokédex gives it to the shared platform as
// its authorizer; the platform itself knows no policy.
package curator

import (
	"context"
	"crypto/subtle"
	"strings"

	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
	"github.com/kanto-api/kanto/services/platform"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// WriteMethods are the full names of the curator writes.
var WriteMethods = []string{
	pokedexv1.PokemonService_CreatePokemon_FullMethodName,
	pokedexv1.PokemonService_UpdatePokemon_FullMethodName,
	pokedexv1.PokemonService_DeletePokemon_FullMethodName,
}

// Authorizer returns the policy for the platform (platform.WithAuthorizer):
// a write without an authorization header, or with one that is not
// "Bearer <token>", answers UNAUTHENTICATED; a write with another token
// answers PERMISSION_DENIED. An empty token disables writes: every token
// is refused. Reads pass at the cost of a map lookup.
func Authorizer(token string) platform.Authorizer {
	writes := make(map[string]bool, len(WriteMethods))
	for _, m := range WriteMethods {
		writes[m] = true
	}
	want := []byte(token)
	return func(ctx context.Context, method string) error {
		if !writes[method] {
			return nil
		}
		var auth []string
		if md, ok := metadata.FromIncomingContext(ctx); ok {
			auth = md.Get("authorization")
		}
		if len(auth) == 0 {
			return status.Error(codes.Unauthenticated, "this method needs a curator bearer token in the authorization header")
		}
		got, ok := strings.CutPrefix(auth[0], "Bearer ")
		if !ok || got == "" {
			return status.Error(codes.Unauthenticated, `the authorization header must read "Bearer <token>"`)
		}
		if len(want) == 0 || subtle.ConstantTimeCompare([]byte(got), want) != 1 {
			return status.Error(codes.PermissionDenied, "the bearer token does not grant curator writes")
		}
		return nil
	}
}
