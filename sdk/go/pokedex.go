package kanto

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"iter"

	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/proto"
)

// A PokedexClient calls the Pokédex (kanto.pokedex.v1.PokemonService).
// Reads are public; CreatePokemon, UpdatePokemon and DeletePokemon need a
// curator token ([WithToken]) and fail with UNAUTHENTICATED without one and
// PERMISSION_DENIED with a wrong one. Get it from [Client.Pokedex]; it is
// safe for concurrent use.
type PokedexClient struct {
	stub pokedexv1.PokemonServiceClient
}

func newPokedexClient(cc grpc.ClientConnInterface) *PokedexClient {
	return &PokedexClient{stub: pokedexv1.NewPokemonServiceClient(cc)}
}

// GetPokemon returns one species by its national Pokédex number, or fails
// with NOT_FOUND.
func (c *PokedexClient) GetPokemon(ctx context.Context, req *pokedexv1.GetPokemonRequest, opts ...grpc.CallOption) (*pokedexv1.GetPokemonResponse, error) {
	return c.stub.GetPokemon(ctx, req, opts...)
}

// ListPokemon returns one page of species in ascending id order, optionally
// filtered by type and rarity. [PokedexClient.AllPokemon] follows the page
// tokens for you.
func (c *PokedexClient) ListPokemon(ctx context.Context, req *pokedexv1.ListPokemonRequest, opts ...grpc.CallOption) (*pokedexv1.ListPokemonResponse, error) {
	return c.stub.ListPokemon(ctx, req, opts...)
}

// AllPokemon iterates over the species of every page of ListPokemon,
// starting at req's page (req may be nil: every species, in pages of the
// server's default size). req is not modified. Each page is its own call,
// with its own per-call timeout; ctx bounds the whole iteration. On an error
// the iterator yields it once, with a nil Pokemon, and stops. Stopping the
// loop early makes no further calls.
func (c *PokedexClient) AllPokemon(ctx context.Context, req *pokedexv1.ListPokemonRequest, opts ...grpc.CallOption) iter.Seq2[*pokedexv1.Pokemon, error] {
	return func(yield func(*pokedexv1.Pokemon, error) bool) {
		page := &pokedexv1.ListPokemonRequest{}
		if req != nil {
			page = proto.CloneOf(req)
		}
		for {
			resp, err := c.ListPokemon(ctx, page, opts...)
			if err != nil {
				yield(nil, err)
				return
			}
			for _, p := range resp.GetPokemon() {
				if !yield(p, nil) {
					return
				}
			}
			next := resp.GetNextPageToken()
			if next == "" {
				return
			}
			if next == page.GetPageToken() {
				// A server bug; without this check the loop would never end.
				yield(nil, errors.New("kanto: ListPokemon returned the page token it was given"))
				return
			}
			page.PageToken = next
		}
	}
}

// BatchGetPokemon returns several species at once, in the order asked; if
// any id does not exist the whole call fails with NOT_FOUND.
func (c *PokedexClient) BatchGetPokemon(ctx context.Context, req *pokedexv1.BatchGetPokemonRequest, opts ...grpc.CallOption) (*pokedexv1.BatchGetPokemonResponse, error) {
	return c.stub.BatchGetPokemon(ctx, req, opts...)
}

// CreatePokemon adds a species (curators only), or fails with
// ALREADY_EXISTS if its id or name is taken.
//
// The server makes creation idempotent on req.RequestId. If it is empty,
// CreatePokemon sends a copy of req with a fresh one from [NewRequestID],
// which makes the retries gRPC makes on UNAVAILABLE (per the service
// config) safe; req itself is not modified. To retry a failed call
// yourself, for example after DEADLINE_EXCEEDED, set RequestId before the
// first attempt and send the same value again: the retry then returns the
// species the first attempt created instead of ALREADY_EXISTS.
func (c *PokedexClient) CreatePokemon(ctx context.Context, req *pokedexv1.CreatePokemonRequest, opts ...grpc.CallOption) (*pokedexv1.CreatePokemonResponse, error) {
	if req != nil && req.GetRequestId() == "" {
		req = proto.CloneOf(req)
		req.RequestId = NewRequestID()
	}
	return c.stub.CreatePokemon(ctx, req, opts...)
}

// UpdatePokemon changes the fields named in req.UpdateMask (all writable
// fields if it is empty) of an existing species (curators only), or fails
// with NOT_FOUND.
func (c *PokedexClient) UpdatePokemon(ctx context.Context, req *pokedexv1.UpdatePokemonRequest, opts ...grpc.CallOption) (*pokedexv1.UpdatePokemonResponse, error) {
	return c.stub.UpdatePokemon(ctx, req, opts...)
}

// DeletePokemon removes a species and its encounters (curators only), or
// fails with NOT_FOUND.
func (c *PokedexClient) DeletePokemon(ctx context.Context, req *pokedexv1.DeletePokemonRequest, opts ...grpc.CallOption) (*pokedexv1.DeletePokemonResponse, error) {
	return c.stub.DeletePokemon(ctx, req, opts...)
}

// ListEncounters returns the species that can be met at the given places of
// the Kanto map, grouped by place in the order asked, then by falling
// encounter rate.
func (c *PokedexClient) ListEncounters(ctx context.Context, req *pokedexv1.ListEncountersRequest, opts ...grpc.CallOption) (*pokedexv1.ListEncountersResponse, error) {
	return c.stub.ListEncounters(ctx, req, opts...)
}

// NewRequestID returns a random (version 4) UUID in its canonical text
// form, for the request_id of [PokedexClient.CreatePokemon]. It never
// fails: crypto/rand ends the program if the system's random source does.
func NewRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])  // documented to never return an error
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 9562 variant
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
