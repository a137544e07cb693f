// Command kanto-testenv is Kanto's launcher: it starts every service of
// the schema and the REST gateway as separate processes (package
// launcher), waits until all are ready (health SERVING, the gateway's
// /healthz OK), then prints where they are and runs until stopped. `make
// run`, the smoke test and the SDK test suites of every language use it.
//
// With -format json (the default) it prints one JSON line to stdout:
//
//	{"pokedex":"127.0.0.1:41001","routeplanner":"127.0.0.1:41002",
//	 "expedition":"127.0.0.1:41003","gateway":"http://127.0.0.1:41004",
//	 "targets":{"kanto.pokedex.v1.PokemonService":"127.0.0.1:41001",...},
//	 "metrics":{"pokedex":"http://127.0.0.1:41005",...},
//	 "curator_token":"...","log_dir":"/tmp/kanto-testenv-...","dir":"..."}
//
// log_dir (the same as dir) holds each binary's log as <name>.log, JSON
// unless -log-format says otherwise, written as they run; the same lines
// go to stderr, each prefixed with the binary's name. The line is also
// written to <dir>/testenv.json. With -format text it prints a listing
// for people instead (`make run`).
//
// It stops everything when its standard input closes (unless
// -watch-stdin=false), on SIGINT or SIGTERM, or when a binary exits.
//
// The binaries come from -bin, by default kantofaults/ beside
// kanto-testenv: the builds with fault injection, so KANTO_<SERVICE>_FAULTS
// in the environment works (every child inherits the environment, and
// KANTO_<BINARY>_<FLAG> variables configure the binaries). `make run`
// passes -bin .build/bin, the production builds.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/kanto-api/kanto/services/launcher"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "kanto-testenv:", err)
		os.Exit(1)
	}
}

