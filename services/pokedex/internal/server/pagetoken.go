package server

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"

	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
)

// A page token is base64url (unpadded) of
//
//	version (1 byte) | last id | type | rarity (3 × big-endian uint32) | HMAC-SHA256 (32 bytes)
//
// The MAC, over a domain label and the 13 bytes before it, makes tokens
// opaque in effect and tamper-proof: a client cannot forge a position or
// move a token to another filter. Binding the filter matters because the
// position alone would be valid under any filter and silently skip or
// repeat species there.
const (
	pageTokenVersion = 1
	pageTokenBody    = 1 + 3*4
	pageTokenLen     = pageTokenBody + sha256.Size
	pageTokenLabel   = "kanto.pokedex.v1.PokemonService/ListPokemon page token\x00"
)

var (
	errTokenInvalid = errors.New("the page token is malformed or was not issued by this server")
	errTokenFilter  = errors.New("the page token was issued for a different type or rarity filter")
)

// pageFilter is the part of a ListPokemon request a token is bound to. The
// page size is not: a client may change it between pages.
type pageFilter struct {
	typ    pokedexv1.PokemonType
	rarity pokedexv1.Rarity
}

// pageTokens issues and checks page tokens. It is immutable and safe for
// concurrent use.
type pageTokens struct {
	key []byte
}

func (c pageTokens) mac(body []byte) []byte {
	m := hmac.New(sha256.New, c.key)
	m.Write([]byte(pageTokenLabel))
	m.Write(body)
	return m.Sum(nil)
}

// encode returns the token for the page that follows lastID under filter.
func (c pageTokens) encode(filter pageFilter, lastID int32) string {
	body := make([]byte, 0, pageTokenLen)
	body = append(body, pageTokenVersion)
	body = binary.BigEndian.AppendUint32(body, uint32(lastID))
	body = binary.BigEndian.AppendUint32(body, uint32(filter.typ))
	body = binary.BigEndian.AppendUint32(body, uint32(filter.rarity))
	return base64.RawURLEncoding.EncodeToString(append(body, c.mac(body)...))
}

// decode returns the last id of the previous page, or errTokenInvalid, or
// errTokenFilter if the token is genuine but for another filter.
func (c pageTokens) decode(token string, filter pageFilter) (int32, error) {
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || len(raw) != pageTokenLen {
		return 0, errTokenInvalid
	}
	body, sum := raw[:pageTokenBody], raw[pageTokenBody:]
	// Check the MAC before reading anything, in constant time.
	if !hmac.Equal(sum, c.mac(body)) || body[0] != pageTokenVersion {
		return 0, errTokenInvalid
	}
	lastID := int32(binary.BigEndian.Uint32(body[1:5]))
	got := pageFilter{
		typ:    pokedexv1.PokemonType(binary.BigEndian.Uint32(body[5:9])),
		rarity: pokedexv1.Rarity(binary.BigEndian.Uint32(body[9:13])),
	}
	if got != filter {
		return 0, errTokenFilter
	}
	if lastID < 0 {
		// Only a key leak could produce this; treat it as forged.
		return 0, errTokenInvalid
	}
	return lastID, nil
}
