package app_test

// The harness of the chain tests: it builds the real binaries once (with
// fault injection, -tags kantofaults), starts a chain of them through the
// launcher (package launcher, the one `make run` and the SDK suites use),
// each a separate process on 127.0.0.1:0, and collects their JSON logs, so
// a test can wait for the log line of any hop and read what that hop saw:
// method, request id, deadline budget, code. The launcher returns once
// every process is ready by its health service; the log lines are only
// ever read for what the hops saw.

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/connectivity"
	"google.golang.org/grpc/credentials/insecure"
	healthgrpc "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"

	expeditionv1 "github.com/kanto-api/kanto/gen/go/kanto/expedition/v1"
	geov1 "github.com/kanto-api/kanto/gen/go/kanto/geo/v1"
	routeplannerv1 "github.com/kanto-api/kanto/gen/go/kanto/routeplanner/v1"
	"github.com/kanto-api/kanto/services/launcher"
	"github.com/kanto-api/kanto/services/platform"
)

// binDir holds the binaries TestMain builds.
var binDir string

// waitBound caps every wait for a process, a log line or a condition, so a
// broken chain fails its test instead of hanging it.
const waitBound = 10 * time.Second

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	flag.Parse()
	dir, err := os.MkdirTemp("", "kanto-expedition-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	// The scenarios inject faults, which only the kantofaults builds have.
	if err := launcher.Build(context.Background(), dir, "kantofaults"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	binDir = dir
	return m.Run()
}

// logLine is one line of a binary's JSON log, with the fields the
// platform's call log (msg "rpc"), its client interceptor (msg
// "downstream call") and the gateway's request log (msg "http") write.
type logLine struct {
	Time      time.Time `json:"time"`
	Level     string    `json:"level"`
	Msg       string    `json:"msg"`
	Method    string    `json:"method"`
	RequestID string    `json:"request_id"`
	Code      string    `json:"code"`
	Error     string    `json:"error"`
	Addr      string    `json:"addr"`
	// Status is the HTTP status of the gateway's request lines.
	Status int `json:"status"`
	// Duration and DeadlineBudget are logged as nanoseconds.
	Duration       time.Duration  `json:"duration"`
	DeadlineBudget *time.Duration `json:"deadline_budget"`

	raw string
}

// budget is the deadline budget the call was logged with; zero if none.
func (l logLine) budget() time.Duration {
	if l.DeadlineBudget == nil {
		return 0
	}
	return *l.DeadlineBudget
}

// logStream collects a process's log lines as it writes them, and lets
// tests wait for the line they expect.
type logStream struct {
	mu      sync.Mutex // guards the fields below
	partial []byte
	lines   []logLine
	closed  bool
	// changed is closed, and replaced, whenever a line arrives or the
	// stream closes, to wake waiters.
	changed chan struct{}
}

func newLogStream() *logStream { return &logStream{changed: make(chan struct{})} }

// Write takes output of the process, which may split lines anywhere.
func (s *logStream) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.partial = append(s.partial, p...)
	grew := false
	for {
		i := bytes.IndexByte(s.partial, '\n')
		if i < 0 {
			break
		}
		raw := string(s.partial[:i])
		s.partial = s.partial[i+1:]
		l := logLine{raw: raw}
		_ = json.Unmarshal([]byte(raw), &l) // a line that is not JSON keeps only raw
		s.lines = append(s.lines, l)
		grew = true
	}
	if grew {
		close(s.changed)
		s.changed = make(chan struct{})
	}
	return len(p), nil
}

// close marks the end of the output: waiters stop waiting.
func (s *logStream) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.closed = true
		close(s.changed)
	}
}

// matching returns the lines so far that match.
func (s *logStream) matching(match func(logLine) bool) []logLine {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []logLine
	for _, l := range s.lines {
		if match(l) {
			out = append(out, l)
		}
	}
	return out
}

