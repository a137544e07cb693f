package server

import (
	"errors"
	"testing"

	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
)

// FuzzPageTokenDecode feeds arbitrary strings to the page token decoder, as
// a client may: it must never panic, and must accept nothing but a token
// this key issued for this filter. A token it issued round-trips.
func FuzzPageTokenDecode(f *testing.F) {
	tokens := pageTokens{key: []byte("0123456789abcdef0123456789abcdef")}
	filter := pageFilter{typ: pokedexv1.PokemonType_POKEMON_TYPE_FIRE, rarity: pokedexv1.Rarity_RARITY_NORMAL}
	genuine := tokens.encode(filter, 151)
	for _, seed := range []string{"", genuine, genuine[:len(genuine)-1], genuine + "A", "not base64!", "AAAA", string(make([]byte, 600))} {
		f.Add(seed, int32(151))
	}
	f.Fuzz(func(t *testing.T, token string, lastID int32) {
		got, err := tokens.decode(token, filter)
		switch {
		case err == nil && token != tokens.encode(filter, got):
			// Decoding accepted something encode would not have issued:
			// the MAC must make that impossible.
			t.Fatalf("decode accepted %q (last id %d), which this key did not issue", token, got)
		case err != nil && !errors.Is(err, errTokenInvalid) && !errors.Is(err, errTokenFilter):
			t.Fatalf("decode(%q): unexpected error %v", token, err)
		}
		if lastID < 0 {
			return // encode is never asked for a negative position
		}
		issued := tokens.encode(filter, lastID)
		if back, err := tokens.decode(issued, filter); err != nil || back != lastID {
			t.Fatalf("round trip of %d: %d, %v", lastID, back, err)
		}
		other := pageFilter{typ: filter.typ, rarity: pokedexv1.Rarity_RARITY_LEGENDARY}
		if _, err := tokens.decode(issued, other); !errors.Is(err, errTokenFilter) {
			t.Fatalf("a token for another filter: %v, want errTokenFilter", err)
		}
	})
}
