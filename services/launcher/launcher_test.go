package launcher

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestEnvOfABinary(t *testing.T) {
	t.Parallel()
	e := &Env{cfg: Config{
		Env: []string{"HOME=/home/ash", "KANTO_ROUTEPLANNER_CONDITIONS_INTERVAL=1m", "KANTO_ROUTEPLANNER_LOG_FORMAT=text", "KANTO_ROUTEPLANNER_POKEDEX_ADDR=stale:1"},
		Settings: []Setting{
			{Flag: "log-format", Value: "json", Override: true},
			{Binary: "routeplanner", Flag: "conditions-interval", Value: "24h"},
			{Binary: "routeplanner", Flag: "walking-speed", Value: "4"},
			{Binary: "expedition", Flag: "min-deadline-budget", Value: "50ms"},
		},
	}}
	env := e.env("routeplanner", map[string]string{"pokedex": "127.0.0.1:1001", "routeplanner": "127.0.0.1:1002"})
	for _, want := range []string{
		"HOME=/home/ash",
		"KANTO_ROUTEPLANNER_LOG_FORMAT=json",             // an override wins over the environment
		"KANTO_ROUTEPLANNER_CONDITIONS_INTERVAL=1m",      // the environment wins over a default
		"KANTO_ROUTEPLANNER_WALKING_SPEED=4",             // a default the environment does not set
		"KANTO_ROUTEPLANNER_POKEDEX_ADDR=127.0.0.1:1001", // targets are the launcher's to set
	} {
		if !slices.Contains(env, want) {
			t.Errorf("environment lacks %s: %v", want, env)
		}
	}
	for _, kv := range env {
		key, _, _ := strings.Cut(kv, "=")
		if n := countKey(env, key); n != 1 {
			t.Errorf("%s is set %d times", key, n)
		}
		if strings.HasPrefix(kv, "KANTO_EXPEDITION_") || strings.HasPrefix(kv, "KANTO_ROUTEPLANNER_ROUTEPLANNER_ADDR=") {
			t.Errorf("unexpected %s", kv)
		}
	}
}

func countKey(env []string, key string) int {
	n := 0
	for _, kv := range env {
		if strings.HasPrefix(kv, key+"=") {
			n++
		}
	}
	return n
}

// TestBinaryExitingBeforeReady starts a binary that fails at once: Start
// fails, naming it and its log, instead of waiting out its timeout.
func TestBinaryExitingBeforeReady(t *testing.T) {
	t.Parallel()
	bin := t.TempDir()
	for name, script := range map[string]string{
		"pokedex": "#!/bin/sh\necho 'pokedex: no database here' >&2\nexit 3\n",
		// The gateway idles until it is stopped.
		Gateway: "#!/bin/sh\nexec sleep 300\n",
	} {
		if err := os.WriteFile(filepath.Join(bin, name), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	env, err := Start(t.Context(), Config{BinDir: bin, Components: []string{"pokedex"}, Dir: t.TempDir(), StartTimeout: time.Minute, StopTimeout: 5 * time.Second})
	if err == nil {
		env.Stop()
		t.Fatal("Start succeeded")
	}
	if !strings.Contains(err.Error(), "pokedex exited (exit status 3)") || !strings.Contains(err.Error(), "pokedex.log") {
		t.Errorf("err = %v, want pokedex's exit status and its log", err)
	}
	if elapsed := time.Since(start); elapsed > 30*time.Second {
		t.Errorf("Start took %v to notice", elapsed)
	}
}

func TestStartRejectsWhatIsNoComponent(t *testing.T) {
	t.Parallel()
	if _, err := Start(t.Context(), Config{BinDir: t.TempDir(), Components: []string{"pokedex", "pikachu"}, Dir: t.TempDir()}); err == nil || !strings.Contains(err.Error(), `"pikachu"`) {
		t.Errorf("err = %v, want one naming pikachu", err)
	}
}
