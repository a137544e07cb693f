package server_test

import (
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
	"github.com/kanto-api/kanto/services/pokedex/internal/server"
	"github.com/kanto-api/kanto/services/pokedex/internal/store"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/testing/protocmp"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	"github.com/google/go-cmp/cmp"
)

// FuzzUpdateMask applies arbitrary updates through UpdatePokemon's field
// mask to a real store: any species bytes a client may send, any mask
// paths. It must never panic, answer only a status a client can act on,
// change exactly the masked fields when it succeeds, and change nothing
// when it fails (nothing is half-written).
func FuzzUpdateMask(f *testing.F) {
	st, err := store.Open(f.Context(), filepath.Join(f.TempDir(), "pokedex.db"), store.WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { _ = st.Close() })
	handlers, err := server.New(st, server.WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		f.Fatal(err)
	}
	seed, err := proto.Marshal(&pokedexv1.Pokemon{Id: 25, Name: "Raichu", HeightMeters: 0.8, BaseStats: &pokedexv1.BaseStats{Hp: 60, Attack: 90, Defense: 55, SpecialAttack: 90, SpecialDefense: 80, Speed: 110}})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed, "name")
	f.Add(seed, "name,height_meters")
	f.Add(seed, "")
	f.Add(seed, "id")
	f.Add(seed, "base_stats,types")
	f.Add([]byte{0x08, 0x96, 0x01}, "weight_kilograms")
	f.Add([]byte{0x12, 0x02, 0xff, 0xfe}, "name") // a name that is not UTF-8
	allowed := []codes.Code{codes.OK, codes.InvalidArgument, codes.NotFound, codes.AlreadyExists}
	f.Fuzz(func(t *testing.T, species []byte, mask string) {
		in := &pokedexv1.Pokemon{}
		if err := proto.Unmarshal(species, in); err != nil {
			return // not a message the wire would carry to the handler
		}
		var paths []string
		if mask != "" {
			paths = strings.Split(mask, ",")
		}
		ctx := t.Context()
		before, beforeErr := handlers.GetPokemon(ctx, &pokedexv1.GetPokemonRequest{Id: in.GetId()})
		resp, err := handlers.UpdatePokemon(ctx, &pokedexv1.UpdatePokemonRequest{Pokemon: in, UpdateMask: &fieldmaskpb.FieldMask{Paths: paths}})
		code := status.Code(err)
		if !slices.Contains(allowed, code) {
			t.Fatalf("UpdatePokemon(%v, %q) = %v: a client cannot act on %v", in, paths, err, code)
		}
		after, afterErr := handlers.GetPokemon(ctx, &pokedexv1.GetPokemonRequest{Id: in.GetId()})
		if err != nil {
			if (beforeErr == nil) != (afterErr == nil) || (beforeErr == nil && !proto.Equal(before, after)) {
				t.Fatalf("a failed update (%v) changed the stored species:\n%s", err, cmp.Diff(before, after, protocmp.Transform()))
			}
			return
		}
		got := resp.GetPokemon()
		if afterErr != nil || !proto.Equal(after.GetPokemon(), got) {
			t.Fatalf("the update answered %v but the store holds %v (%v)", got, after.GetPokemon(), afterErr)
		}
		if len(paths) == 0 {
			paths = []string{"name", "types", "rarity", "base_stats", "height_meters", "weight_kilograms"}
		}
		// Every field outside the mask kept its value.
		want := proto.CloneOf(before.GetPokemon())
		wantFields, gotFields := want.ProtoReflect(), got.ProtoReflect()
		for _, p := range append(paths, "update_time") {
			fd := wantFields.Descriptor().Fields().ByName(protoreflect.Name(p))
			if gotFields.Has(fd) {
				wantFields.Set(fd, gotFields.Get(fd))
			} else {
				wantFields.Clear(fd)
			}
		}
		if !proto.Equal(want, got) {
			t.Fatalf("fields outside the mask %q changed:\n%s", paths, cmp.Diff(want, got, protocmp.Transform()))
		}
	})
}
