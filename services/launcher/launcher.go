// Package launcher starts Kanto's binaries, one process each, and waits
// until every one is ready: the one launcher behind `make run`, the smoke
// test, the expedition chain tests and every SDK's test suite (through
// cmd/kanto-testenv).
//
// It starts a binary per component of the schema's registry
// (kantoregistry: pokedex, routeplanner, expedition) and the REST gateway.
// It binds every service's gRPC port itself, on 127.0.0.1:0 or, with
// FixedPorts, at the service's default host from the schema, and hands
// the socket over (-grpc-addr fd:3), so it knows every address before any
// binary starts: all start at once, and each binary that calls others is
// told their addresses through its -<component>-addr flags' environment
// variables. Ready means every service reports SERVING through the
// standard gRPC health service and the gateway's /healthz answers 200 (it
// checks every service behind it); the launcher never reads log lines.
// The binaries' address files (-addr-file) tell it only the ports it did
// not choose: metrics endpoints and the gateway's.
package launcher

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/kanto-api/kanto/gen/goserver/kantoregistry"
	"github.com/kanto-api/kanto/services/platform"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	healthgrpc "google.golang.org/grpc/health/grpc_health_v1"
)

// Gateway is the name of the REST gateway's binary.
const Gateway = "gateway"

// Components returns the binaries that serve the schema's services, in
// the registry's order: a service is served by the binary named after its
// proto package (kanto.pokedex.v1: pokedex).
func Components() []string {
	var out []string
	for _, svc := range kantoregistry.Services {
		if !slices.Contains(out, svc.Component) {
			out = append(out, svc.Component)
		}
	}
	return out
}

// Config configures Start.
type Config struct {
	// BinDir holds the binaries, named after their component, and gateway.
	BinDir string
	// Components are the binaries of services to start; nil means all
	// (Components()). The gateway always starts.
	Components []string
	// FixedPorts serves each service at its default host from the schema
	// and leaves the gateway and the metrics endpoints on the binaries'
	// own defaults; otherwise every port is a free one on 127.0.0.1.
	FixedPorts bool
	// Dir is every binary's working directory, where its files go (the
	// Pokédex's database, pokedex.db by default), its log as <name>.log
	// and its address file. It must exist.
	Dir string
	// Env is the binaries' environment; nil means the launcher's own.
	// KANTO_<BINARY>_<FLAG> variables in it configure them (fault
	// injection, for example: KANTO_POKEDEX_FAULTS, in builds that have
	// it).
	Env []string
	// Settings are flag values for the binaries that have the flag.
	Settings []Setting
	// Args are extra command-line flags by binary name; they win over
	// everything else.
	Args map[string][]string
	// Output, if set, returns where a binary's output goes besides its log
	// file; it may return nil.
	Output func(name string) io.Writer
	// StartTimeout bounds the wait until everything is ready; 0 means a
	// minute.
	StartTimeout time.Duration
	// StopTimeout is how long Stop waits for the binaries to drain and
	// exit after SIGTERM before it kills them; 0 means 15 seconds.
	StopTimeout time.Duration
}

// A Setting is a flag value given to binaries through their environment,
// KANTO_<BINARY>_<FLAG>, so that a binary without the flag ignores it.
type Setting struct {
	// Binary is the binary it is for; empty for every binary.
	Binary string
	Flag   string
	Value  string
	// Override makes the setting win over the same variable in Env;
	// otherwise Env's wins, so a caller can change a default.
	Override bool
}

// Process is one running binary.
type Process struct {
	// Name is the binary's name: a component, or gateway.
	Name string
	// Addr is where it serves: the gRPC address of a service, the HTTP
	// address of the gateway.
	Addr string
	// MetricsAddr is its metrics and health endpoint; empty if it has none.
	MetricsAddr string
	// LogPath is its log file.
	LogPath string

	cmd      *exec.Cmd
	listener *os.File // the gRPC socket handed over, until the binary started
	done     chan struct{}
	waitErr  error // the exit status, once done is closed
}

// Env is a running set of binaries.
type Env struct {
	// Processes are the binaries, the services first, then the gateway.
	Processes []*Process
	// Targets are the gRPC addresses of every service that runs, by full
	// service name.
	Targets map[string]string
	// GatewayURL is the REST gateway's base URL, http://host:port.
	GatewayURL string

	cfg      Config
	exited   chan *Process
	stopOnce sync.Once
	stopErr  error
}

