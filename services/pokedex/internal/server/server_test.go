package server_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/testing/protocmp"
	"google.golang.org/protobuf/types/known/fieldmaskpb"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/google/go-cmp/cmp"

	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
	"github.com/kanto-api/kanto/services/pokedex/internal/server"
	"github.com/kanto-api/kanto/services/pokedex/internal/store"
)

const (
	typeElectric = pokedexv1.PokemonType_POKEMON_TYPE_ELECTRIC
	typeFire     = pokedexv1.PokemonType_POKEMON_TYPE_FIRE
	typeWater    = pokedexv1.PokemonType_POKEMON_TYPE_WATER
	typeFlying   = pokedexv1.PokemonType_POKEMON_TYPE_FLYING
	typeGhost    = pokedexv1.PokemonType_POKEMON_TYPE_GHOST
	typePsychic  = pokedexv1.PokemonType_POKEMON_TYPE_PSYCHIC

	normal    = pokedexv1.Rarity_RARITY_NORMAL
	legendary = pokedexv1.Rarity_RARITY_LEGENDARY
)

var testEncounters = []store.Encounter{
	{PlaceID: "route-1", PokemonID: 16, RatePercent: 45, MinLevel: 2, MaxLevel: 5},
	{PlaceID: "route-1", PokemonID: 19, RatePercent: 55, MinLevel: 2, MaxLevel: 4},
	{PlaceID: "viridian-forest", PokemonID: 10, RatePercent: 40, MinLevel: 3, MaxLevel: 5},
	{PlaceID: "viridian-forest", PokemonID: 25, RatePercent: 5, MinLevel: 3, MaxLevel: 5},
	{PlaceID: "viridian-forest", PokemonID: 13, RatePercent: 35, MinLevel: 3, MaxLevel: 5},
}

// ignoreTimes drops the server-set times from comparisons of species whose
// times a test cannot know.
var ignoreTimes = protocmp.IgnoreFields(&pokedexv1.Pokemon{}, "create_time", "update_time")

// syncBuffer is a log sink the server's goroutines and the test share.
type syncBuffer struct {
	mu  sync.Mutex // guards buf
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

type testEnv struct {
	client pokedexv1.PokemonServiceClient
	store  *store.Store
	logs   *syncBuffer
}

// start runs the handlers on a real gRPC server on 127.0.0.1:0 over a
// fresh store, and returns a client connected to it.
func start(t *testing.T, opts ...server.Option) testEnv {
	t.Helper()
	st, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "pokedex.db"),
		store.WithEncounters(testEncounters), store.WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := st.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	return serve(t, st, opts...)
}

func serve(t *testing.T, st *store.Store, opts ...server.Option) testEnv {
	t.Helper()
	logs := &syncBuffer{}
	opts = append([]server.Option{server.WithLogger(slog.New(slog.NewTextHandler(logs, nil)))}, opts...)
	handlers, err := server.New(st, opts...)
	if err != nil {
		t.Fatal(err)
	}
	srv := grpc.NewServer()
	pokedexv1.RegisterPokemonServiceServer(srv, handlers)
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(lis) }()
	t.Cleanup(func() {
		srv.Stop()
		if err := <-served; err != nil && !errors.Is(err, grpc.ErrServerStopped) {
			t.Errorf("Serve: %v", err)
		}
	})
	conn, err := grpc.NewClient(lis.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return testEnv{client: pokedexv1.NewPokemonServiceClient(conn), store: st, logs: logs}
}

func wantCode(t *testing.T, err error, want codes.Code) *status.Status {
	t.Helper()
	st, ok := status.FromError(err)
	if !ok || st.Code() != want {
		t.Fatalf("error = %v, want code %v", err, want)
	}
	return st
}

// fieldViolations returns the google.rpc.BadRequest field paths of an
// INVALID_ARGUMENT error.
func fieldViolations(t *testing.T, err error) []string {
	t.Helper()
	st := wantCode(t, err, codes.InvalidArgument)
	var fields []string
	for _, d := range st.Details() {
		if br, ok := d.(*errdetails.BadRequest); ok {
			for _, v := range br.GetFieldViolations() {
				fields = append(fields, v.GetField())
			}
		}
	}
	if len(fields) == 0 {
		t.Fatalf("INVALID_ARGUMENT %v has no field violations", err)
	}
	return fields
}

