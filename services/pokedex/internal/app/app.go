// Package app assembles the Pokédex service: its store, its handlers, its
// curator policy and the shared platform. cmd/pokedex parses the
// configuration and calls Run; tests build a Config and call Run on
// 127.0.0.1:0.
package app

import (
	"context"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"time"

	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
	"github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1/pokedexv1kanto"
	"github.com/kanto-api/kanto/services/kantomap"
	"github.com/kanto-api/kanto/services/platform"
	"github.com/kanto-api/kanto/services/pokedex/internal/curator"
	"github.com/kanto-api/kanto/services/pokedex/internal/server"
	"github.com/kanto-api/kanto/services/pokedex/internal/store"
)

// Config configures the Pokédex service.
type Config struct {
	Server platform.ServerConfig
	// DBPath is the SQLite database file, created and seeded with the
	// National Pokédex on first start.
	DBPath string
	// DBCheckInterval is how often the database is checked for readiness:
	// health is NOT_SERVING while it is unreachable.
	DBCheckInterval time.Duration
	// PageTokenKey is the hex key that signs page tokens (at least 32
	// bytes). Empty means a random key per process: tokens then do not
	// survive a restart or work across replicas.
	PageTokenKey string
	// CuratorToken is the bearer token curator writes need. Empty disables
	// writes: they answer UNAUTHENTICATED without a token and
	// PERMISSION_DENIED with any token.
	CuratorToken string
}

// DefaultConfig returns the service's defaults: it listens on the
// schema's default host of kanto.pokedex.v1.PokemonService, its metrics
// and health on 127.0.0.1:9091.
func DefaultConfig() Config {
	return Config{
		Server:          platform.DefaultServerConfig(pokedexv1kanto.PokemonServiceInfo.DefaultTarget, "127.0.0.1:9091"),
		DBPath:          "pokedex.db",
		DBCheckInterval: 2 * time.Second,
	}
}

// RegisterFlags registers the configuration's flags on fs.
func (c *Config) RegisterFlags(fs *flag.FlagSet) {
	c.Server.RegisterFlags(fs)
	fs.StringVar(&c.DBPath, "db", c.DBPath, "SQLite database file, created and seeded on first start")
	fs.DurationVar(&c.DBCheckInterval, "db-check-interval", c.DBCheckInterval, "how often the database is checked; health is NOT_SERVING while it is unreachable")
	fs.StringVar(&c.PageTokenKey, "page-token-key", c.PageTokenKey, "hex key (>= 32 bytes) signing page tokens; empty: random per process")
	fs.StringVar(&c.CuratorToken, "curator-token", c.CuratorToken, "bearer token that curator writes need; empty disables writes")
}

// Validate reports configuration errors, all at once.
func (c *Config) Validate() error {
	var errs []error
	errs = append(errs, c.Server.Validate())
	if c.DBPath == "" {
		errs = append(errs, errors.New("db must be set"))
	}
	if c.DBCheckInterval <= 0 {
		errs = append(errs, errors.New("db-check-interval must be positive"))
	}
	if c.PageTokenKey != "" {
		if key, err := hex.DecodeString(c.PageTokenKey); err != nil || len(key) < server.MinPageTokenKeyLen {
			errs = append(errs, fmt.Errorf("page-token-key must be at least %d bytes in hex", server.MinPageTokenKeyLen))
		}
	}
	return errors.Join(errs...)
}

// Logging returns the logging configuration.
func (c *Config) Logging() platform.LogConfig { return c.Server.Log }

// Run serves the Pokédex until ctx ends, then shuts down gracefully and
// closes the database. Its health is SERVING only while the database
// answers (store.Ping, every cfg.DBCheckInterval).
func Run(ctx context.Context, cfg Config, logger *slog.Logger) (err error) {
	if err := cfg.Validate(); err != nil {
		return fmt.Errorf("invalid configuration: %w", err)
	}
	var serverOpts []server.Option
	if cfg.PageTokenKey != "" {
		key, _ := hex.DecodeString(cfg.PageTokenKey) // checked by Validate
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
	srv, err := platform.NewServer(cfg.Server, logger,
		platform.WithAuthorizer(curator.Authorizer(cfg.CuratorToken)),
		platform.WithReadinessCheck(st.Ping, cfg.DBCheckInterval))
	if err != nil {
		return err
	}
	srv.RegisterService(&pokedexv1.PokemonService_ServiceDesc, handlers)
	return srv.Serve(ctx)
}
