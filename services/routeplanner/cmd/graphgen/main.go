// Command graphgen writes a synthetic road network in the route planner's
// graph file format, to load-test and benchmark the planner on graphs far
// larger than the Kanto map:
//
//	graphgen -nodes 1000000 -seed 1 -out kanto-1m.kgraph
//
// The graph is a jittered grid with random diagonals and slow edges over
// the Kantō plain (see graph.Generate); the same flags always write the
// same file.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/kanto-api/kanto/services/routeplanner/internal/graph"
)

// Config is what graphgen makes.
type Config struct {
	// Nodes is the number of nodes; default 1,000,000.
	Nodes int
	// Seed selects the graph; default 1.
	Seed uint64
	// Out is the file to write; required.
	Out string
}

func parseConfig(args []string, stderr io.Writer) (Config, error) {
	fs := flag.NewFlagSet("graphgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := Config{}
	fs.IntVar(&cfg.Nodes, "nodes", 1_000_000, "number of nodes, at least 2")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "random seed; the same seed writes the same graph")
	fs.StringVar(&cfg.Out, "out", "", "graph file to write (required)")
	if err := fs.Parse(args); err != nil {
		return Config{}, err
	}
	if fs.NArg() > 0 {
		return Config{}, fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	if cfg.Out == "" {
		return Config{}, errors.New("-out is required")
	}
	if cfg.Nodes < 2 {
		return Config{}, errors.New("-nodes must be at least 2")
	}
	return cfg, nil
}

// Run generates the graph and writes it. It writes to a temporary file
// next to cfg.Out and renames it into place, so an interrupted run never
// leaves a truncated graph behind.
func Run(ctx context.Context, cfg Config, logger *slog.Logger) (err error) {
	start := time.Now()
	g, err := graph.Generate(graph.GenerateConfig{Nodes: cfg.Nodes, Seed: cfg.Seed})
	if err != nil {
		return err
	}
	// Generation cannot be interrupted part-way; check before writing.
	if err := ctx.Err(); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(cfg.Out), filepath.Base(cfg.Out)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			err = errors.Join(err, os.Remove(tmp.Name()))
		}
	}()
	// CreateTemp makes the file private; a graph is not a secret.
	if err := tmp.Chmod(0o644); err != nil {
		return errors.Join(err, tmp.Close())
	}
	if err := g.Write(tmp); err != nil {
		return errors.Join(err, tmp.Close())
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), cfg.Out); err != nil {
		return err
	}
	logger.InfoContext(ctx, "graph written", "path", cfg.Out, "nodes", g.NumNodes(), "edges", g.NumEdges(), "elapsed", time.Since(start).Round(time.Millisecond))
	return nil
}

func main() {
	cfg, err := parseConfig(os.Args[1:], os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "graphgen:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if err := Run(ctx, cfg, logger); err != nil {
		logger.Error("graphgen failed", "error", err)
		stop()
		os.Exit(1)
	}
}