func resourceNames(st *status.Status) []string {
	var names []string
	for _, d := range st.Details() {
		if ri, ok := d.(*errdetails.ResourceInfo); ok {
			names = append(names, ri.GetResourceName())
		}
	}
	return names
}

func pikachu() *pokedexv1.Pokemon {
	return &pokedexv1.Pokemon{
		Id:     25,
		Name:   "Pikachu",
		Types:  []pokedexv1.PokemonType{typeElectric},
		Rarity: normal,
		BaseStats: &pokedexv1.BaseStats{
			Hp: 35, Attack: 55, Defense: 40, SpecialAttack: 50, SpecialDefense: 50, Speed: 90,
		},
		HeightMeters:    0.4,
		WeightKilograms: 6,
	}
}

func newSpecies(id int32, name string) *pokedexv1.Pokemon {
	return &pokedexv1.Pokemon{
		Id:              id,
		Name:            name,
		Types:           []pokedexv1.PokemonType{typeWater, typeGhost},
		Rarity:          normal,
		BaseStats:       &pokedexv1.BaseStats{Hp: 10, Attack: 20, Defense: 30, SpecialAttack: 40, SpecialDefense: 50, Speed: 60},
		HeightMeters:    1.5,
		WeightKilograms: 42.25,
	}
}

func totalSize(t *testing.T, client pokedexv1.PokemonServiceClient) int32 {
	t.Helper()
	resp, err := client.ListPokemon(t.Context(), &pokedexv1.ListPokemonRequest{PageSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	return resp.GetTotalSize()
}

// seedSpecies is the part of the seed file the tests use as an oracle,
// read independently of the store's loader.
type seedSpecies struct {
	ID     int32    `json:"id"`
	Types  []string `json:"types"`
	Rarity string   `json:"rarity"`
}

func readSeed(t *testing.T) []seedSpecies {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "store", "seed", "pokemon.json"))
	if err != nil {
		t.Fatal(err)
	}
	var out []seedSpecies
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestNew(t *testing.T) {
	t.Parallel()
	st, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "pokedex.db"), store.WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := server.New(st); err != nil {
		t.Errorf("New with defaults: %v", err)
	}
	if _, err := server.New(st, server.WithPageTokenKey(make([]byte, server.MinPageTokenKeyLen))); err != nil {
		t.Errorf("New with a %d-byte key: %v", server.MinPageTokenKeyLen, err)
	}
	tests := []struct {
		name  string
		store *store.Store
		opts  []server.Option
	}{
		{"nil store", nil, nil},
		{"nil logger", st, []server.Option{server.WithLogger(nil)}},
		{"empty key", st, []server.Option{server.WithPageTokenKey([]byte{})}},
		{"short key", st, []server.Option{server.WithPageTokenKey(make([]byte, server.MinPageTokenKeyLen-1))}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if _, err := server.New(tt.store, tt.opts...); err == nil {
				t.Fatal("New succeeded")
			}
		})
	}
}

