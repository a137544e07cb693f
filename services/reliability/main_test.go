// Package reliability holds Kanto's fault and abuse suite against the real
// binaries, started by the launcher the way `make run` starts them: abuse
// at the REST edge, a stream whose client never reads, crashes and drains
// under load. Transport abuse of the gRPC server itself is in
// services/platform (abuse_test.go); the fuzz targets are beside the
// parsers they fuzz. docs/reliability.md says what each proves.
package reliability

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/kanto-api/kanto/services/launcher"
)

// binDir holds the binaries TestMain builds: production builds, the ones
// `make run` and a deployment run.
var binDir string

// waitBound caps every wait on a process or a condition, so a broken
// server fails its test instead of hanging it.
const waitBound = 30 * time.Second

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	flag.Parse()
	dir, err := os.MkdirTemp("", "kanto-reliability-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	if err := launcher.Build(context.Background(), dir); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	binDir = dir
	return m.Run()
}

// startKanto starts every binary on free ports with the given flag
// settings, and stops them when the test ends.
func startKanto(t *testing.T, settings ...launcher.Setting) *launcher.Env {
	t.Helper()
	dir := t.TempDir()
	env, err := launcher.Start(t.Context(), launcher.Config{
		BinDir:   binDir,
		Dir:      dir,
		Env:      []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")},
		Settings: append([]launcher.Setting{{Flag: "log-format", Value: "json", Override: true}}, settings...),
		Output:   func(string) io.Writer { return nil },
	})
	if err != nil {
		for _, name := range []string{"pokedex", "routeplanner", "expedition", "gateway"} {
			if b, rerr := os.ReadFile(filepath.Join(dir, name+".log")); rerr == nil {
				t.Logf("%s log:\n%s", name, b)
			}
		}
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := env.Stop(); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
	return env
}