// Process returns the running binary named name, or nil.
func (e *Env) Process(name string) *Process {
	for _, p := range e.Processes {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// Exited receives each binary that exits before Stop: a service that
// crashed or was killed.
func (e *Env) Exited() <-chan *Process { return e.exited }

// Start starts the binaries and returns once every one is ready, or the
// first error; then everything it started is stopped again. ctx bounds
// the start only: stop the binaries with Stop.
func Start(ctx context.Context, cfg Config) (_ *Env, err error) {
	if cfg.StartTimeout == 0 {
		cfg.StartTimeout = time.Minute
	}
	if cfg.StopTimeout == 0 {
		cfg.StopTimeout = 15 * time.Second
	}
	if cfg.Components == nil {
		cfg.Components = Components()
	}
	if cfg.Env == nil {
		cfg.Env = os.Environ()
	}
	// The binaries run in Dir: a relative path would be resolved there.
	var absErr error
	if cfg.BinDir, absErr = filepath.Abs(cfg.BinDir); absErr != nil {
		return nil, fmt.Errorf("launcher: %w", absErr)
	}
	for _, c := range cfg.Components {
		if !slices.Contains(Components(), c) {
			return nil, fmt.Errorf("launcher: %q serves no service of the schema (want one of %s)", c, strings.Join(Components(), ", "))
		}
	}
	if fi, err := os.Stat(cfg.Dir); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("launcher: working directory %q: not a directory", cfg.Dir)
	}
	e := &Env{cfg: cfg, Targets: map[string]string{}, exited: make(chan *Process, len(cfg.Components)+1)}
	defer func() {
		if err != nil {
			err = errors.Join(err, e.Stop())
		}
	}()

	// Bind every service's gRPC port first: then every address is known.
	addrs := map[string]string{}
	for _, name := range cfg.Components {
		listen := "127.0.0.1:0"
		if cfg.FixedPorts {
			listen = defaultTarget(name)
		}
		lis, err := net.Listen("tcp", listen)
		if err != nil {
			return e, fmt.Errorf("launcher: %s: %w (with fixed ports, is `make run` running already?)", name, err)
		}
		f, err := lis.(*net.TCPListener).File()
		addr := lis.Addr().String()
		_ = lis.Close() // f is a duplicate, which keeps the socket listening
		if err != nil {
			return e, fmt.Errorf("launcher: %s: %w", name, err)
		}
		addrs[name] = addr
		e.Processes = append(e.Processes, &Process{Name: name, Addr: addr, listener: f})
	}
	e.Processes = append(e.Processes, &Process{Name: Gateway})
	for _, svc := range kantoregistry.Services {
		if a, ok := addrs[svc.Component]; ok {
			e.Targets[svc.Info.Name] = a
		}
	}

	for _, p := range e.Processes {
		if err := e.start(p, addrs); err != nil {
			return e, err
		}
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.StartTimeout)
	defer cancel()
	if err := e.waitReady(ctx); err != nil {
		return e, err
	}
	for _, p := range e.Processes {
		go func() {
			<-p.done
			select {
			case e.exited <- p:
			default:
			}
		}()
	}
	return e, nil
}

// defaultTarget is where a component serves by default: the default host
// of its services in the schema.
func defaultTarget(component string) string {
	for _, svc := range kantoregistry.Services {
		if svc.Component == component && svc.Info.DefaultTarget != "" {
			return svc.Info.DefaultTarget
		}
	}
	return "127.0.0.1:0"
}

// start starts one binary, with its listener, its addresses and the
// targets of every other service.
func (e *Env) start(p *Process, addrs map[string]string) error {
	cfg := e.cfg
	addrFile := filepath.Join(cfg.Dir, p.Name+".addr.json")
	_ = os.Remove(addrFile) // a stale one from an earlier run would mislead waitAddrs
	var args []string
	if p.Name == Gateway {
		if !cfg.FixedPorts {
			args = append(args, "-http-addr", "127.0.0.1:0")
		}
	} else {
		args = append(args, "-grpc-addr", "fd:3")
	}
	if !cfg.FixedPorts {
		args = append(args, "-metrics-addr", "127.0.0.1:0")
	}
	args = append(args, "-addr-file", addrFile)
	args = append(args, cfg.Args[p.Name]...)

	cmd := exec.Command(filepath.Join(cfg.BinDir, p.Name), args...)
	cmd.Dir = cfg.Dir
	// A process group of its own: a terminal's Ctrl-C reaches only the
	// launcher, which stops the binaries itself, in order, and does not
	// mistake their exit for a crash.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Env = e.env(p.Name, addrs)
	if p.listener != nil {
		cmd.ExtraFiles = []*os.File{p.listener} // fd 3
	}
	p.LogPath = filepath.Join(cfg.Dir, p.Name+".log")
	logFile, err := os.Create(p.LogPath)
	if err != nil {
		return fmt.Errorf("launcher: %w", err)
	}
	var out io.Writer = logFile
	if cfg.Output != nil {
		if w := cfg.Output(p.Name); w != nil {
			out = io.MultiWriter(logFile, w)
		}
	}
	cmd.Stdout, cmd.Stderr = out, out
	err = cmd.Start()
	if p.listener != nil {
		_ = p.listener.Close() // the binary has its own copy now
		p.listener = nil
	}
	if err != nil {
		_ = logFile.Close()
		return fmt.Errorf("launcher: start %s: %w", p.Name, err)
	}
	p.cmd = cmd
	p.done = make(chan struct{})
	go func() {
		p.waitErr = cmd.Wait()
		_ = logFile.Close() // only the exited binary wrote to it
		close(p.done)
	}()
	return nil
}

// env is a binary's environment: the caller's, the settings, and the
// target of every service that runs, as -<component>-addr variables,
// which only binaries that call that service have.
func (e *Env) env(binary string, addrs map[string]string) []string {
	env := slices.Clone(e.cfg.Env)
	has := func(key string) bool {
		return slices.ContainsFunc(env, func(kv string) bool { return strings.HasPrefix(kv, key+"=") })
	}
	set := func(key, value string) {
		env = slices.DeleteFunc(env, func(kv string) bool { return strings.HasPrefix(kv, key+"=") })
		env = append(env, key+"="+value)
	}
	prefix := platform.EnvPrefix(binary)
	for _, s := range e.cfg.Settings {
		if s.Binary != "" && s.Binary != binary {
			continue
		}
		if key := platform.EnvName(prefix, s.Flag); s.Override || !has(key) {
			set(key, s.Value)
		}
	}
	for component, addr := range addrs {
		if component != binary {
			set(platform.EnvName(prefix, component+"-addr"), addr)
		}
	}
	return env
}

// waitReady waits for every binary's address file, then for every service
// to report SERVING and the gateway's /healthz to answer 200, all at once.
// The first failure ends the wait for the others: Start reports it, and
// not also every wait it cut short.
func (e *Env) waitReady(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errs := make(chan error, len(e.Processes))
	for _, p := range e.Processes {
		go func() { errs <- e.waitOne(ctx, p) }()
	}
	var first error
	for range e.Processes {
		if err := <-errs; err != nil && first == nil {
			first = err
			cancel()
		}
	}
	return first
}

func (e *Env) waitOne(ctx context.Context, p *Process) error {
	addrs, err := p.waitAddrs(ctx, filepath.Join(e.cfg.Dir, p.Name+".addr.json"))
	if err != nil {
		return err
	}
	p.MetricsAddr = addrs["metrics"]
	if p.Name == Gateway {
		p.Addr = addrs["http"]
		e.GatewayURL = "http://" + p.Addr
		return p.waitHealthz(ctx, e.GatewayURL+"/healthz", len(e.cfg.Components) == len(Components()))
	}
	return p.waitServing(ctx)
}

// pollInterval is how often the launcher looks again for what no event
// announces: an address file, and /healthz.
const pollInterval = 10 * time.Millisecond

// waitAddrs waits for the binary's address file, written once it listens.
func (p *Process) waitAddrs(ctx context.Context, path string) (map[string]string, error) {
	ticker := time.NewTicker(pollInterval)
	defer ticker.Stop()
	for {
		b, err := os.ReadFile(path)
		if err == nil {
			var addrs map[string]string
			if err := json.Unmarshal(b, &addrs); err != nil {
				return nil, fmt.Errorf("launcher: %s's address file %s: %w", p.Name, path, err)
			}
			return addrs, nil
		}
		if !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("launcher: %w", err)
		}
		if err := p.waitTick(ctx, ticker.C, "listening"); err != nil {
			return nil, err
		}
	}
}