func run() (err error) {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	fs := flag.NewFlagSet("kanto-testenv", flag.ContinueOnError)
	binDir := fs.String("bin", filepath.Join(filepath.Dir(self), "kantofaults"), "directory of the binaries (default: the fault-injection builds beside kanto-testenv)")
	services := fs.String("services", strings.Join(launcher.Components(), ","), "comma-separated binaries of services to start")
	fixed := fs.Bool("fixed-ports", false, "serve each service at its default host (google.api.default_host) and the gateway and metrics endpoints at the binaries' defaults, instead of free ports")
	dir := fs.String("dir", "", "the binaries' working directory: their data (the Pokédex's pokedex.db), logs and address files; created if missing and kept (default: a fresh temporary directory, removed at exit)")
	token := fs.String("curator-token", "kanto-test-curator-token", "curator bearer token of the Pokédex")
	format := fs.String("format", "json", "what to print once ready: json (one line, for test suites) or text (a listing, for people)")
	logFormat := fs.String("log-format", "json", "the binaries' log format: json or text")
	testSettings := fs.Bool("test-settings", true, "settings the SDK suites rely on, unless the environment sets them: a 2s drain, route conditions that do not change (24h), a 50ms minimum deadline budget at the expedition service")
	watchStdin := fs.Bool("watch-stdin", true, "stop when standard input closes (how test suites stop it)")
	timeout := fs.Duration("start-timeout", 60*time.Second, "how long to wait until every binary is ready")
	if err := fs.Parse(os.Args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if *format != "json" && *format != "text" {
		return fmt.Errorf("-format must be json or text, not %q", *format)
	}

	workDir := *dir
	if workDir == "" {
		if workDir, err = os.MkdirTemp("", "kanto-testenv-"); err != nil {
			return err
		}
		defer os.RemoveAll(workDir)
	} else if err := os.MkdirAll(workDir, 0o755); err != nil {
		return err
	}
	if workDir, err = filepath.Abs(workDir); err != nil {
		return err
	}

	settings := []launcher.Setting{
		{Flag: "log-format", Value: *logFormat, Override: true},
		{Flag: "curator-token", Value: *token, Override: true},
	}
	if *testSettings {
		settings = append(settings,
			launcher.Setting{Flag: "drain-timeout", Value: "2s"},
			// Conformance vectors expect the map as it is: no simulated
			// closure may reroute them halfway through a suite.
			launcher.Setting{Binary: "routeplanner", Flag: "conditions-interval", Value: "24h"},
			// A call arriving with less than 50ms left fails at once, as in
			// production, which makes an expired deadline deterministic.
			launcher.Setting{Binary: "expedition", Flag: "min-deadline-budget", Value: "50ms"},
		)
	}
	var stderrMu sync.Mutex // one line at a time from every binary's prefixer
	cfg := launcher.Config{
		BinDir:       *binDir,
		Components:   strings.Split(*services, ","),
		FixedPorts:   *fixed,
		Dir:          workDir,
		Settings:     settings,
		StartTimeout: *timeout,
		Output: func(name string) io.Writer {
			return &prefixWriter{prefix: "[" + name + "] ", mu: &stderrMu, w: os.Stderr}
		},
	}
	if _, err := os.Stat(filepath.Join(cfg.BinDir, launcher.Gateway)); err != nil {
		return fmt.Errorf("no binaries in %s (%v): run `make build`", cfg.BinDir, err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	env, err := launcher.Start(ctx, cfg)
	if err != nil {
		return err
	}
	defer func() {
		fmt.Fprintln(os.Stderr, "kanto-testenv: stopping...")
		err = errors.Join(err, env.Stop())
		fmt.Fprintln(os.Stderr, "kanto-testenv: all stopped")
	}()

	line, err := jsonLine(env, *token, workDir)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(workDir, "testenv.json"), append(line, '\n'), 0o644); err != nil {
		return err
	}
	if *format == "json" {
		fmt.Println(string(line))
	} else {
		printListing(os.Stdout, env, *token, workDir)
	}

	stdinClosed := make(chan struct{})
	if *watchStdin {
		go func() {
			_, _ = io.Copy(io.Discard, bufio.NewReader(os.Stdin))
			close(stdinClosed)
		}()
	}
	select {
	case <-ctx.Done():
	case <-stdinClosed:
	case p := <-env.Exited():
		return fmt.Errorf("%s exited unexpectedly; see %s", p.Name, p.LogPath)
	}
	return nil
}

// jsonLine is the line the SDK suites read.
func jsonLine(env *launcher.Env, token, dir string) ([]byte, error) {
	out := map[string]any{
		"targets":       env.Targets,
		"curator_token": token,
		"log_dir":       dir,
		"dir":           dir,
	}
	metrics := map[string]string{}
	for _, p := range env.Processes {
		out[p.Name] = p.Addr
		if p.MetricsAddr != "" {
			metrics[p.Name] = "http://" + p.MetricsAddr
		}
	}
	out[launcher.Gateway] = env.GatewayURL
	out["metrics"] = metrics
	return json.Marshal(out)
}

// printListing prints where everything is, for people.
func printListing(w io.Writer, env *launcher.Env, token, dir string) {
	fmt.Fprintf(w, "\nKanto is running: every service reports SERVING and the gateway's /healthz is OK.\n\n")
	var first string
	for _, p := range env.Processes {
		where := "gRPC " + p.Addr
		if p.Name == launcher.Gateway {
			where = "REST " + env.GatewayURL
		} else if first == "" {
			first = p.Addr
		}
		metrics := ""
		if p.MetricsAddr != "" {
			metrics = "metrics http://" + p.MetricsAddr + "/metrics"
		}
		fmt.Fprintf(w, "  %-14s %-28s %s\n", p.Name, where, metrics)
	}
	names := slices.Sorted(func(yield func(string) bool) {
		for name := range env.Targets {
			if !yield(name) {
				return
			}
		}
	})
	fmt.Fprintf(w, "\n  services       %s\n", strings.Join(names, ", "))
	fmt.Fprintf(w, "  OpenAPI        %s/openapi.json\n", env.GatewayURL)
	fmt.Fprintf(w, "  curator token  %s\n", token)
	fmt.Fprintf(w, "  logs           %s/<name>.log\n\n", dir)
	fmt.Fprintf(w, "Try:\n  curl -s %s/openapi.json | head\n  .tools/bin/grpcurl -plaintext %s list   (after `make tools`)\nPress Ctrl-C to stop.\n\n", env.GatewayURL, first)
}

// prefixWriter writes whole lines to w, each after prefix.
type prefixWriter struct {
	prefix string
	mu     *sync.Mutex // shared by every prefixWriter on w
	w      io.Writer
	buf    []byte // a partial line; only the binary's copying goroutine writes
}

func (p *prefixWriter) Write(b []byte) (int, error) {
	p.buf = append(p.buf, b...)
	for {
		i := bytes.IndexByte(p.buf, '\n')
		if i < 0 {
			return len(b), nil
		}
		p.mu.Lock()
		_, err := fmt.Fprintf(p.w, "%s%s\n", p.prefix, p.buf[:i])
		p.mu.Unlock()
		p.buf = p.buf[i+1:]
		if err != nil {
			return len(b), nil // stderr gone: the log file still has everything
		}
	}
}