func TestReads(t *testing.T) {
	t.Parallel()
	env := start(t)
	client := env.client

	t.Run("GetPokemon", func(t *testing.T) {
		t.Parallel()
		resp, err := client.GetPokemon(t.Context(), &pokedexv1.GetPokemonRequest{Id: 25})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(pikachu(), resp.GetPokemon(), protocmp.Transform(), ignoreTimes); diff != "" {
			t.Errorf("Pikachu (-want +got):\n%s", diff)
		}
		if resp.GetPokemon().GetCreateTime() == nil || resp.GetPokemon().GetUpdateTime() == nil {
			t.Errorf("times not set: %v", resp.GetPokemon())
		}
	})

	t.Run("GetPokemon not found", func(t *testing.T) {
		t.Parallel()
		_, err := client.GetPokemon(t.Context(), &pokedexv1.GetPokemonRequest{Id: 9999})
		st := wantCode(t, err, codes.NotFound)
		if got := resourceNames(st); !slices.Equal(got, []string{"pokemon/9999"}) {
			t.Errorf("ResourceInfo names %v, want [pokemon/9999]", got)
		}
	})

	t.Run("BatchGetPokemon in request order", func(t *testing.T) {
		t.Parallel()
		resp, err := client.BatchGetPokemon(t.Context(), &pokedexv1.BatchGetPokemonRequest{Ids: []int32{151, 25, 1, 150}})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, p := range resp.GetPokemon() {
			names = append(names, p.GetName())
		}
		if !slices.Equal(names, []string{"Mew", "Pikachu", "Bulbasaur", "Mewtwo"}) {
			t.Errorf("got %v", names)
		}
		if diff := cmp.Diff(pikachu(), resp.GetPokemon()[1], protocmp.Transform(), ignoreTimes); diff != "" {
			t.Errorf("Pikachu (-want +got):\n%s", diff)
		}
	})

	t.Run("BatchGetPokemon names the missing", func(t *testing.T) {
		t.Parallel()
		_, err := client.BatchGetPokemon(t.Context(), &pokedexv1.BatchGetPokemonRequest{Ids: []int32{9998, 25, 9999}})
		st := wantCode(t, err, codes.NotFound)
		if got := resourceNames(st); !slices.Equal(got, []string{"pokemon/9998", "pokemon/9999"}) {
			t.Errorf("ResourceInfo names %v, want pokemon/9998 and pokemon/9999", got)
		}
		if !strings.Contains(st.Message(), "9998") || !strings.Contains(st.Message(), "9999") || strings.Contains(st.Message(), "25") {
			t.Errorf("message %q should name 9998 and 9999 only", st.Message())
		}
	})

	t.Run("ListEncounters", func(t *testing.T) {
		t.Parallel()
		resp, err := client.ListEncounters(t.Context(), &pokedexv1.ListEncountersRequest{
			PlaceIds: []string{"viridian-forest", "cerulean-cave", "route-1"},
		})
		if err != nil {
			t.Fatal(err)
		}
		type row struct {
			place    string
			id, rate int32
			min, max int32
		}
		var got []row
		for _, e := range resp.GetEncounters() {
			got = append(got, row{e.GetPlaceId(), e.GetPokemon().GetId(), e.GetRatePercent(), e.GetMinLevel(), e.GetMaxLevel()})
		}
		want := []row{
			{"viridian-forest", 10, 40, 3, 5},
			{"viridian-forest", 13, 35, 3, 5},
			{"viridian-forest", 25, 5, 3, 5},
			{"route-1", 19, 55, 2, 4},
			{"route-1", 16, 45, 2, 5},
		}
		if !slices.Equal(got, want) {
			t.Errorf("got %v\nwant %v", got, want)
		}
		// Each encounter carries the full species, times included.
		full, err := client.GetPokemon(t.Context(), &pokedexv1.GetPokemonRequest{Id: 25})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(full.GetPokemon(), resp.GetEncounters()[2].GetPokemon(), protocmp.Transform()); diff != "" {
			t.Errorf("encounter's Pikachu (-want +got):\n%s", diff)
		}
	})
}

