package platform_test

import (
	"context"
	"testing"

	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protowire"
)

// rawCodec sends a request's bytes as they are, the way a client in a
// language that does not check UTF-8 (or a hand-made one) may send them.
type rawCodec struct{}

func (rawCodec) Marshal(v any) ([]byte, error)      { return v.([]byte), nil }
func (rawCodec) Unmarshal(data []byte, v any) error { *(v.(*[]byte)) = data; return nil }
func (rawCodec) Name() string                       { return "proto" }

// TestInvalidUTF8IsTheCallersFault sends requests whose string fields are
// not valid UTF-8: they answer INVALID_ARGUMENT naming the field, not
// grpc-go's INTERNAL, and the handler never runs.
func TestInvalidUTF8IsTheCallersFault(t *testing.T) {
	t.Parallel()
	called := false
	h := start(t, testConfig(), &fakePokedex{GetPokemonFn: func(context.Context, *pokedexv1.GetPokemonRequest) (*pokedexv1.GetPokemonResponse, error) {
		called = true
		return &pokedexv1.GetPokemonResponse{}, nil
	}}, &fakePlanner{})
	conn, err := grpc.NewClient(h.addr, grpc.WithTransportCredentials(insecure.NewCredentials()), grpc.WithDefaultCallOptions(grpc.ForceCodec(rawCodec{})))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	str := func(num protowire.Number, s string) []byte {
		return protowire.AppendString(protowire.AppendTag(nil, num, protowire.BytesType), s)
	}
	msg := func(num protowire.Number, body []byte) []byte {
		return protowire.AppendBytes(protowire.AppendTag(nil, num, protowire.BytesType), body)
	}
	for _, tt := range []struct {
		name, method string
		req          []byte
		field        string
	}{
		{"repeated string", pokedexv1.PokemonService_ListEncounters_FullMethodName,
			append(str(1, "route-1"), str(1, "route-\xff")...), "place_ids[1]"},
		{"nested string", pokedexv1.PokemonService_CreatePokemon_FullMethodName,
			msg(1, append(protowire.AppendVarint(protowire.AppendTag(nil, 1, protowire.VarintType), 2001), str(2, "Kanto\xc3\x28mon")...)), "pokemon.name"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var resp []byte
			err := conn.Invoke(t.Context(), tt.method, tt.req, &resp)
			st := status.Convert(err)
			if st.Code() != codes.InvalidArgument {
				t.Fatalf("code %v (%v), want INVALID_ARGUMENT", st.Code(), err)
			}
			var fields []string
			for _, d := range st.Details() {
				if br, ok := d.(*errdetails.BadRequest); ok {
					for _, v := range br.GetFieldViolations() {
						fields = append(fields, v.GetField()+" "+v.GetReason())
					}
				}
			}
			if len(fields) != 1 || fields[0] != tt.field+" string.valid_utf8" {
				t.Errorf("field violations %q, want %q", fields, tt.field+" string.valid_utf8")
			}
		})
	}
	if called {
		t.Error("a handler ran on a request that is not valid UTF-8")
	}
}