// waitN waits until n lines match and returns them; it fails after
// waitBound or when the process has exited.
func (s *logStream) waitN(t testing.TB, what string, n int, match func(logLine) bool) []logLine {
	t.Helper()
	timer := time.NewTimer(waitBound)
	defer timer.Stop()
	for {
		s.mu.Lock()
		var found []logLine
		for _, l := range s.lines {
			if match(l) {
				found = append(found, l)
			}
		}
		changed, closed := s.changed, s.closed
		s.mu.Unlock()
		if len(found) >= n {
			return found[:n]
		}
		if closed {
			t.Fatalf("%s: the process exited after %d of %d lines", what, len(found), n)
		}
		select {
		case <-changed:
		case <-timer.C:
			t.Fatalf("%s: %d of %d lines after %v", what, len(found), n, waitBound)
		}
	}
}

// wait waits for the first line that matches.
func (s *logStream) wait(t testing.TB, what string, match func(logLine) bool) logLine {
	t.Helper()
	return s.waitN(t, what, 1, match)[0]
}

func (s *logStream) dump(t testing.TB, name string) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, l := range s.lines {
		t.Logf("%s: %s", name, l.raw)
	}
}

// rpcLine matches the platform's log line of a call of method (its short
// name) with request id id, as the serving process logged it.
func rpcLine(method, id string) func(logLine) bool {
	return func(l logLine) bool {
		return l.Msg == "rpc" && l.RequestID == id && strings.HasSuffix(l.Method, "/"+method)
	}
}

// downstreamLine matches the log line of a downstream call the
// expedition made, as its client interceptor logged it.
func downstreamLine(method, id string) func(logLine) bool {
	return func(l logLine) bool {
		return l.Msg == "downstream call" && l.RequestID == id && strings.HasSuffix(l.Method, "/"+method)
	}
}

// service is one running process of a chain.
type service struct {
	name        string
	addr        string
	metricsAddr string
	logs        *logStream
	conn        *grpc.ClientConn
}

// serviceEnv is the test's environment without KANTO_ variables, so a
// developer's settings do not reconfigure the services under test.
func serviceEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "KANTO_") {
			env = append(env, kv)
		}
	}
	return env
}

// connect dials target and waits until the connection is ready, so that
// no call a test times includes the connection handshake.
func connect(t *testing.T, target string) *grpc.ClientConn {
	t.Helper()
	conn, err := grpc.NewClient(target, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	waitConnected(t, conn)
	return conn
}

// waitConnected connects conn and waits until it is ready.
func waitConnected(t *testing.T, conn *grpc.ClientConn) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), waitBound)
	defer cancel()
	conn.Connect()
	for state := conn.GetState(); state != connectivity.Ready; state = conn.GetState() {
		if !conn.WaitForStateChange(ctx, state) {
			t.Fatalf("connect to %s: still %v after %v", conn.Target(), state, waitBound)
		}
	}
}

// startedCalls reads from the service's metrics how many calls of method
// (short name) it has started.
func (s *service) startedCalls(t *testing.T, method string) int {
	t.Helper()
	resp, err := http.Get("http://" + s.metricsAddr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(body)) {
		if strings.HasPrefix(line, "grpc_server_started_total{") && strings.Contains(line, `grpc_method="`+method+`"`) {
			fields := strings.Fields(line)
			n, err := strconv.ParseFloat(fields[len(fields)-1], 64)
			if err != nil {
				t.Fatalf("metrics line %q: %v", line, err)
			}
			return int(n)
		}
	}
	return 0
}

// assertNoCall asserts that the service logged no call with request id
// id. A health check with a fresh id, waited for in the log, first makes
// sure the service has logged what it had to log.
func (s *service) assertNoCall(t *testing.T, id string) {
	t.Helper()
	barrier := newRequestID()
	ctx := metadata.AppendToOutgoingContext(t.Context(), platform.RequestIDKey, barrier)
	if _, err := healthgrpc.NewHealthClient(s.conn).Check(ctx, &healthgrpc.HealthCheckRequest{}); err != nil {
		t.Fatal(err)
	}
	s.logs.wait(t, s.name+" barrier", func(l logLine) bool { return l.Msg == "rpc" && l.RequestID == barrier })
	if lines := s.logs.matching(func(l logLine) bool { return l.RequestID == id }); len(lines) > 0 {
		t.Errorf("%s was called for %s although no call should have started:\n%s", s.name, id, lines[0].raw)
	}
}

