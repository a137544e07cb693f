// Package app assembles the Pokédex service: its store, its handlers and
// the shared server runtime. cmd/pokedex parses the configuration and
// calls Run; tests call Run on 127.0.0.1:0.
package app

import (
	"context"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"

	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
	"github.com/kanto-api/kanto/services/kantomap"
	"github.com/kanto-api/kanto/services/platform"
	"github.com/kanto-api/kanto/services/pokedex/internal/server"
	"github.com/kanto-api/kanto/services/pokedex/internal/store"
)

// EnvPrefix prefixes the environment variable of every flag.
const EnvPrefix = "KANTO_POKEDEX"

// WriteMethods are the curator writes that need the bearer token.
var WriteMethods = []string{
	pokedexv1.PokemonService_CreatePokemon_FullMethodName,
	pokedexv1.PokemonService_UpdatePokemon_FullMethodName,
	pokedexv1.PokemonService_DeletePokemon_FullMethodName,
}

// Config configures the Pokédex service.
type Config struct {
	Runtime platform.Config
	// DBPath is the SQLite database file, created and seeded with the
	// National Pokédex on first start.
	DBPath string
	// PageTokenKey is the hex key that signs page tokens (at least 32
	// bytes). Empty means a random key per process: tokens then do not
	// survive a restart or work across replicas.
	PageTokenKey string
}

// DefaultConfig returns the service's defaults.
func DefaultConfig() Config {
	rt := platform.DefaultConfig("127.0.0.1:50051", "127.0.0.1:9091")
	rt.CuratorWrites = true
	return Config{Runtime: rt, DBPath: "pokedex.db"}
}

// RegisterFlags registers the service's own flags on fs.
func (c *Config) RegisterFlags(fs *flag.FlagSet, env func(string) string) {
	fs.StringVar(&c.DBPath, "db", c.DBPath, "SQLite database file, created and seeded on first start"+env("db"))
	fs.StringVar(&c.PageTokenKey, "page-token-key", c.PageTokenKey, "hex key (>= 32 bytes) signing page tokens; empty: random per process"+env("page-token-key"))
}

// Run serves the Pokédex on lis until ctx ends, then shuts down gracefully.
func Run(ctx context.Context, cfg Config, logger *slog.Logger, lis net.Listener) (err error) {
	var serverOpts []server.Option
	if cfg.PageTokenKey != "" {
		key, err := hex.DecodeString(cfg.PageTokenKey)
		if err != nil {
			return fmt.Errorf("page-token-key: %w", err)
		}
		serverOpts = append(serverOpts, server.WithPageTokenKey(key))
	}
	encounters := kantomap.Encounters()
	seedEncounters := make([]store.Encounter, len(encounters))
	for i, e := range encounters {
		seedEncounters[i] = store.Encounter(e)
	}
	st, err := store.Open(ctx, cfg.DBPath, store.WithLogger(logger), store.WithEncounters(seedEncounters))
	if err != nil {
		return fmt.Errorf("open store: %w", err)
	}
	defer func() { err = errors.Join(err, st.Close()) }()

	handlers, err := server.New(st, append(serverOpts, server.WithLogger(logger))...)
	if err != nil {
		return err
	}
	srv, err := platform.NewServer(cfg.Runtime, logger, platform.WithWriteMethods(WriteMethods...))
	if err != nil {
		return err
	}
	srv.RegisterService(&pokedexv1.PokemonService_ServiceDesc, handlers)
	return srv.Serve(ctx, lis)
}
