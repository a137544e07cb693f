package app_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
	"github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1/pokedexv1kanto"
	"github.com/kanto-api/kanto/services/platform"
	"github.com/kanto-api/kanto/services/pokedex/internal/app"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	healthgrpc "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

const token = "test-curator-token"

// serve runs a server on a listener on 127.0.0.1:0 (run gets it) and
// returns a client connection.
func serve(tb testing.TB, run func(ctx context.Context, lis net.Listener) error) *grpc.ClientConn {
	tb.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, lis) }()
	conn, err := grpc.NewClient(lis.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		conn.Close()
		cancel()
		if err := <-done; err != nil {
			tb.Errorf("Run: %v", err)
		}
	})
	return conn
}

// testConfig is the Pokédex's configuration for a test: a fresh database
// in dir, no metrics endpoint, the test's curator token.
func testConfig(dir string) app.Config {
	cfg := app.DefaultConfig()
	cfg.Server.MetricsAddr = ""
	cfg.CuratorToken = token
	cfg.DBPath = filepath.Join(dir, "pokedex.db")
	return cfg
}

func startPokedex(tb testing.TB) pokedexv1.PokemonServiceClient {
	tb.Helper()
	cfg := testConfig(tb.TempDir())
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	conn := serve(tb, func(ctx context.Context, lis net.Listener) error {
		cfg.Server.GRPCListener = lis
		return app.Run(ctx, cfg, logger)
	})
	return pokedexv1.NewPokemonServiceClient(conn)
}

func TestPokedexService(t *testing.T) {
	t.Parallel()
	client := startPokedex(t)
	curator := func(ctx context.Context) context.Context {
		return metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+token)
	}

	t.Run("Pikachu", func(t *testing.T) {
		resp, err := client.GetPokemon(t.Context(), &pokedexv1.GetPokemonRequest{Id: 25})
		if err != nil {
			t.Fatal(err)
		}
		if p := resp.GetPokemon(); p.GetName() != "Pikachu" || len(p.GetTypes()) != 1 || p.GetTypes()[0] != pokedexv1.PokemonType_POKEMON_TYPE_ELECTRIC {
			t.Errorf("GetPokemon(25) = %v", p)
		}
	})

	t.Run("encounters come from the Kanto map", func(t *testing.T) {
		resp, err := client.ListEncounters(t.Context(), &pokedexv1.ListEncountersRequest{PlaceIds: []string{"cerulean-cave"}})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, e := range resp.GetEncounters() {
			found = found || e.GetPokemon().GetName() == "Mewtwo"
		}
		if !found {
			t.Errorf("cerulean-cave encounters %v lack Mewtwo", resp.GetEncounters())
		}
	})

	t.Run("requests are validated before the handler", func(t *testing.T) {
		_, err := client.ListPokemon(t.Context(), &pokedexv1.ListPokemonRequest{PageSize: 5000})
		assertViolation(t, err, "page_size", "int32.gte_lte")
	})

	t.Run("curator writes need the token", func(t *testing.T) {
		req := &pokedexv1.DeletePokemonRequest{Id: 1}
		if _, err := client.DeletePokemon(t.Context(), req); status.Code(err) != codes.Unauthenticated {
			t.Errorf("without token: %v, want Unauthenticated", err)
		}
		wrong := metadata.AppendToOutgoingContext(t.Context(), "authorization", "Bearer nope")
		if _, err := client.DeletePokemon(wrong, req); status.Code(err) != codes.PermissionDenied {
			t.Errorf("wrong token: %v, want PermissionDenied", err)
		}
	})

	t.Run("a created species is validated as a whole", func(t *testing.T) {
		_, err := client.CreatePokemon(curator(t.Context()), &pokedexv1.CreatePokemonRequest{Pokemon: &pokedexv1.Pokemon{Id: 2000}})
		assertViolation(t, err, "pokemon.name", "string.min_len")
	})

	t.Run("a curator creates and deletes", func(t *testing.T) {
		p := &pokedexv1.Pokemon{
			Id: 2001, Name: "Kantomon", Types: []pokedexv1.PokemonType{pokedexv1.PokemonType_POKEMON_TYPE_DRAGON},
			Rarity: pokedexv1.Rarity_RARITY_NORMAL, HeightMeters: 1.2, WeightKilograms: 30,
			BaseStats: &pokedexv1.BaseStats{Hp: 50, Attack: 50, Defense: 50, SpecialAttack: 50, SpecialDefense: 50, Speed: 50},
		}
		if _, err := client.CreatePokemon(curator(t.Context()), &pokedexv1.CreatePokemonRequest{Pokemon: p, RequestId: "r-1"}); err != nil {
			t.Fatal(err)
		}
		if _, err := client.DeletePokemon(curator(t.Context()), &pokedexv1.DeletePokemonRequest{Id: 2001}); err != nil {
			t.Fatal(err)
		}
		if _, err := client.GetPokemon(t.Context(), &pokedexv1.GetPokemonRequest{Id: 2001}); status.Code(err) != codes.NotFound {
			t.Errorf("after delete: %v, want NotFound", err)
		}
	})
}

func assertViolation(t *testing.T, err error, field, rule string) {
	t.Helper()
	st := status.Convert(err)
	if st.Code() != codes.InvalidArgument {
		t.Fatalf("code = %v, want InvalidArgument (%v)", st.Code(), err)
	}
	for _, d := range st.Details() {
		if br, ok := d.(*errdetails.BadRequest); ok {
			for _, fv := range br.GetFieldViolations() {
				if fv.GetField() == field && fv.GetReason() == rule {
					return
				}
			}
			t.Fatalf("violations %v lack %s (%s)", br.GetFieldViolations(), field, rule)
		}
	}
	t.Fatalf("no BadRequest detail in %v", st.Details())
}

