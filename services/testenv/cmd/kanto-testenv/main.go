// Command kanto-testenv starts the Kanto services and the REST gateway as
// separate processes on free loopback ports, for the SDK test suites of
// every language. It prints one JSON line to stdout once all are serving:
//
//	{"pokedex":"127.0.0.1:41001","routeplanner":"127.0.0.1:41002",
//	 "expedition":"127.0.0.1:41003","gateway":"http://127.0.0.1:41004",
//	 "targets":{"kanto.pokedex.v1.PokemonService":"127.0.0.1:41001",...},
//	 "curator_token":"...","log_dir":"/tmp/kanto-testenv-..."}
//
// log_dir holds each service's JSON log as <name>.log (pokedex.log, ...),
// written as the services run; the same lines go to stderr.
//
// and stops them all when its standard input closes or it gets SIGINT or
// SIGTERM. The services run on their embedded defaults, with a fresh
// database in a temporary directory; each child inherits the environment,
// so KANTO_<SERVICE>_<FLAG> variables configure them (fault injection, for
// example). The binaries are looked up in -bin, by default the directory of
// kanto-testenv itself.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/kanto-api/kanto/gen/goserver/kantoregistry"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "kanto-testenv:", err)
		os.Exit(1)
	}
}

type child struct {
	name string
	cmd  *exec.Cmd
	addr string
	// done is closed when the process has exited.
	done chan struct{}
}

func run() error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	binDir := flag.String("bin", filepath.Dir(self), "directory of the service binaries")
	services := flag.String("services", strings.Join(components(), ","), "comma-separated binaries to start (default: every binary of the schema's services)")
	token := flag.String("curator-token", "kanto-test-curator-token", "curator bearer token of the Pokédex")
	timeout := flag.Duration("start-timeout", 60*time.Second, "how long to wait for every service to listen")
	fixed := flag.Bool("fixed-ports", false, "serve each service at its default address (google.api.default_host) and the gateway at 127.0.0.1:8080, instead of free ports")
	flag.Parse()

	dir, err := os.MkdirTemp("", "kanto-testenv-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	var children []*child
	var logFiles []*os.File
	defer func() {
		stopAll(children)
		for _, f := range logFiles {
			_ = f.Close() // written only by the exited children
		}
	}()
	addrs := map[string]string{"curator_token": *token, "log_dir": dir}
	startOne := func(name string, args ...string) (*child, error) {
		addrFile := filepath.Join(dir, name+".addr")
		c := &child{name: name, cmd: exec.Command(filepath.Join(*binDir, name), append(args, "-addr-file", addrFile)...), done: make(chan struct{})}
		// stdout is reserved for the JSON line. Each service's log also goes
		// to log_dir/<name>.log, so a test can read what a service logged
		// of its calls.
		logFile, err := os.Create(filepath.Join(dir, name+".log"))
		if err != nil {
			return nil, err
		}
		logFiles = append(logFiles, logFile)
		c.cmd.Stdout = io.MultiWriter(os.Stderr, logFile)
		c.cmd.Stderr = c.cmd.Stdout
		if err := c.cmd.Start(); err != nil {
			return nil, fmt.Errorf("start %s: %w", name, err)
		}
		children = append(children, c)
		go func() {
			_ = c.cmd.Wait()
			close(c.done)
		}()
		addr, err := waitAddr(addrFile, c.done, *timeout)
		if err != nil {
			return nil, fmt.Errorf("%s did not start: %w", name, err)
		}
		c.addr = addr
		return c, nil
	}

	common := []string{"-metrics-addr", "", "-log-format", "json", "-drain-timeout", "2s"}
	for _, name := range startOrder(strings.Split(*services, ",")) {
		listen := "127.0.0.1:0"
		if *fixed {
			listen = defaultAddr(name)
		}
		args := append([]string{"-grpc-addr", listen}, common...)
		switch name {
		case "pokedex":
			args = append(args, "-db", filepath.Join(dir, "pokedex.db"), "-curator-token", *token)
		case "routeplanner":
			// Conformance vectors expect the map as it is: no simulated
			// closure may reroute them halfway through a suite.
			args = append(args, "-conditions-interval", "24h")
		case "expedition":
			// The expedition service calls the other two over the network. A
			// call arriving with less than 50ms left fails at once, as in
			// production, which makes an expired deadline deterministic.
			args = append(args, "-pokedex-addr", addrs["pokedex"], "-routeplanner-addr", addrs["routeplanner"], "-min-deadline-budget", "50ms")
		}
		c, err := startOne(name, args...)
		if err != nil {
			return err
		}
		addrs[name] = c.addr
	}
	gwListen := "127.0.0.1:0"
	if *fixed {
		gwListen = "127.0.0.1:8080"
	}
	gwArgs := []string{"-http-addr", gwListen}
	for _, svc := range kantoregistry.Services {
		if a, ok := addrs[svc.Component]; ok && svc.RegisterGateway != nil && !slices.Contains(gwArgs, "-"+svc.Component+"-addr") {
			gwArgs = append(gwArgs, "-"+svc.Component+"-addr", a)
		}
	}
	gw, err := startOne("gateway", gwArgs...)
	if err != nil {
		return err
	}
	addrs["gateway"] = "http://" + gw.addr

	// targets: the address of every service of the schema that runs here,
	// by its full name, so SDK tests dial each service the generated
	// umbrella client knows without a table of their own. A service runs
	// in the binary named after its proto package (kanto.pokedex.v1:
	// pokedex).
	targets := map[string]string{}
	for _, svc := range kantoregistry.Services {
		if a, ok := addrs[svc.Component]; ok {
			targets[svc.Info.Name] = a
		}
	}
	out := map[string]any{"targets": targets}
	for k, v := range addrs {
		out[k] = v
	}
	line, err := json.Marshal(out)
	if err != nil {
		return err
	}
	fmt.Println(string(line))

	stdinClosed := make(chan struct{})
	go func() {
		_, _ = io.Copy(io.Discard, bufio.NewReader(os.Stdin))
		close(stdinClosed)
	}()
	exited := make(chan string, len(children))
	for _, c := range children {
		go func() {
			<-c.done
			exited <- c.name
		}()
	}
	select {
	case <-ctx.Done():
	case <-stdinClosed:
	case name := <-exited:
		return fmt.Errorf("%s exited unexpectedly", name)
	}
	return nil
}