// waitServing watches the service's health until it reports SERVING.
func (p *Process) waitServing(ctx context.Context) error {
	conn, err := grpc.NewClient(p.Addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return fmt.Errorf("launcher: %s: %w", p.Name, err)
	}
	defer conn.Close()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		select {
		case <-p.done:
			cancel() // an exited binary will not get ready
		case <-ctx.Done():
		}
	}()
	ticker := time.NewTicker(pollInterval)
	defer ticker.Stop()
	last := "no answer"
	for {
		// The watch sends every change of the status. It ends when the
		// connection breaks: watch again, after a tick.
		stream, err := healthgrpc.NewHealthClient(conn).Watch(ctx, &healthgrpc.HealthCheckRequest{}, grpc.WaitForReady(true))
		for err == nil {
			var resp *healthgrpc.HealthCheckResponse
			if resp, err = stream.Recv(); err == nil {
				if resp.GetStatus() == healthgrpc.HealthCheckResponse_SERVING {
					return nil
				}
				last = resp.GetStatus().String()
			}
		}
		if err := p.waitTick(ctx, ticker.C, "SERVING (its health: "+last+")"); err != nil {
			return err
		}
	}
}

// waitHealthz polls the gateway's /healthz until it answers 200; when not
// every service runs (want200 false), any answer will do, since it names
// the missing ones forever.
func (p *Process) waitHealthz(ctx context.Context, url string, want200 bool) error {
	ticker := time.NewTicker(pollInterval)
	defer ticker.Stop()
	client := &http.Client{Timeout: time.Second}
	last := "no answer"
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		if resp, err := client.Do(req); err == nil {
			body, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK || !want200 {
				return nil
			}
			last = fmt.Sprintf("%d %s", resp.StatusCode, strings.TrimSpace(string(body)))
		}
		if err := p.waitTick(ctx, ticker.C, "ready (/healthz: "+last+")"); err != nil {
			return err
		}
	}
}