// TestHealthMeansReady makes the database really unreachable, by moving
// its directory away: the Pokédex's health turns NOT_SERVING, and SERVING
// again once the directory is back. Nothing is mocked.
func TestHealthMeansReady(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dataDir := filepath.Join(root, "data")
	if err := os.Mkdir(dataDir, 0o755); err != nil {
		t.Fatal(err)
	}
	cfg := testConfig(dataDir)
	cfg.DBCheckInterval = 20 * time.Millisecond
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	conn := serve(t, func(ctx context.Context, lis net.Listener) error {
		cfg.Server.GRPCListener = lis
		return app.Run(ctx, cfg, logger)
	})
	// Watch, not poll: the health service sends every change.
	watch, err := healthgrpc.NewHealthClient(conn).Watch(t.Context(), &healthgrpc.HealthCheckRequest{Service: pokedexv1.PokemonService_ServiceDesc.ServiceName})
	if err != nil {
		t.Fatal(err)
	}
	await := func(want healthgrpc.HealthCheckResponse_ServingStatus) {
		t.Helper()
		for {
			resp, err := watch.Recv()
			if err != nil {
				t.Fatalf("waiting for %v: %v", want, err)
			}
			if resp.GetStatus() == want {
				return
			}
		}
	}
	await(healthgrpc.HealthCheckResponse_SERVING)

	away := filepath.Join(root, "away")
	if err := os.Rename(dataDir, away); err != nil {
		t.Fatal(err)
	}
	await(healthgrpc.HealthCheckResponse_NOT_SERVING)
	if err := os.Rename(away, dataDir); err != nil {
		t.Fatal(err)
	}
	await(healthgrpc.HealthCheckResponse_SERVING)
	if _, err := pokedexv1.NewPokemonServiceClient(conn).GetPokemon(t.Context(), &pokedexv1.GetPokemonRequest{Id: 25}); err != nil {
		t.Errorf("GetPokemon once ready again: %v", err)
	}
}

func TestConfigFromFlagsAndEnv(t *testing.T) {
	t.Parallel()
	env := map[string]string{"KANTO_POKEDEX_CURATOR_TOKEN": "from-env", "KANTO_POKEDEX_DB": "env.db"}
	cfg := app.DefaultConfig()
	if cfg.Server.GRPCAddr != pokedexv1kanto.PokemonServiceInfo.DefaultTarget {
		t.Errorf("default gRPC address %q, want the schema's default host %q", cfg.Server.GRPCAddr, pokedexv1kanto.PokemonServiceInfo.DefaultTarget)
	}
	err := platform.ParseConfig("pokedex", &cfg, []string{"-db", "flag.db", "-log-format", "json"}, func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	if err != nil {
		t.Fatal(err)
	}
	if cfg.CuratorToken != "from-env" || cfg.DBPath != "flag.db" || cfg.Logging().Format != "json" {
		t.Errorf("config %+v: want the environment's token, the flag's database and log format", cfg)
	}
	cfg.PageTokenKey = "abcd"
	cfg.DBCheckInterval = 0
	if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), "page-token-key") || !strings.Contains(err.Error(), "db-check-interval") {
		t.Errorf("Validate = %v, want both errors", err)
	}
}

// emptyPokedex answers GetPokemon with a constant: the baseline that shows
// what the platform's interceptor chain and the transport cost on their own.
type emptyPokedex struct {
	pokedexv1.UnimplementedPokemonServiceServer
	resp *pokedexv1.GetPokemonResponse
}

func (e *emptyPokedex) GetPokemon(context.Context, *pokedexv1.GetPokemonRequest) (*pokedexv1.GetPokemonResponse, error) {
	return e.resp, nil
}

// BenchmarkGetPokemon measures GetPokemon over loopback TCP through the
// full interceptor chain, next to an empty handler on the same server
// setup; the difference is the handler and its SQLite lookup.
func BenchmarkGetPokemon(b *testing.B) {
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	full := startPokedex(b)
	pikachu, err := full.GetPokemon(b.Context(), &pokedexv1.GetPokemonRequest{Id: 25})
	if err != nil {
		b.Fatal(err)
	}
	cfg := app.DefaultConfig().Server
	cfg.MetricsAddr = ""
	emptyConn := serve(b, func(ctx context.Context, lis net.Listener) error {
		cfg.GRPCListener = lis
		srv, err := platform.NewServer(cfg, logger)
		if err != nil {
			return err
		}
		srv.RegisterService(&pokedexv1.PokemonService_ServiceDesc, &emptyPokedex{resp: pikachu})
		return srv.Serve(ctx)
	})
	empty := pokedexv1.NewPokemonServiceClient(emptyConn)

	for _, bc := range []struct {
		name   string
		client pokedexv1.PokemonServiceClient
	}{{"full-chain", full}, {"empty-handler", empty}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				if _, err := bc.client.GetPokemon(b.Context(), &pokedexv1.GetPokemonRequest{Id: int32(i%1025) + 1}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(bc.name+"-parallel", func(b *testing.B) {
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				i := 0
				for pb.Next() {
					i++
					if _, err := bc.client.GetPokemon(context.Background(), &pokedexv1.GetPokemonRequest{Id: int32(i%1025) + 1}); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	}
}