// callers are the binaries that call others over the network, with the
// binaries they call: they start after those, with their addresses.
var callers = map[string][]string{"expedition": {"pokedex", "routeplanner"}}

// startOrder orders names so that every binary starts after those it
// calls; the rest keep their order.
func startOrder(names []string) []string {
	var first, last []string
	for _, n := range names {
		if len(callers[n]) > 0 {
			last = append(last, n)
		} else {
			first = append(first, n)
		}
	}
	return append(first, last...)
}

// components returns the binaries that serve the schema's services, in
// the registry's order.
func components() []string {
	var out []string
	for _, svc := range kantoregistry.Services {
		if !slices.Contains(out, svc.Component) {
			out = append(out, svc.Component)
		}
	}
	return out
}

// defaultAddr returns where a binary serves by default: the default host
// of its services in the schema.
func defaultAddr(name string) string {
	for _, svc := range kantoregistry.Services {
		if svc.Component == name && svc.Info.DefaultTarget != "" {
			return svc.Info.DefaultTarget
		}
	}
	return "127.0.0.1:0"
}

// waitAddr polls for the address file a service writes once it listens,
// until the service exits (done closes) or the timeout passes.
func waitAddr(path string, done <-chan struct{}, timeout time.Duration) (string, error) {
	deadline := time.Now().Add(timeout)
	for {
		select {
		case <-done:
			return "", errors.New("it exited before it served (see its log above; with -fixed-ports, is the port in use?)")
		default:
		}
		b, err := os.ReadFile(path)
		if err == nil && len(b) > 0 {
			return strings.TrimSpace(string(b)), nil
		}
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return "", err
		}
		if time.Now().After(deadline) {
			return "", fmt.Errorf("no address in %s after %v", path, timeout)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// stopAll asks every child to shut down gracefully, and kills those that
// have not stopped after five seconds.
func stopAll(children []*child) {
	for _, c := range children {
		_ = c.cmd.Process.Signal(syscall.SIGTERM)
	}
	timer := time.NewTimer(5 * time.Second)
	defer timer.Stop()
	for _, c := range children {
		select {
		case <-c.done:
		case <-timer.C:
			for _, k := range children {
				_ = k.cmd.Process.Kill() // an error means it has already exited
			}
			<-c.done
		}
	}
}
