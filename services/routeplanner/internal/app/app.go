// Package app assembles the route planner service: the graph (the
// embedded Kanto map or a graph file), the planner, the conditions
// simulator, its handlers and the shared server runtime. cmd/routeplanner
// parses the configuration and calls Run; tests call Run on 127.0.0.1:0.
package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"time"

	routeplannerv1 "github.com/kanto-api/kanto/gen/go/kanto/routeplanner/v1"
	"github.com/kanto-api/kanto/services/platform"
	"github.com/kanto-api/kanto/services/routeplanner/internal/conditions"
	"github.com/kanto-api/kanto/services/routeplanner/internal/graph"
	"github.com/kanto-api/kanto/services/routeplanner/internal/planner"
	"github.com/kanto-api/kanto/services/routeplanner/internal/server"
)

// EnvPrefix prefixes the environment variable of every flag.
const EnvPrefix = "KANTO_ROUTEPLANNER"

// Config configures the route planner service.
type Config struct {
	Runtime platform.Config
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

// DefaultConfig returns the service's defaults.
func DefaultConfig() Config {
	return Config{
		Runtime:            platform.DefaultConfig("127.0.0.1:50052", "127.0.0.1:9092"),
		ConditionsInterval: 5 * time.Second,
		WalkingSpeedKMH:    5,
		OffRouteKM:         3,
		VisitRadiusKM:      2,
	}
}

// RegisterFlags registers the service's own flags on fs.
func (c *Config) RegisterFlags(fs *flag.FlagSet, env func(string) string) {
	fs.StringVar(&c.GraphFile, "graph", c.GraphFile, "KGRAPH01 graph file to plan on; empty: the embedded Kanto map"+env("graph"))
	fs.DurationVar(&c.ConditionsInterval, "conditions-interval", c.ConditionsInterval, "time between simulated route-condition changes"+env("conditions-interval"))
	fs.Uint64Var(&c.ConditionsSeed, "conditions-seed", c.ConditionsSeed, "seed of the deterministic condition simulator"+env("conditions-seed"))
	fs.Float64Var(&c.WalkingSpeedKMH, "walking-speed", c.WalkingSpeedKMH, "walking speed in km/h for estimated durations"+env("walking-speed"))
	fs.Float64Var(&c.OffRouteKM, "off-route-km", c.OffRouteKM, "distance from the route that makes Navigate reroute, and the arrival radius"+env("off-route-km"))
	fs.Float64Var(&c.VisitRadiusKM, "visit-radius-km", c.VisitRadiusKM, "distance within which RecordTrip counts a place as visited"+env("visit-radius-km"))
}

// Run serves the route planner on lis until ctx ends, then shuts down
// gracefully.
func Run(ctx context.Context, cfg Config, logger *slog.Logger, lis net.Listener) error {
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
	srv, err := platform.NewServer(cfg.Runtime, logger)
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
	logger.Info("route planner ready", "nodes", g.NumNodes(), "graph", cfg.GraphFile)
	err = srv.Serve(ctx, lis)
	stopSim()
	wg.Wait()
	return err
}
