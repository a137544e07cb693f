// Package app assembles the route planner service: the graph (the
// embedded Kanto map or a graph file), the planner, the conditions
// simulator, its handlers and the shared platform. cmd/routeplanner
// parses the configuration and calls Run; tests build a Config and call
// Run on 127.0.0.1:0.
package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"sync"
	"time"

	routeplannerv1 "github.com/kanto-api/kanto/gen/go/kanto/routeplanner/v1"
	"github.com/kanto-api/kanto/gen/go/kanto/routeplanner/v1/routeplannerv1kanto"
	"github.com/kanto-api/kanto/services/kantomap"
	"github.com/kanto-api/kanto/services/platform"
	"github.com/kanto-api/kanto/services/routeplanner/internal/conditions"
	"github.com/kanto-api/kanto/services/routeplanner/internal/graph"
	"github.com/kanto-api/kanto/services/routeplanner/internal/planner"
	"github.com/kanto-api/kanto/services/routeplanner/internal/server"
)

// Config configures the route planner service. Its defaults are those of
// the packages it assembles, each defined there once.
type Config struct {
	Server platform.ServerConfig
	// GraphFile is a KGRAPH01 graph file (see cmd/graphgen) to plan on
	// instead of the embedded Kanto map.
	GraphFile string
	// ConditionsInterval is the time between simulated condition changes;
	// ConditionsSeed selects their deterministic sequence.
	ConditionsInterval time.Duration
	ConditionsSeed     uint64
	// WalkingSpeedKMH turns distances into estimated durations.
	WalkingSpeedKMH float64
	// OffRouteKM is how far from the route a traveller may stray before
	// Navigate reroutes, and the arrival radius.
	OffRouteKM float64
	// VisitRadiusKM is how close a trip point must be to a place for
	// RecordTrip to count it as visited.
	VisitRadiusKM float64
}

// DefaultConfig returns the service's defaults: it listens on the
// schema's default host of kanto.routeplanner.v1.RoutePlannerService, its
// metrics and health on 127.0.0.1:9092.
func DefaultConfig() Config {
	return Config{
		Server:             platform.DefaultServerConfig(routeplannerv1kanto.RoutePlannerServiceInfo.DefaultTarget, "127.0.0.1:9092"),
		ConditionsInterval: conditions.DefaultInterval,
		WalkingSpeedKMH:    kantomap.WalkingSpeedKMH,
		OffRouteKM:         server.DefaultOffRouteKM,
		VisitRadiusKM:      server.DefaultVisitRadiusKM,
	}
}

// RegisterFlags registers the configuration's flags on fs.
func (c *Config) RegisterFlags(fs *flag.FlagSet) {
	c.Server.RegisterFlags(fs)
	fs.StringVar(&c.GraphFile, "graph", c.GraphFile, "KGRAPH01 graph file to plan on; empty: the embedded Kanto map")
	fs.DurationVar(&c.ConditionsInterval, "conditions-interval", c.ConditionsInterval, "time between simulated route-condition changes")
	fs.Uint64Var(&c.ConditionsSeed, "conditions-seed", c.ConditionsSeed, "seed of the deterministic condition simulator")
	fs.Float64Var(&c.WalkingSpeedKMH, "walking-speed", c.WalkingSpeedKMH, "walking speed in km/h for estimated durations")
	fs.Float64Var(&c.OffRouteKM, "off-route-km", c.OffRouteKM, "distance from the route that makes Navigate reroute, and the arrival radius")
	fs.Float64Var(&c.VisitRadiusKM, "visit-radius-km", c.VisitRadiusKM, "distance within which RecordTrip counts a place as visited")
}

// Validate reports configuration errors of the shared part; the
// planner, the simulator and the handlers check their own settings when
// Run builds them.
func (c *Config) Validate() error { return c.Server.Validate() }

// Logging returns the logging configuration.
func (c *Config) Logging() platform.LogConfig { return c.Server.Log }

// Run serves the route planner until ctx ends, then shuts down
// gracefully.
func Run(ctx context.Context, cfg Config, logger *slog.Logger) error {
	var (
		g   *graph.Graph
		err error
	)
	if cfg.GraphFile != "" {
		g, err = graph.ReadFile(cfg.GraphFile)
	} else {
		g, err = graph.FromKantoMap()
	}
	if err != nil {
		return fmt.Errorf("load graph: %w", err)
	}
	p, err := planner.New(g, planner.WithWalkingSpeed(cfg.WalkingSpeedKMH))
	if err != nil {
		return err
	}
	simCfg := conditions.SimulatorConfig{Seed: cfg.ConditionsSeed, Interval: cfg.ConditionsInterval}
	if cfg.GraphFile != "" {
		simCfg.Places = g.IDs() // the Kanto routes are not in a custom graph
	}
	sim, err := conditions.NewSimulator(simCfg)
	if err != nil {
		return err
	}
	srv, err := platform.NewServer(cfg.Server, logger)
	if err != nil {
		return err
	}
	handlers, err := server.New(p, sim, logger,
		server.WithOffRouteKM(cfg.OffRouteKM),
		server.WithVisitRadiusKM(cfg.VisitRadiusKM),
		server.WithDraining(srv.Draining()))
	if err != nil {
		return err
	}
	srv.RegisterService(&routeplannerv1.RoutePlannerService_ServiceDesc, handlers)

	simCtx, stopSim := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() {
		if err := sim.Run(simCtx); err != nil && !errors.Is(err, context.Canceled) {
			logger.Error("condition simulator stopped", "error", err)
		}
	})
	logger.Info("graph loaded", "nodes", g.NumNodes(), "graph", cfg.GraphFile)
	err = srv.Serve(ctx)
	stopSim()
	wg.Wait()
	return err
}
