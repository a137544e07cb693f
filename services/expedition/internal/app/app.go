// Package app assembles the expedition service: its connections to the
// route planner and the Pokédex, its handlers and the shared server
// runtime. cmd/expedition parses the configuration and calls Run; tests
// call Run on 127.0.0.1:0 or start the binary.
package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"

	expeditionv1 "github.com/kanto-api/kanto/gen/go/kanto/expedition/v1"
	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
	routeplannerv1 "github.com/kanto-api/kanto/gen/go/kanto/routeplanner/v1"
	"github.com/kanto-api/kanto/gen/go/serviceconfig"
	"github.com/kanto-api/kanto/services/expedition/internal/server"
	"github.com/kanto-api/kanto/services/platform"
)

// EnvPrefix prefixes the environment variable of every flag.
const EnvPrefix = "KANTO_EXPEDITION"

// Config configures the expedition service.
type Config struct {
	Runtime platform.Config
	// PokedexAddr and RoutePlannerAddr are the gRPC targets of the
	// services the expedition calls (any target grpc.NewClient accepts).
	PokedexAddr      string
	RoutePlannerAddr string
	// UpstreamTLS dials them over TLS, trusting the system roots; by
	// default the connections are plaintext, for loopback and meshes that
	// encrypt themselves.
	UpstreamTLS bool
}

// DefaultConfig returns the service's defaults: it listens on
// 127.0.0.1:50053 (metrics on 127.0.0.1:9093) and calls the Pokédex and
// the route planner on their default addresses.
func DefaultConfig() Config {
	return Config{
		Runtime:          platform.DefaultConfig("127.0.0.1:50053", "127.0.0.1:9093"),
		PokedexAddr:      "127.0.0.1:50051",
		RoutePlannerAddr: "127.0.0.1:50052",
	}
}

// RegisterFlags registers the service's own flags on fs; env names a
// flag's environment variable for its usage text.
func (c *Config) RegisterFlags(fs *flag.FlagSet, env func(string) string) {
	fs.StringVar(&c.PokedexAddr, "pokedex-addr", c.PokedexAddr, "gRPC target of the Pokédex service"+env("pokedex-addr"))
	fs.StringVar(&c.RoutePlannerAddr, "routeplanner-addr", c.RoutePlannerAddr, "gRPC target of the route planner service"+env("routeplanner-addr"))
	fs.BoolVar(&c.UpstreamTLS, "upstream-tls", c.UpstreamTLS, "dial the Pokédex and the route planner over TLS"+env("upstream-tls"))
}

// Validate reports configuration errors, all at once. The runtime part is
// validated by platform.NewServer.
func (c *Config) Validate() error {
	var errs []error
	if c.PokedexAddr == "" {
		errs = append(errs, errors.New("pokedex-addr must be set"))
	}
	if c.RoutePlannerAddr == "" {
		errs = append(errs, errors.New("routeplanner-addr must be set"))
	}
	return errors.Join(errs...)
}

// Run serves the expedition service on lis until ctx ends, then shuts down
// gracefully and closes its downstream connections.
//
// Calls to the other services carry their schema's call policy (the
// service configs in gen/go/serviceconfig: retries on UNAVAILABLE, and a
// per-method timeout that only ever shortens the caller's deadline, never
// extends it), and the runtime's client interceptors, so the request id
// follows the chain and each hop's deadline budget is logged. The minimum
// deadline budget of cfg.Runtime is enforced twice: by the runtime when a
// call arrives, and by the handlers before each downstream call.
func Run(ctx context.Context, cfg Config, logger *slog.Logger, lis net.Listener) (err error) {
	if err := cfg.Validate(); err != nil {
		return fmt.Errorf("invalid configuration: %w", err)
	}
	creds := insecure.NewCredentials()
	if cfg.UpstreamTLS {
		creds = credentials.NewTLS(nil)
	}
	dial := func(target, serviceConfig string) (*grpc.ClientConn, error) {
		opts := append([]grpc.DialOption{
			grpc.WithTransportCredentials(creds),
			grpc.WithDefaultServiceConfig(serviceConfig),
		}, platform.ClientInterceptors(logger)...)
		conn, err := grpc.NewClient(target, opts...)
		if err != nil {
			return nil, fmt.Errorf("dial %s: %w", target, err)
		}
		return conn, nil
	}
	// grpc.NewClient connects lazily, so the service starts even while the
	// others are still starting; calls made before they listen fail with
	// UNAVAILABLE (after the policy's retries).
	plannerConn, err := dial(cfg.RoutePlannerAddr, serviceconfig.Routeplanner)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, plannerConn.Close()) }()
	pokedexConn, err := dial(cfg.PokedexAddr, serviceconfig.Pokedex)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, pokedexConn.Close()) }()

	handlers, err := server.New(
		routeplannerv1.NewRoutePlannerServiceClient(plannerConn),
		pokedexv1.NewPokemonServiceClient(pokedexConn),
		server.WithLogger(logger),
		server.WithMinHopBudget(cfg.Runtime.MinDeadlineBudget),
	)
	if err != nil {
		return err
	}
	srv, err := platform.NewServer(cfg.Runtime, logger)
	if err != nil {
		return err
	}
	srv.RegisterService(&expeditionv1.ExpeditionService_ServiceDesc, handlers)
	return srv.Serve(ctx, lis)
}
