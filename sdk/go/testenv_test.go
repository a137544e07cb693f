package kanto_test

import (
	"bufio"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"
)

// testEnv is the line kanto-testenv prints once every service is serving.
type testEnv struct {
	Pokedex      string `json:"pokedex"`
	RoutePlanner string `json:"routeplanner"`
	Expedition   string `json:"expedition"`
	Gateway      string `json:"gateway"`
	// Targets is the address of every service, by its full name.
	Targets      map[string]string `json:"targets"`
	CuratorToken string            `json:"curator_token"`
	// LogDir holds each service's JSON log, as <service>.log.
	LogDir string `json:"log_dir"`
}

// testEnvPath returns the kanto-testenv binary: $KANTO_TESTENV, or the one
// `make build` puts in <repo>/.build/bin.
func testEnvPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("KANTO_TESTENV"); p != "" {
		return p
	}
	// Tests run in the package directory, sdk/go.
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(root, ".build", "bin", "kanto-testenv")
}

// startTestEnv starts kanto-testenv with every service on its defaults
// (args are kanto-testenv's flags, such as -fixed-ports) and stops it when
// the test ends. A missing binary fails the test: these
// tests need the real services and are never skipped.
func startTestEnv(t *testing.T, args ...string) testEnv {
	t.Helper()
	path := testEnvPath(t)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("kanto-testenv not found: %v\nRun `make build` in the repository root (or set KANTO_TESTENV to the binary).", err)
	}
	cmd := exec.Command(path, args...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	logs := &tailBuffer{max: 64 << 10}
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatalf("start kanto-testenv: %v", err)
	}
	exited := make(chan struct{})
	go func() {
		_ = cmd.Wait() // its status is of no interest once the tests are done
		close(exited)
	}()
	t.Cleanup(func() {
		// Closing stdin asks it to stop the services; SIGTERM does the
		// same, and only a testenv that ignores both is killed.
		_ = stdin.Close()
		for _, step := range []func(){
			func() {},
			func() { _ = cmd.Process.Signal(syscall.SIGTERM) },
			func() { _ = cmd.Process.Kill() },
		} {
			step()
			select {
			case <-exited:
				if t.Failed() {
					t.Logf("kanto-testenv log (tail):\n%s", logs.String())
				}
				return
			case <-time.After(15 * time.Second):
			}
		}
		t.Errorf("kanto-testenv (pid %d) did not exit", cmd.Process.Pid)
	})

	type result struct {
		line string
		err  error
	}
	lines := make(chan result, 1)
	go func() {
		line, err := bufio.NewReader(stdout).ReadString('\n')
		lines <- result{line, err}
		_, _ = io.Copy(io.Discard, stdout) // nothing more is expected
	}()
	select {
	case r := <-lines:
		if r.err != nil {
			t.Fatalf("kanto-testenv printed no address line: %v\n%s", r.err, logs.String())
		}
		var env testEnv
		if err := json.Unmarshal([]byte(r.line), &env); err != nil {
			t.Fatalf("kanto-testenv printed %q: %v", r.line, err)
		}
		return env
	case <-time.After(2 * time.Minute):
		t.Fatalf("kanto-testenv did not start within 2 minutes\n%s", logs.String())
	}
	panic("unreachable")
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex // guards buf
	buf []byte
	max int
}

func (b *tailBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	if over := len(b.buf) - b.max; over > 0 {
		b.buf = append(b.buf[:0], b.buf[over:]...)
	}
	return len(p), nil
}

func (b *tailBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}