func TestListPokemon(t *testing.T) {
	t.Parallel()
	env := start(t)
	client := env.client
	seed := readSeed(t)

	// listAll follows next_page_token to the end and checks every page.
	listAll := func(t *testing.T, req *pokedexv1.ListPokemonRequest, wantIDs []int32) {
		t.Helper()
		var got []int32
		pages := 0
		for {
			resp, err := client.ListPokemon(t.Context(), req)
			if err != nil {
				t.Fatalf("page %d: %v", pages, err)
			}
			pages++
			if resp.GetTotalSize() != int32(len(wantIDs)) {
				t.Fatalf("page %d: total_size %d, want %d", pages, resp.GetTotalSize(), len(wantIDs))
			}
			if resp.GetNextPageToken() != "" && len(resp.GetPokemon()) != int(req.GetPageSize()) {
				t.Fatalf("page %d: %d species before the last page, want %d", pages, len(resp.GetPokemon()), req.GetPageSize())
			}
			for _, p := range resp.GetPokemon() {
				got = append(got, p.GetId())
			}
			if resp.GetNextPageToken() == "" {
				break
			}
			if pages > len(wantIDs) {
				t.Fatal("pagination does not end")
			}
			req.PageToken = resp.GetNextPageToken()
		}
		if !slices.Equal(got, wantIDs) {
			t.Errorf("listed %d ids, want %d; got %v", len(got), len(wantIDs), got)
		}
		if wantPages := max(1, (len(wantIDs)+int(req.GetPageSize())-1)/int(req.GetPageSize())); pages != wantPages {
			t.Errorf("%d pages, want %d", pages, wantPages)
		}
	}
	idsWhere := func(keep func(seedSpecies) bool) []int32 {
		var ids []int32
		for _, s := range seed {
			if keep(s) {
				ids = append(ids, s.ID)
			}
		}
		return ids
	}

	t.Run("every species in pages of 100", func(t *testing.T) {
		t.Parallel()
		want := idsWhere(func(seedSpecies) bool { return true })
		if len(want) != 1025 {
			t.Fatalf("seed has %d species, want 1025", len(want))
		}
		listAll(t, &pokedexv1.ListPokemonRequest{PageSize: 100}, want)
	})

	t.Run("flying in either slot in pages of 9", func(t *testing.T) {
		t.Parallel()
		want := idsWhere(func(s seedSpecies) bool { return slices.Contains(s.Types, "POKEMON_TYPE_FLYING") })
		if !slices.Contains(want, 6) {
			t.Fatal("oracle lost Charizard, whose flying type is secondary")
		}
		listAll(t, &pokedexv1.ListPokemonRequest{PageSize: 9, Type: typeFlying}, want)
	})

	t.Run("legendary psychic in pages of 2", func(t *testing.T) {
		t.Parallel()
		want := idsWhere(func(s seedSpecies) bool {
			return s.Rarity == "RARITY_LEGENDARY" && slices.Contains(s.Types, "POKEMON_TYPE_PSYCHIC")
		})
		listAll(t, &pokedexv1.ListPokemonRequest{PageSize: 2, Type: typePsychic, Rarity: legendary}, want)
	})

	t.Run("default page size", func(t *testing.T) {
		t.Parallel()
		resp, err := client.ListPokemon(t.Context(), &pokedexv1.ListPokemonRequest{})
		if err != nil {
			t.Fatal(err)
		}
		if len(resp.GetPokemon()) != 50 || resp.GetNextPageToken() == "" || resp.GetTotalSize() != 1025 {
			t.Errorf("got %d species, token %q, total %d; want 50, a token, 1025",
				len(resp.GetPokemon()), resp.GetNextPageToken(), resp.GetTotalSize())
		}
	})

	t.Run("page size may change between pages", func(t *testing.T) {
		t.Parallel()
		first, err := client.ListPokemon(t.Context(), &pokedexv1.ListPokemonRequest{PageSize: 10})
		if err != nil {
			t.Fatal(err)
		}
		second, err := client.ListPokemon(t.Context(), &pokedexv1.ListPokemonRequest{PageSize: 5, PageToken: first.GetNextPageToken()})
		if err != nil {
			t.Fatal(err)
		}
		if got := second.GetPokemon(); len(got) != 5 || got[0].GetId() != 11 {
			t.Errorf("second page %v, want 5 species from #11", got)
		}
	})

	t.Run("bad tokens", func(t *testing.T) {
		t.Parallel()
		fire, err := client.ListPokemon(t.Context(), &pokedexv1.ListPokemonRequest{PageSize: 3, Type: typeFire})
		if err != nil {
			t.Fatal(err)
		}
		token := fire.GetNextPageToken()
		if token == "" {
			t.Fatal("no token")
		}
		tampered := []byte(token)
		// Flip a character inside the position bytes, keeping base64url.
		if tampered[3] == 'A' {
			tampered[3] = 'B'
		} else {
			tampered[3] = 'A'
		}
		tests := []struct {
			name string
			req  *pokedexv1.ListPokemonRequest
		}{
			{"tampered", &pokedexv1.ListPokemonRequest{Type: typeFire, PageToken: string(tampered)}},
			{"truncated", &pokedexv1.ListPokemonRequest{Type: typeFire, PageToken: token[:len(token)-2]}},
			{"not base64", &pokedexv1.ListPokemonRequest{Type: typeFire, PageToken: "!!not a token!!"}},
			{"other type", &pokedexv1.ListPokemonRequest{Type: typeWater, PageToken: token}},
			{"no type", &pokedexv1.ListPokemonRequest{PageToken: token}},
			{"added rarity", &pokedexv1.ListPokemonRequest{Type: typeFire, Rarity: legendary, PageToken: token}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				_, err := client.ListPokemon(t.Context(), tt.req)
				if got := fieldViolations(t, err); !slices.Equal(got, []string{"page_token"}) {
					t.Errorf("field violations %v, want [page_token]", got)
				}
			})
		}
		// The untouched token still works for its own filter.
		if _, err := client.ListPokemon(t.Context(), &pokedexv1.ListPokemonRequest{Type: typeFire, PageToken: token}); err != nil {
			t.Errorf("genuine token rejected: %v", err)
		}
	})
}