// waitTick waits for the next tick, failing if the binary exits or ctx
// ends first.
func (p *Process) waitTick(ctx context.Context, tick <-chan time.Time, what string) error {
	select {
	case <-tick:
		return nil
	case <-p.done:
		return fmt.Errorf("launcher: %s exited (%v) before it was %s; see %s", p.Name, p.waitErr, what, p.LogPath)
	case <-ctx.Done():
		return p.notReady(what)
	}
}

func (p *Process) notReady(what string) error {
	select {
	case <-p.done:
		return fmt.Errorf("launcher: %s exited (%v) before it was ready: %s; see %s", p.Name, p.waitErr, what, p.LogPath)
	default:
		return fmt.Errorf("launcher: %s was not ready in time: %s; see %s", p.Name, what, p.LogPath)
	}
}

// Stop asks every binary to shut down (SIGTERM: they drain and exit),
// kills those still running after the stop timeout, and waits for all.
// It returns the binaries that did not exit cleanly. Calling it again
// returns the same.
func (e *Env) Stop() error {
	e.stopOnce.Do(func() { e.stopErr = e.stop() })
	return e.stopErr
}

func (e *Env) stop() error {
	var running []*Process
	for _, p := range e.Processes {
		if p.listener != nil {
			_ = p.listener.Close() // never started
		}
		if p.cmd != nil {
			running = append(running, p)
			_ = p.cmd.Process.Signal(syscall.SIGTERM) // an error means it has exited already
		}
	}
	timer := time.NewTimer(e.cfg.StopTimeout)
	defer timer.Stop()
	var errs []error
	killed := false
	for _, p := range running {
		if !killed {
			select {
			case <-p.done:
			case <-timer.C:
				killed = true
				errs = append(errs, fmt.Errorf("launcher: not every binary stopped within %v: killed them", e.cfg.StopTimeout))
				for _, k := range running {
					_ = k.cmd.Process.Kill() // an error means it has exited already
				}
			}
		}
		<-p.done
		if p.waitErr != nil {
			errs = append(errs, fmt.Errorf("launcher: %s: %w; see %s", p.Name, p.waitErr, p.LogPath))
		}
	}
	return errors.Join(errs...)
}
