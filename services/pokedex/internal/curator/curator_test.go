package curator_test

import (
	"context"
	"testing"

	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
	"github.com/kanto-api/kanto/services/pokedex/internal/curator"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

func TestAuthorizer(t *testing.T) {
	t.Parallel()
	incoming := func(auth string) context.Context {
		if auth == "" {
			return t.Context()
		}
		return metadata.NewIncomingContext(t.Context(), metadata.Pairs("authorization", auth))
	}
	del := pokedexv1.PokemonService_DeletePokemon_FullMethodName
	for _, tt := range []struct {
		name, token, method, auth string
		want                      codes.Code
	}{
		{"reads are public", "s3cret", pokedexv1.PokemonService_GetPokemon_FullMethodName, "", codes.OK},
		{"no token", "s3cret", del, "", codes.Unauthenticated},
		{"not a bearer token", "s3cret", del, "Basic czNjcmV0", codes.Unauthenticated},
		{"empty bearer token", "s3cret", del, "Bearer ", codes.Unauthenticated},
		{"wrong token", "s3cret", del, "Bearer guess", codes.PermissionDenied},
		{"curator token", "s3cret", del, "Bearer s3cret", codes.OK},
		{"every write", "s3cret", pokedexv1.PokemonService_CreatePokemon_FullMethodName, "", codes.Unauthenticated},
		{"writes disabled", "", del, "Bearer ", codes.Unauthenticated},
		{"writes disabled, any token", "", del, "Bearer anything", codes.PermissionDenied},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := curator.Authorizer(tt.token)(incoming(tt.auth), tt.method)
			if got := status.Code(err); got != tt.want {
				t.Errorf("code %v, want %v (%v)", got, tt.want, err)
			}
		})
	}
}
