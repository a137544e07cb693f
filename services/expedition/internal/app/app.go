// Package app assembles the expedition service: its connections to the
// route planner and the Pokédex, its handlers and the shared platform.
// cmd/expedition parses the configuration and calls Run; tests build a
// Config and call Run, or start the binaries through the launcher.
package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"

	expeditionv1 "github.com/kanto-api/kanto/gen/go/kanto/expedition/v1"
	"github.com/kanto-api/kanto/gen/go/kanto/expedition/v1/expeditionv1kanto"
	"github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1/pokedexv1kanto"
	"github.com/kanto-api/kanto/gen/go/kanto/routeplanner/v1/routeplannerv1kanto"
	"github.com/kanto-api/kanto/services/expedition/internal/server"
	"github.com/kanto-api/kanto/services/platform"
)

// Config configures the expedition service.
type Config struct {
	Server platform.ServerConfig
	// Upstreams are the Pokédex and the route planner the expedition
	// calls: -pokedex-addr, -routeplanner-addr and -upstream-tls.
	Upstreams platform.UpstreamConfig
}

// DefaultConfig returns the service's defaults: it listens on the
// schema's default host of kanto.expedition.v1.ExpeditionService (metrics
// and health on 127.0.0.1:9093) and calls the Pokédex and the route
// planner at theirs.
func DefaultConfig() Config {
	return Config{
		Server:    platform.DefaultServerConfig(expeditionv1kanto.ExpeditionServiceInfo.DefaultTarget, "127.0.0.1:9093"),
		Upstreams: platform.NewUpstreamConfig(pokedexv1kanto.PokemonServiceInfo, routeplannerv1kanto.RoutePlannerServiceInfo),
	}
}

// RegisterFlags registers the configuration's flags on fs.
func (c *Config) RegisterFlags(fs *flag.FlagSet) {
	c.Server.RegisterFlags(fs)
	c.Upstreams.RegisterFlags(fs)
}

// Validate reports configuration errors, all at once.
func (c *Config) Validate() error {
	return errors.Join(c.Server.Validate(), c.Upstreams.Validate())
}

// Logging returns the logging configuration.
func (c *Config) Logging() platform.LogConfig { return c.Server.Log }

// Run serves the expedition service until ctx ends, then shuts down
// gracefully and closes its downstream connections.
//
// It calls the other services through their generated clients, on
// connections of platform.UpstreamConfig.Dial: with the callee's call
// policy from the schema (retries on UNAVAILABLE, and a per-method
// timeout that only ever shortens the caller's deadline, never extends
// it), and the platform's client interceptors, so the request id follows
// the chain and each hop's deadline budget is logged. The minimum
// deadline budget of cfg.Server is enforced twice: by the platform when a
// call arrives, and by the handlers before each downstream call.
func Run(ctx context.Context, cfg Config, logger *slog.Logger) (err error) {
	if err := cfg.Validate(); err != nil {
		return fmt.Errorf("invalid configuration: %w", err)
	}
	// The connections are lazy, so the service starts even while the
	// others are still starting; calls made before they listen fail with
	// UNAVAILABLE (after the policy's retries).
	plannerConn, err := cfg.Upstreams.Dial(routeplannerv1kanto.RoutePlannerServiceInfo, logger)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, plannerConn.Close()) }()
	pokedexConn, err := cfg.Upstreams.Dial(pokedexv1kanto.PokemonServiceInfo, logger)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, pokedexConn.Close()) }()

	handlers, err := server.New(
		routeplannerv1kanto.NewRoutePlannerClient(plannerConn),
		pokedexv1kanto.NewPokemonClient(pokedexConn),
		server.WithLogger(logger),
		server.WithMinHopBudget(cfg.Server.MinDeadlineBudget),
	)
	if err != nil {
		return err
	}
	srv, err := platform.NewServer(cfg.Server, logger)
	if err != nil {
		return err
	}
	srv.RegisterService(&expeditionv1.ExpeditionService_ServiceDesc, handlers)
	return srv.Serve(ctx)
}
