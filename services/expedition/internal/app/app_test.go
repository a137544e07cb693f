package app_test

import (
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/kanto-api/kanto/gen/go/kanto/expedition/v1/expeditionv1kanto"
	"github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1/pokedexv1kanto"
	"github.com/kanto-api/kanto/gen/go/kanto/routeplanner/v1/routeplannerv1kanto"
	"github.com/kanto-api/kanto/services/expedition/internal/app"
	"github.com/kanto-api/kanto/services/platform"
)

var (
	pokedexName = pokedexv1kanto.PokemonServiceInfo.Name
	plannerName = routeplannerv1kanto.RoutePlannerServiceInfo.Name
)

func TestConfigFromFlagsAndEnv(t *testing.T) {
	t.Parallel()
	cfg := app.DefaultConfig()
	// Every address defaults to the schema's default host.
	if cfg.Server.GRPCAddr != expeditionv1kanto.ExpeditionServiceInfo.DefaultTarget ||
		cfg.Upstreams.Targets[pokedexName] != pokedexv1kanto.PokemonServiceInfo.DefaultTarget ||
		cfg.Upstreams.Targets[plannerName] != routeplannerv1kanto.RoutePlannerServiceInfo.DefaultTarget {
		t.Errorf("defaults = %+v", cfg)
	}
	env := map[string]string{
		"KANTO_EXPEDITION_POKEDEX_ADDR":        "pokedex.internal:443",
		"KANTO_EXPEDITION_MIN_DEADLINE_BUDGET": "25ms",
	}
	err := platform.ParseConfig("expedition", &cfg, []string{"-routeplanner-addr", "planner.internal:443", "-upstream-tls"},
		func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Upstreams.Targets[pokedexName] != "pokedex.internal:443" || cfg.Upstreams.Targets[plannerName] != "planner.internal:443" || !cfg.Upstreams.TLS {
		t.Errorf("upstreams = %+v, want the environment's Pokédex, the flag's planner, TLS", cfg.Upstreams)
	}
	if cfg.Server.MinDeadlineBudget != 25*time.Millisecond {
		t.Errorf("MinDeadlineBudget = %v, want the environment's 25ms", cfg.Server.MinDeadlineBudget)
	}
}

func TestRunRejectsAnIncompleteConfig(t *testing.T) {
	t.Parallel()
	cfg := app.DefaultConfig()
	cfg.Upstreams.Targets[pokedexName] = ""
	cfg.Upstreams.Targets[plannerName] = ""
	err := app.Run(t.Context(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err == nil || !strings.Contains(err.Error(), "pokedex-addr") || !strings.Contains(err.Error(), "routeplanner-addr") {
		t.Errorf("Run = %v, want both missing addresses named", err)
	}
}