// chainFlags are the extra flags of each process of a chain.
type chainFlags struct {
	pokedex, planner, expedition, gateway []string
}

// chain is one set of the three services, client → expedition → route
// planner and Pokédex, and the REST gateway in front, each a separate
// process.
type chain struct {
	pokedex, planner, expedition, gateway *service
	client                                expeditionv1.ExpeditionServiceClient
	// dir holds every process's log as <name>.log.
	dir string
}

// startChain starts a fresh set of processes with the given flags through
// the launcher (JSON logs at debug level, a short drain, and route
// conditions that do not change during a test, so the routes, and the
// number of Pokédex calls, stay the same), and stops them when the test
// ends, printing their logs if it failed.
func startChain(t *testing.T, f chainFlags) *chain {
	t.Helper()
	logs := map[string]*logStream{}
	for _, name := range append(launcher.Components(), launcher.Gateway) {
		logs[name] = newLogStream()
	}
	dir := t.TempDir()
	env, err := launcher.Start(t.Context(), launcher.Config{
		BinDir: binDir,
		Dir:    dir,
		Env:    serviceEnv(),
		Settings: []launcher.Setting{
			{Flag: "log-format", Value: "json", Override: true},
			{Flag: "log-level", Value: "debug", Override: true},
			{Flag: "drain-timeout", Value: "1s", Override: true},
			{Binary: "routeplanner", Flag: "conditions-interval", Value: "1h", Override: true},
		},
		Args:         map[string][]string{"pokedex": f.pokedex, "routeplanner": f.planner, "expedition": f.expedition, launcher.Gateway: f.gateway},
		Output:       func(name string) io.Writer { return logs[name] },
		StartTimeout: waitBound,
	})
	t.Cleanup(func() {
		if env != nil {
			if err := env.Stop(); err != nil {
				t.Errorf("stop the chain: %v", err)
			}
		}
		for _, l := range logs {
			l.close()
		}
		if t.Failed() {
			for name, l := range logs {
				l.dump(t, name)
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	svc := func(name string) *service {
		p := env.Process(name)
		s := &service{name: name, addr: p.Addr, metricsAddr: p.MetricsAddr, logs: logs[name]}
		if name != launcher.Gateway {
			s.conn = connect(t, s.addr)
		}
		return s
	}
	c := &chain{pokedex: svc("pokedex"), planner: svc("routeplanner"), expedition: svc("expedition"), gateway: svc(launcher.Gateway), dir: dir}
	c.gateway.addr = env.GatewayURL
	c.client = expeditionv1.NewExpeditionServiceClient(c.expedition.conn)
	return c
}

// warmUp makes one call through the chain with a generous deadline, so
// the expedition's connections downstream are up before a test times
// anything.
func (c *chain) warmUp(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), waitBound)
	defer cancel()
	if _, err := c.client.PlanExpedition(ctx, planRequest()); err != nil {
		t.Fatalf("warm-up call: %v", err)
	}
}

// routeCount asks the route planner directly how many routes the test
// request has, which is how many Pokédex calls the expedition makes.
func (c *chain) routeCount(t *testing.T) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), waitBound)
	defer cancel()
	resp, err := routeplannerv1.NewRoutePlannerServiceClient(c.planner.conn).GetRoutes(ctx, &routeplannerv1.GetRoutesRequest{
		Origin: planRequest().GetOrigin(), Destination: planRequest().GetDestination(),
	})
	if err != nil {
		t.Fatal(err)
	}
	return len(resp.GetRoutes())
}