func TestPageTokenKey(t *testing.T) {
	t.Parallel()
	st, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "pokedex.db"), store.WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	key := bytes.Repeat([]byte("k"), server.MinPageTokenKeyLen)
	issuer := serve(t, st, server.WithPageTokenKey(key))
	sameKey := serve(t, st, server.WithPageTokenKey(key))
	otherKey := serve(t, st) // random key

	first, err := issuer.client.ListPokemon(t.Context(), &pokedexv1.ListPokemonRequest{PageSize: 10})
	if err != nil {
		t.Fatal(err)
	}
	next := &pokedexv1.ListPokemonRequest{PageSize: 10, PageToken: first.GetNextPageToken()}
	resp, err := sameKey.client.ListPokemon(t.Context(), next)
	if err != nil {
		t.Fatalf("replica with the same key rejected the token: %v", err)
	}
	if got := resp.GetPokemon()[0].GetId(); got != 11 {
		t.Errorf("replica continued at #%d, want #11", got)
	}
	_, err = otherKey.client.ListPokemon(t.Context(), next)
	if got := fieldViolations(t, err); !slices.Equal(got, []string{"page_token"}) {
		t.Errorf("field violations %v, want [page_token]", got)
	}
}

func TestCreatePokemon(t *testing.T) {
	t.Parallel()

	t.Run("creates, ignoring output-only fields", func(t *testing.T) {
		t.Parallel()
		env := start(t)
		in := newSpecies(9000, "Testmon")
		long := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
		in.CreateTime, in.UpdateTime = timestamppb.New(long), timestamppb.New(long)
		before := time.Now()
		resp, err := env.client.CreatePokemon(t.Context(), &pokedexv1.CreatePokemonRequest{Pokemon: in})
		if err != nil {
			t.Fatal(err)
		}
		created := resp.GetPokemon()
		if diff := cmp.Diff(newSpecies(9000, "Testmon"), created, protocmp.Transform(), ignoreTimes); diff != "" {
			t.Errorf("created (-want +got):\n%s", diff)
		}
		if ct := created.GetCreateTime().AsTime(); ct.Before(before.Add(-time.Second)) || !created.GetUpdateTime().AsTime().Equal(ct) {
			t.Errorf("times %v, %v: want the server's now, twice", created.GetCreateTime().AsTime(), created.GetUpdateTime().AsTime())
		}
		got, err := env.client.GetPokemon(t.Context(), &pokedexv1.GetPokemonRequest{Id: 9000})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(created, got.GetPokemon(), protocmp.Transform()); diff != "" {
			t.Errorf("read back (-created +read):\n%s", diff)
		}
		if n := totalSize(t, env.client); n != 1026 {
			t.Errorf("total_size %d, want 1026", n)
		}
	})

	t.Run("duplicates", func(t *testing.T) {
		t.Parallel()
		env := start(t)
		tests := []struct {
			name    string
			species *pokedexv1.Pokemon
			holder  string
		}{
			{"id", newSpecies(25, "Testmon"), "pokemon/25"},
			{"name", newSpecies(9000, "Pikachu"), "pokemon/25"},
			{"name in another case", newSpecies(9000, "mEWTWO"), "pokemon/150"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				_, err := env.client.CreatePokemon(t.Context(), &pokedexv1.CreatePokemonRequest{Pokemon: tt.species, RequestId: "dup-" + strings.ReplaceAll(tt.name, " ", "-")})
				st := wantCode(t, err, codes.AlreadyExists)
				if got := resourceNames(st); !slices.Equal(got, []string{tt.holder}) {
					t.Errorf("ResourceInfo names %v, want [%s]", got, tt.holder)
				}
			})
		}
	})

	t.Run("idempotent retry", func(t *testing.T) {
		t.Parallel()
		env := start(t)
		req := &pokedexv1.CreatePokemonRequest{Pokemon: newSpecies(9000, "Testmon"), RequestId: "7b6c1a52-retry"}
		first, err := env.client.CreatePokemon(t.Context(), req)
		if err != nil {
			t.Fatal(err)
		}
		// Output-only fields differ between attempts; they are ignored.
		retry := &pokedexv1.CreatePokemonRequest{Pokemon: newSpecies(9000, "Testmon"), RequestId: req.GetRequestId()}
		retry.Pokemon.CreateTime = timestamppb.Now()
		again, err := env.client.CreatePokemon(t.Context(), retry)
		if err != nil {
			t.Fatalf("retry: %v", err)
		}
		if diff := cmp.Diff(first, again, protocmp.Transform()); diff != "" {
			t.Errorf("retry answered differently (-first +retry):\n%s", diff)
		}
		if n := totalSize(t, env.client); n != 1026 {
			t.Errorf("total_size %d after a retry, want 1026", n)
		}
	})

	t.Run("concurrent retries create one row", func(t *testing.T) {
		t.Parallel()
		env := start(t)
		const n = 8
		resps := make([]*pokedexv1.CreatePokemonResponse, n)
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				resps[i], errs[i] = env.client.CreatePokemon(t.Context(), &pokedexv1.CreatePokemonRequest{
					Pokemon: newSpecies(9000, "Testmon"), RequestId: "concurrent",
				})
			})
		}
		wg.Wait()
		for i := range n {
			if errs[i] != nil {
				t.Fatalf("call %d: %v", i, errs[i])
			}
			if diff := cmp.Diff(resps[0], resps[i], protocmp.Transform()); diff != "" {
				t.Errorf("call %d answered differently (-0 +%d):\n%s", i, i, diff)
			}
		}
		if n := totalSize(t, env.client); n != 1026 {
			t.Errorf("total_size %d, want 1026", n)
		}
	})

	t.Run("request id reused for another species", func(t *testing.T) {
		t.Parallel()
		env := start(t)
		if _, err := env.client.CreatePokemon(t.Context(), &pokedexv1.CreatePokemonRequest{Pokemon: newSpecies(9000, "Testmon"), RequestId: "once"}); err != nil {
			t.Fatal(err)
		}
		other := newSpecies(9000, "Testmon")
		other.WeightKilograms = 43
		_, err := env.client.CreatePokemon(t.Context(), &pokedexv1.CreatePokemonRequest{Pokemon: other, RequestId: "once"})
		st := wantCode(t, err, codes.FailedPrecondition)
		var types []string
		for _, d := range st.Details() {
			if pf, ok := d.(*errdetails.PreconditionFailure); ok {
				for _, v := range pf.GetViolations() {
					types = append(types, v.GetType()+" "+v.GetSubject())
				}
			}
		}
		if !slices.Equal(types, []string{"REQUEST_ID_REUSED request_id:once"}) {
			t.Errorf("precondition violations %v", types)
		}
		got, err := env.client.GetPokemon(t.Context(), &pokedexv1.GetPokemonRequest{Id: 9000})
		if err != nil || got.GetPokemon().GetWeightKilograms() != 42.25 {
			t.Errorf("stored species changed: %v, %v", got, err)
		}
	})
}

