package app_test

import (
	"flag"
	"io"
	"log/slog"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/kanto-api/kanto/services/expedition/internal/app"
	"github.com/kanto-api/kanto/services/platform"
)

func TestConfigFromFlagsAndEnv(t *testing.T) {
	t.Setenv("KANTO_EXPEDITION_POKEDEX_ADDR", "pokedex.internal:443")
	t.Setenv("KANTO_EXPEDITION_MIN_DEADLINE_BUDGET", "25ms")
	cfg := app.DefaultConfig()
	if cfg.Runtime.GRPCAddr != "127.0.0.1:50053" || cfg.Runtime.MetricsAddr != "127.0.0.1:9093" ||
		cfg.PokedexAddr != "127.0.0.1:50051" || cfg.RoutePlannerAddr != "127.0.0.1:50052" {
		t.Errorf("defaults = %+v", cfg)
	}
	fs := flag.NewFlagSet("expedition", flag.ContinueOnError)
	cfg.Runtime.RegisterFlags(fs, app.EnvPrefix)
	cfg.RegisterFlags(fs, func(name string) string { return " (env " + platform.EnvName(app.EnvPrefix, name) + ")" })
	if err := fs.Parse([]string{"-routeplanner-addr", "planner.internal:443", "-upstream-tls"}); err != nil {
		t.Fatal(err)
	}
	if err := platform.ApplyEnv(fs, app.EnvPrefix); err != nil {
		t.Fatal(err)
	}
	if cfg.PokedexAddr != "pokedex.internal:443" || cfg.RoutePlannerAddr != "planner.internal:443" || !cfg.UpstreamTLS {
		t.Errorf("config = %+v, want the environment's Pokédex, the flag's planner, TLS", cfg)
	}
	if cfg.Runtime.MinDeadlineBudget != 25*time.Millisecond {
		t.Errorf("MinDeadlineBudget = %v, want the environment's 25ms", cfg.Runtime.MinDeadlineBudget)
	}
	if err := cfg.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
}

func TestRunRejectsAnIncompleteConfig(t *testing.T) {
	cfg := app.DefaultConfig()
	cfg.PokedexAddr = ""
	cfg.RoutePlannerAddr = ""
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer lis.Close()
	err = app.Run(t.Context(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), lis)
	if err == nil || !strings.Contains(err.Error(), "pokedex-addr") || !strings.Contains(err.Error(), "routeplanner-addr") {
		t.Errorf("Run = %v, want both missing addresses named", err)
	}
}