// assertNoDownstreamCall asserts that the expedition made no downstream
// call for id, from its own log and from those of the two services. The
// expedition logs each downstream call before it logs the call that made
// it, so once its own line is there, every downstream line would be too.
func (c *chain) assertNoDownstreamCall(t *testing.T, id, rpc string) {
	t.Helper()
	c.expedition.logs.wait(t, "expedition's call", rpcLine(rpc, id))
	if lines := c.expedition.logs.matching(func(l logLine) bool { return l.Msg == "downstream call" && l.RequestID == id }); len(lines) > 0 {
		t.Errorf("the expedition called downstream for %s:\n%s", id, lines[0].raw)
	}
	c.planner.assertNoCall(t, id)
	c.pokedex.assertNoCall(t, id)
}

var requestSeq atomic.Int64

// newRequestID returns a request id unique to this test run.
func newRequestID() string {
	var b [4]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails: it crashes the program instead
	return fmt.Sprintf("test-%d-%s", requestSeq.Add(1), hex.EncodeToString(b[:]))
}

// withRequestID returns ctx sending request id id.
func withRequestID(ctx context.Context, id string) context.Context {
	return metadata.AppendToOutgoingContext(ctx, platform.RequestIDKey, id)
}

// The test request: Pallet Town to Cerulean City has three routes on the
// Kanto map, with encounters along each.
func planRequest() *expeditionv1.PlanExpeditionRequest {
	return &expeditionv1.PlanExpeditionRequest{
		Origin:      &geov1.PlaceRef{PlaceId: "pallet-town"},
		Destination: &geov1.PlaceRef{PlaceId: "cerulean-city"},
	}
}

func streamRequest() *expeditionv1.StreamExpeditionRequest {
	p := planRequest()
	return &expeditionv1.StreamExpeditionRequest{Origin: p.GetOrigin(), Destination: p.GetDestination()}
}

// hop is what one hop of a chain saw: the deadline budget its call had
// when it started, and the least time that certainly passed between the
// start of the hop before it and its own start (the duration of a call it
// had to wait for, say). Durations are measured on monotonic clocks; log
// timestamps are not used, because a loaded process may write a line
// late.
type hop struct {
	name        string
	budget      time.Duration
	spentBefore time.Duration
}

func hopOf(name string, l logLine) hop { return hop{name: name, budget: l.budget()} }

// after returns h with d spent before it.
func (h hop) after(d time.Duration) hop {
	h.spentBefore = d
	return h
}

// transitSlack is how much more budget a hop may see than the hop before
// it had left when it called. gRPC sends the deadline as a timeout that
// the receiver adds to its own clock when the call arrives, so the time
// in transit is not counted; on loopback that is well under a
// millisecond.
const transitSlack = 5 * time.Millisecond

// assertBudgetsShrink asserts that along hops each budget is at most the
// one before it, minus the time spent before it (plus the transit slack),
// and logs the figures.
func assertBudgetsShrink(t *testing.T, hops ...hop) {
	t.Helper()
	var figures []string
	for i, h := range hops {
		figure := fmt.Sprintf("%s %v", h.name, h.budget.Round(10*time.Microsecond))
		if h.spentBefore > 0 {
			figure = fmt.Sprintf("(%v spent) %s", h.spentBefore.Round(10*time.Microsecond), figure)
		}
		figures = append(figures, figure)
		if i == 0 {
			continue
		}
		prev := hops[i-1]
		if h.budget <= 0 {
			t.Errorf("%s logged no deadline budget", h.name)
			continue
		}
		if limit := prev.budget - h.spentBefore + transitSlack; h.budget > limit {
			t.Errorf("%s had a budget of %v, more than the %v of %s minus the %v spent before it (+%v slack)",
				h.name, h.budget, prev.budget, prev.name, h.spentBefore, transitSlack)
		}
	}
	t.Logf("budgets: %s", strings.Join(figures, " → "))
}

// waitUntil polls cond until it holds, failing after waitBound. It is for
// conditions no log line announces, such as a call in flight.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitBound)
	ticker := time.NewTicker(5 * time.Millisecond)
	defer ticker.Stop()
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not after %v", what, waitBound)
		}
		<-ticker.C
	}
}