func TestUpdatePokemon(t *testing.T) {
	t.Parallel()
	env := start(t)
	client := env.client

	t.Run("mask changes only its fields", func(t *testing.T) {
		t.Parallel()
		before, err := client.GetPokemon(t.Context(), &pokedexv1.GetPokemonRequest{Id: 26})
		if err != nil {
			t.Fatal(err)
		}
		in := newSpecies(26, "Raichu Prime") // every field differs from Raichu
		resp, err := client.UpdatePokemon(t.Context(), &pokedexv1.UpdatePokemonRequest{
			Pokemon:    in,
			UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"name", "weight_kilograms"}},
		})
		if err != nil {
			t.Fatal(err)
		}
		want := before.GetPokemon()
		want.Name, want.WeightKilograms = "Raichu Prime", 42.25
		got := resp.GetPokemon()
		if diff := cmp.Diff(want, got, protocmp.Transform(), protocmp.IgnoreFields(&pokedexv1.Pokemon{}, "update_time")); diff != "" {
			t.Errorf("updated (-want +got):\n%s", diff)
		}
		if got.GetUpdateTime().AsTime().Before(want.GetUpdateTime().AsTime()) {
			t.Errorf("update_time went back from %v to %v", want.GetUpdateTime().AsTime(), got.GetUpdateTime().AsTime())
		}
		read, err := client.GetPokemon(t.Context(), &pokedexv1.GetPokemonRequest{Id: 26})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(got, read.GetPokemon(), protocmp.Transform()); diff != "" {
			t.Errorf("read back (-updated +read):\n%s", diff)
		}
	})

	t.Run("empty mask replaces every writable field", func(t *testing.T) {
		t.Parallel()
		before, err := client.GetPokemon(t.Context(), &pokedexv1.GetPokemonRequest{Id: 27})
		if err != nil {
			t.Fatal(err)
		}
		resp, err := client.UpdatePokemon(t.Context(), &pokedexv1.UpdatePokemonRequest{Pokemon: newSpecies(27, "Sandshrew Prime")})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(newSpecies(27, "Sandshrew Prime"), resp.GetPokemon(), protocmp.Transform(), ignoreTimes); diff != "" {
			t.Errorf("updated (-want +got):\n%s", diff)
		}
		if !sameTime(before.GetPokemon().GetCreateTime(), resp.GetPokemon().GetCreateTime()) {
			t.Errorf("create_time changed from %v to %v", before.GetPokemon().GetCreateTime(), resp.GetPokemon().GetCreateTime())
		}
	})

	t.Run("merged species is validated", func(t *testing.T) {
		t.Parallel()
		stats := newSpecies(28, "x").GetBaseStats()
		stats.Speed = 0
		tests := []struct {
			name string
			in   *pokedexv1.Pokemon
			mask []string
			want []string
		}{
			{"empty name", &pokedexv1.Pokemon{Id: 28, Name: ""}, []string{"name"}, []string{"pokemon.name"}},
			{"three types", &pokedexv1.Pokemon{Id: 28, Types: []pokedexv1.PokemonType{typeFire, typeWater, typeGhost}}, []string{"types"}, []string{"pokemon.types"}},
			{"zero speed", &pokedexv1.Pokemon{Id: 28, BaseStats: stats}, []string{"base_stats"}, []string{"pokemon.base_stats.speed"}},
			{"unset base stats", &pokedexv1.Pokemon{Id: 28}, []string{"base_stats", "height_meters"}, []string{"pokemon.base_stats", "pokemon.height_meters"}},
			{"empty mask, sparse species", &pokedexv1.Pokemon{Id: 28, Name: "Sandslash"}, nil,
				[]string{"pokemon.types", "pokemon.rarity", "pokemon.base_stats", "pokemon.height_meters", "pokemon.weight_kilograms"}},
		}
		// The group returns once its parallel cases are done, so the check
		// below sees all of them.
		t.Run("cases", func(t *testing.T) {
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					t.Parallel()
					req := &pokedexv1.UpdatePokemonRequest{Pokemon: tt.in}
					if tt.mask != nil {
						req.UpdateMask = &fieldmaskpb.FieldMask{Paths: tt.mask}
					}
					_, err := client.UpdatePokemon(t.Context(), req)
					got := fieldViolations(t, err)
					slices.Sort(got)
					want := slices.Sorted(slices.Values(tt.want))
					if !slices.Equal(got, want) {
						t.Errorf("field violations %v, want %v", got, want)
					}
				})
			}
		})
		// Nothing was written by the failed updates.
		got, err := client.GetPokemon(t.Context(), &pokedexv1.GetPokemonRequest{Id: 28})
		if err != nil || got.GetPokemon().GetName() != "Sandslash" || !got.GetPokemon().GetCreateTime().AsTime().Equal(got.GetPokemon().GetUpdateTime().AsTime()) {
			t.Errorf("Sandslash changed by failed updates: %v, %v", got, err)
		}
	})

	t.Run("request errors", func(t *testing.T) {
		t.Parallel()
		tests := []struct {
			name string
			req  *pokedexv1.UpdatePokemonRequest
			want []string
		}{
			{"no pokemon", &pokedexv1.UpdatePokemonRequest{}, []string{"pokemon"}},
			{"no id", &pokedexv1.UpdatePokemonRequest{Pokemon: &pokedexv1.Pokemon{Name: "Pikachu"}}, []string{"pokemon.id"}},
			{"unknown mask path", &pokedexv1.UpdatePokemonRequest{Pokemon: pikachu(), UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"create_time"}}}, []string{"update_mask"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				_, err := client.UpdatePokemon(t.Context(), tt.req)
				if got := fieldViolations(t, err); !slices.Equal(got, tt.want) {
					t.Errorf("field violations %v, want %v", got, tt.want)
				}
			})
		}
	})

	t.Run("not found", func(t *testing.T) {
		t.Parallel()
		_, err := client.UpdatePokemon(t.Context(), &pokedexv1.UpdatePokemonRequest{Pokemon: newSpecies(9999, "Nobody")})
		wantCode(t, err, codes.NotFound)
	})

	t.Run("name of another species", func(t *testing.T) {
		t.Parallel()
		_, err := client.UpdatePokemon(t.Context(), &pokedexv1.UpdatePokemonRequest{
			Pokemon:    &pokedexv1.Pokemon{Id: 29, Name: "MEW"},
			UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"name"}},
		})
		st := wantCode(t, err, codes.AlreadyExists)
		if got := resourceNames(st); !slices.Equal(got, []string{"pokemon/151"}) {
			t.Errorf("ResourceInfo names %v, want [pokemon/151]", got)
		}
	})
}

