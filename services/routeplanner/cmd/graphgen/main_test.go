package main

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/kanto-api/kanto/services/routeplanner/internal/graph"
)

func TestRun(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "small.kgraph")
	cfg, err := parseConfig([]string{"-nodes", "1500", "-seed", "4", "-out", out}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if err := Run(t.Context(), cfg, slog.New(slog.DiscardHandler)); err != nil {
		t.Fatal(err)
	}
	g, err := graph.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := graph.Generate(graph.GenerateConfig{Nodes: 1500, Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	if g.NumNodes() != want.NumNodes() || g.NumEdges() != want.NumEdges() || g.Node(1499) != want.Node(1499) {
		t.Errorf("file holds %d nodes, %d edges; want the generated %d, %d", g.NumNodes(), g.NumEdges(), want.NumNodes(), want.NumEdges())
	}
	// Only the graph is left: the temporary file was renamed.
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("directory holds %d entries, want 1", len(entries))
	}
}

func TestParseConfig(t *testing.T) {
	t.Parallel()
	cfg, err := parseConfig([]string{"-out", "x"}, &bytes.Buffer{})
	if err != nil || cfg != (Config{Nodes: 1_000_000, Seed: 1, Out: "x"}) {
		t.Errorf("defaults: %+v, %v", cfg, err)
	}
	for _, args := range [][]string{{}, {"-out", "x", "-nodes", "1"}, {"-out", "x", "extra"}, {"-bogus"}} {
		if _, err := parseConfig(args, &bytes.Buffer{}); err == nil {
			t.Errorf("parseConfig(%q) succeeded", args)
		}
	}
}
