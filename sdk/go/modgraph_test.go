package kanto_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestModuleGraphHasNoServerDependencies checks that a program using the
// SDK (this module and the generated gen/go it imports) downloads none of
// the servers' dependencies: the REST gateway's grpc-gateway, Prometheus
// and SQLite live in gen/goserver and services only.
func TestModuleGraphHasNoServerDependencies(t *testing.T) {
	t.Parallel()
	for _, dir := range []string{".", filepath.Join("..", "..", "gen", "go")} {
		cmd := exec.Command("go", "mod", "graph")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOWORK=off")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go mod graph in %s: %v\n%s", dir, err, out)
		}
		if !strings.Contains(string(out), "google.golang.org/grpc@") {
			t.Fatalf("go mod graph in %s lists no grpc: not the graph expected\n%s", dir, out)
		}
		for _, banned := range []string{"github.com/grpc-ecosystem/grpc-gateway", "github.com/prometheus/", "modernc.org/sqlite", "github.com/jackc/pgx"} {
			for _, line := range strings.Split(string(out), "\n") {
				if strings.Contains(line, banned) {
					t.Errorf("the module graph of %s holds a server-only dependency: %s", dir, line)
				}
			}
		}
	}
}