func sameTime(a, b *timestamppb.Timestamp) bool {
	return a != nil && b != nil && a.AsTime().Equal(b.AsTime())
}

func TestDeletePokemon(t *testing.T) {
	t.Parallel()
	env := start(t)
	if _, err := env.client.DeletePokemon(t.Context(), &pokedexv1.DeletePokemonRequest{Id: 25}); err != nil {
		t.Fatal(err)
	}
	_, err := env.client.GetPokemon(t.Context(), &pokedexv1.GetPokemonRequest{Id: 25})
	wantCode(t, err, codes.NotFound)
	_, err = env.client.DeletePokemon(t.Context(), &pokedexv1.DeletePokemonRequest{Id: 25})
	wantCode(t, err, codes.NotFound)
	if n := totalSize(t, env.client); n != 1024 {
		t.Errorf("total_size %d, want 1024", n)
	}
	resp, err := env.client.ListEncounters(t.Context(), &pokedexv1.ListEncountersRequest{PlaceIds: []string{"viridian-forest"}})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int32
	for _, e := range resp.GetEncounters() {
		ids = append(ids, e.GetPokemon().GetId())
	}
	if !slices.Equal(ids, []int32{10, 13}) {
		t.Errorf("viridian-forest species %v, want [10 13] once Pikachu is gone", ids)
	}
}

func TestUnexpectedErrorIsInternal(t *testing.T) {
	t.Parallel()
	st, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "pokedex.db"), store.WithLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		t.Fatal(err)
	}
	env := serve(t, st)
	// A closed store fails every call with an error that is not a domain
	// error: the client must see a generic message, the log the cause.
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	_, err = env.client.GetPokemon(t.Context(), &pokedexv1.GetPokemonRequest{Id: 25})
	s := wantCode(t, err, codes.Internal)
	if s.Message() != "internal error" {
		t.Errorf("message %q leaks details", s.Message())
	}
	logs := env.logs.String()
	if !strings.Contains(logs, "GetPokemon") || !strings.Contains(logs, "closed") {
		t.Errorf("log does not hold the method and the cause:\n%s", logs)
	}
}
