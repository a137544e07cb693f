// Package gateway is Kanto's REST/JSON edge: grpc-gateway handlers
// generated from the google.api.http annotations, in front of the gRPC
// services, hardened for untrusted clients. It runs on the shared
// platform: its configuration, logger, metrics and health endpoint and
// its connections to the services (with their service configs and the
// client interceptors) are the same as every Kanto binary's.
package gateway

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"github.com/kanto-api/kanto/gen/goserver/kantoregistry"
	kanto "github.com/kanto-api/kanto/sdk/go"
	"github.com/kanto-api/kanto/services/platform"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
)

// Config configures the gateway.
type Config struct {
	// HTTPAddr is the address the gateway listens on.
	HTTPAddr string
	// MetricsAddr is the address of the metrics and health endpoint
	// (platform.Endpoint). Empty disables it.
	MetricsAddr string
	// AddrFile, if set, receives the bound addresses as JSON,
	// {"http":...,"metrics":...}, once the gateway listens.
	AddrFile string
	// Log configures the logger (platform.Main builds it).
	Log platform.LogConfig
	// Upstreams are the services behind the gateway: every service of the
	// schema with REST bindings (kantoregistry.Services), one
	// -<component>-addr flag per binary, and -upstream-tls.
	Upstreams platform.UpstreamConfig
	// DefaultTimeout is the deadline of a request that sends no
	// Grpc-Timeout header; MaxTimeout caps the header's value. A method's
	// timeout in its service config applies too: the earliest wins.
	DefaultTimeout time.Duration
	MaxTimeout     time.Duration
	// MaxBodyBytes bounds a request body.
	MaxBodyBytes int64
	// HTTP server timeouts.
	ReadHeaderTimeout time.Duration
	ReadTimeout       time.Duration
	WriteTimeout      time.Duration
	IdleTimeout       time.Duration
	// ShutdownTimeout bounds the drain of in-flight requests on shutdown.
	ShutdownTimeout time.Duration

	// HTTPListener and MetricsListener, when set, are served instead of
	// listening on HTTPAddr and MetricsAddr: tests pass listeners on
	// 127.0.0.1:0. They are not flags.
	HTTPListener    net.Listener
	MetricsListener net.Listener
}

// DefaultConfig returns the gateway's defaults: it listens on
// 127.0.0.1:8080, its metrics and health on 127.0.0.1:9094, and calls each
// service at its default address from the schema
// (google.api.default_host).
func DefaultConfig() Config {
	var infos []kanto.ServiceInfo
	for _, svc := range restServices() {
		infos = append(infos, svc.Info)
	}
	return Config{
		HTTPAddr:          "127.0.0.1:8080",
		MetricsAddr:       "127.0.0.1:9094",
		Log:               platform.DefaultLogConfig(),
		Upstreams:         platform.NewUpstreamConfig(infos...),
		DefaultTimeout:    10 * time.Second,
		MaxTimeout:        30 * time.Second,
		MaxBodyBytes:      1 << 20,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      45 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ShutdownTimeout:   10 * time.Second,
	}
}

// RegisterFlags registers the configuration's flags on fs.
func (c *Config) RegisterFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.HTTPAddr, "http-addr", c.HTTPAddr, "HTTP listen address")
	fs.StringVar(&c.MetricsAddr, "metrics-addr", c.MetricsAddr, "HTTP listen address for /metrics and /healthz; empty disables it")
	fs.StringVar(&c.AddrFile, "addr-file", c.AddrFile, `file to write the bound addresses to as JSON, {"http":...,"metrics":...}, once listening (for port 0)`)
	c.Log.RegisterFlags(fs)
	c.Upstreams.RegisterFlags(fs)
	fs.DurationVar(&c.DefaultTimeout, "default-timeout", c.DefaultTimeout, "deadline of a request without a Grpc-Timeout header")
	fs.DurationVar(&c.MaxTimeout, "max-timeout", c.MaxTimeout, "cap on a client's Grpc-Timeout header")
	fs.Int64Var(&c.MaxBodyBytes, "max-body-bytes", c.MaxBodyBytes, "largest request body accepted, in bytes")
	fs.DurationVar(&c.ReadHeaderTimeout, "read-header-timeout", c.ReadHeaderTimeout, "time limit to read a request's headers")
	fs.DurationVar(&c.ReadTimeout, "read-timeout", c.ReadTimeout, "time limit to read a whole request")
	fs.DurationVar(&c.WriteTimeout, "write-timeout", c.WriteTimeout, "time limit to write a response")
	fs.DurationVar(&c.IdleTimeout, "idle-timeout", c.IdleTimeout, "how long an idle keep-alive connection stays open")
	fs.DurationVar(&c.ShutdownTimeout, "shutdown-timeout", c.ShutdownTimeout, "how long shutdown waits for in-flight requests")
}

// Validate reports configuration errors, all at once.
func (c *Config) Validate() error {
	var errs []error
	if c.HTTPAddr == "" && c.HTTPListener == nil {
		errs = append(errs, errors.New("http-addr must be set"))
	}
	errs = append(errs, c.Log.Validate(), c.Upstreams.Validate())
	if c.DefaultTimeout <= 0 || c.MaxTimeout <= 0 || c.DefaultTimeout > c.MaxTimeout {
		errs = append(errs, errors.New("timeouts must be positive and default-timeout at most max-timeout"))
	}
	if c.WriteTimeout <= c.MaxTimeout {
		errs = append(errs, errors.New("write-timeout must exceed max-timeout, or slow answers are cut off before their deadline"))
	}
	if c.MaxBodyBytes <= 0 {
		errs = append(errs, errors.New("max-body-bytes must be positive"))
	}
	if c.ShutdownTimeout <= 0 {
		errs = append(errs, errors.New("shutdown-timeout must be positive"))
	}
	return errors.Join(errs...)
}

// Logging returns the logging configuration.
func (c *Config) Logging() platform.LogConfig { return c.Log }

// Run serves the gateway until ctx ends, drains it, and closes its
// connections to the services; a failure to close is part of its error.
func Run(ctx context.Context, cfg Config, logger *slog.Logger) (err error) {
	gw, err := New(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, gw.Close()) }()
	return gw.Serve(ctx)
}

// Gateway is the REST/JSON handler and its connections to the services.
type Gateway struct {
	cfg       Config
	logger    *slog.Logger
	handler   http.Handler
	conns     []*grpc.ClientConn
	upstreams map[string]*grpc.ClientConn // by component, for health
	metrics   *httpMetrics
}

// New dials the services (lazily: gRPC connects on first use) and builds
// the handler. Close the gateway to close its connections.
func New(ctx context.Context, cfg Config, logger *slog.Logger) (*Gateway, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("invalid configuration: %w", err)
	}
	g := &Gateway{cfg: cfg, logger: logger, upstreams: map[string]*grpc.ClientConn{}, metrics: newHTTPMetrics()}
	mux := runtime.NewServeMux(
		runtime.WithIncomingHeaderMatcher(incomingHeader),
		runtime.WithOutgoingHeaderMatcher(func(string) (string, bool) { return "", false }),
		runtime.WithOutgoingTrailerMatcher(func(string) (string, bool) { return "", false }),
		runtime.WithMarshalerOption(runtime.MIMEWildcard, &runtime.JSONPb{
			MarshalOptions:   protojson.MarshalOptions{EmitDefaultValues: true},
			UnmarshalOptions: protojson.UnmarshalOptions{DiscardUnknown: false},
		}),
		runtime.WithErrorHandler(func(ctx context.Context, mux *runtime.ServeMux, m runtime.Marshaler, w http.ResponseWriter, r *http.Request, err error) {
			runtime.DefaultHTTPErrorHandler(ctx, mux, m, w, r, deadlineError(r.Context(), err).Err())
		}),
		runtime.WithStreamErrorHandler(func(ctx context.Context, err error) *status.Status {
			return deadlineError(ctx, err)
		}),
	)
	// Every service with REST bindings, from the schema, each on a
	// connection with its own service config; the health check asks each
	// binary once, through one of its connections.
	for _, svc := range cfg.Upstreams.Services() {
		conn, err := cfg.Upstreams.Dial(svc.Info, logger)
		if err != nil {
			return nil, errors.Join(err, g.Close())
		}
		g.conns = append(g.conns, conn)
		if err := svc.RegisterGateway(ctx, mux, conn); err != nil {
			return nil, errors.Join(fmt.Errorf("%s: %w", svc.Info.Name, err), g.Close())
		}
		if _, ok := g.upstreams[svc.Component]; !ok {
			g.upstreams[svc.Component] = conn
		}
	}

	root := http.NewServeMux()
	root.HandleFunc("GET /healthz", g.serveHealthz)
	root.HandleFunc("GET /openapi.json", serveSpec)
	root.HandleFunc("GET /v1/openapi.json", serveSpec)
	root.Handle("/", mux)
	g.handler = g.edge(root)
	return g, nil
}

// restServices are the services of the schema with REST bindings.
func restServices() []kantoregistry.Service {
	var out []kantoregistry.Service
	for _, svc := range kantoregistry.Services {
		if svc.RegisterGateway != nil {
			out = append(out, svc)
		}
	}
	return out
}

// Handler returns the gateway's HTTP handler.
func (g *Gateway) Handler() http.Handler { return g.handler }

// Close closes the connections to the services.
func (g *Gateway) Close() error {
	var errs []error
	for _, c := range g.conns {
		errs = append(errs, c.Close())
	}
	return errors.Join(errs...)
}

// Serve listens (on cfg.HTTPAddr, or serves cfg.HTTPListener), with the
// metrics and health endpoint on cfg.MetricsAddr, until ctx ends, then
// drains in-flight requests for at most cfg.ShutdownTimeout.
func (g *Gateway) Serve(ctx context.Context) (err error) {
	lis := g.cfg.HTTPListener
	if lis == nil {
		if lis, err = platform.Listen(g.cfg.HTTPAddr); err != nil {
			return fmt.Errorf("listen for HTTP: %w", err)
		}
	}
	addrs := map[string]string{"http": lis.Addr().String()}
	mlis := g.cfg.MetricsListener
	if mlis == nil && g.cfg.MetricsAddr != "" {
		if mlis, err = platform.Listen(g.cfg.MetricsAddr); err != nil {
			return errors.Join(fmt.Errorf("listen for metrics: %w", err), lis.Close())
		}
	}
	if mlis != nil {
		endpoint := platform.NewEndpoint(g.metrics.registry, func(r *http.Request) error { return g.health(r.Context()) }, g.logger)
		endpoint.Start(mlis)
		defer func() { err = errors.Join(err, endpoint.Shutdown()) }()
		addrs["metrics"] = mlis.Addr().String()
		g.logger.Info("metrics listening", "addr", addrs["metrics"])
	}
	if g.cfg.AddrFile != "" {
		if err := platform.WriteAddrFile(g.cfg.AddrFile, addrs); err != nil {
			return errors.Join(fmt.Errorf("write addr-file: %w", err), lis.Close())
		}
	}
	srv := &http.Server{
		Handler:           g.handler,
		ReadHeaderTimeout: g.cfg.ReadHeaderTimeout,
		ReadTimeout:       g.cfg.ReadTimeout,
		WriteTimeout:      g.cfg.WriteTimeout,
		IdleTimeout:       g.cfg.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(g.logger.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(lis) }()
	g.logger.Info("REST gateway listening", "addr", addrs["http"])
	select {
	case err := <-errc:
		return fmt.Errorf("serve HTTP: %w", err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), g.cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		g.logger.Warn("shutdown timeout passed; closing connections", "error", err)
		return srv.Close()
	}
	return nil
}

type timeoutKey struct{}

// edge applies what an edge owes its upstreams and its operators: a
// request id (the client's X-Request-Id if valid, else a fresh one),
// which the client interceptors send to every service and which comes
// back in the response's X-Request-Id; a bounded body; a deadline on
// every request; no client-forged forwarding headers; and a log line and
// metrics per request, so the gateway is the first hop of the request's
// log trail.
func (g *Gateway) edge(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := platform.RequestID(r.Header.Get("X-Request-Id"))
		w.Header().Set("X-Request-Id", id)
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		timeout := g.cfg.DefaultTimeout
		defer func() { g.observe(r, rec.status, id, start, timeout) }()
		if v := r.Header.Get("Grpc-Timeout"); v != "" {
			d, err := parseGRPCTimeout(v)
			if err != nil {
				writeError(rec, http.StatusBadRequest, codes.InvalidArgument, "invalid Grpc-Timeout header: "+err.Error())
				return
			}
			timeout = min(d, g.cfg.MaxTimeout)
		}
		// The gateway would apply Grpc-Timeout again, uncapped: it has been
		// turned into the context deadline, which gRPC propagates.
		r.Header.Del("Grpc-Timeout")
		// The gateway adds the true peer to X-Forwarded-For itself; a
		// client's own value is not to be trusted by anyone behind us.
		r.Header.Del("X-Forwarded-For")
		r.Header.Del("X-Forwarded-Host")
		ctx := platform.NewContextWithRequestID(r.Context(), id)
		ctx = context.WithValue(ctx, timeoutKey{}, timeout)
		ctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		r.Body = http.MaxBytesReader(rec, r.Body, g.cfg.MaxBodyBytes)
		next.ServeHTTP(rec, r.WithContext(ctx))
	})
}

// observe logs a request, as the services log each call ("http" where
// they write "rpc"), and counts it.
func (g *Gateway) observe(r *http.Request, status int, id string, start time.Time, timeout time.Duration) {
	elapsed := time.Since(start)
	g.metrics.observe(r.Method, status, elapsed)
	level := slog.LevelInfo
	switch {
	case status >= 500:
		level = slog.LevelWarn
	case r.URL.Path == "/healthz":
		level = slog.LevelDebug // probes would drown the rest
	}
	attrs := []slog.Attr{
		slog.String("method", r.Method+" "+r.URL.Path),
		slog.String("request_id", id),
		slog.String("peer", r.RemoteAddr),
		slog.Int("status", status),
		slog.Duration("duration", elapsed),
		slog.Duration("deadline_budget", timeout),
	}
	if ua := r.UserAgent(); ua != "" {
		attrs = append(attrs, slog.String("user_agent", truncate(ua, 256)))
	}
	g.logger.LogAttrs(r.Context(), level, "http", attrs...)
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// statusRecorder remembers the status a handler writes, for the log line.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// Flush lets grpc-gateway flush streamed messages through the recorder.
func (s *statusRecorder) Flush() {
	if f, ok := s.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap gives http.ResponseController the writer underneath.
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// deadlineError returns err's status, unless the request ended by its
// deadline: then DEADLINE_EXCEEDED (504) saying so. A service that sees
// the deadline pass resets the stream, which reaches the gateway as
// "stream terminated by RST_STREAM with error code: CANCEL" rather than
// as anything a REST client could understand.
func deadlineError(ctx context.Context, err error) *status.Status {
	st := status.Convert(err)
	if st.Code() != codes.DeadlineExceeded && st.Code() != codes.Canceled {
		return st
	}
	// The deadline, not ctx.Err(): the reset can arrive before the
	// context's own timer has run.
	if deadline, ok := ctx.Deadline(); !ok || time.Now().Before(deadline) {
		return st // a service's own DEADLINE_EXCEEDED keeps its message; a client that left stays CANCELLED
	}
	timeout, _ := ctx.Value(timeoutKey{}).(time.Duration)
	return status.Newf(codes.DeadlineExceeded, "deadline exceeded: the request's deadline of %v passed before the service answered (set it with the Grpc-Timeout header, at most the gateway's maximum)", timeout)
}

// incomingHeader is the allow-list of HTTP headers that become gRPC
// metadata. Everything else, Grpc-Metadata-* included, is dropped, so a
// client cannot forge metadata the services trust. (grpc-gateway forwards
// Authorization by itself, for the services to verify; the request id
// travels through the context, see edge.)
func incomingHeader(key string) (string, bool) {
	if strings.EqualFold(key, "user-agent") {
		// Under grpc-gateway's own name for it: the services log the HTTP
		// client's user agent instead of the gateway's.
		return "grpcgateway-user-agent", true
	}
	return "", false
}

// serveHealthz answers 200 when every service behind the gateway reports
// SERVING through the standard health service, and 503 naming the ones
// that do not.
func (g *Gateway) serveHealthz(w http.ResponseWriter, r *http.Request) {
	if err := g.health(r.Context()); err != nil {
		writeError(w, http.StatusServiceUnavailable, codes.Unavailable, err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{"status":"SERVING"}`))
}

// health asks every binary behind the gateway for its health, at once,
// each with a short deadline of its own, and returns an error naming
// those not SERVING.
func (g *Gateway) health(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	type result struct {
		name string
		ok   bool
	}
	results := make(chan result, len(g.upstreams))
	for name, conn := range g.upstreams {
		go func() {
			resp, err := grpc_health_v1.NewHealthClient(conn).Check(ctx, &grpc_health_v1.HealthCheckRequest{})
			results <- result{name, err == nil && resp.GetStatus() == grpc_health_v1.HealthCheckResponse_SERVING}
		}()
	}
	var down []string
	for range g.upstreams {
		if r := <-results; !r.ok {
			down = append(down, r.name)
		}
	}
	if len(down) > 0 {
		slices.Sort(down)
		return errors.New("not serving: " + strings.Join(down, ", "))
	}
	return nil
}

func serveSpec(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(kantoregistry.OpenAPI)
}

// writeError writes an error body shaped like the gateway's own
// (google.rpc.Status as JSON).
func writeError(w http.ResponseWriter, httpStatus int, code codes.Code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(httpStatus)
	body, _ := json.Marshal(map[string]any{"code": int(code), "message": msg, "details": []any{}})
	_, _ = w.Write(body)
}

// parseGRPCTimeout parses the gRPC wire format of a timeout: at most eight
// digits and a unit, H, M, S, m (milli), u (micro) or n (nano).
func parseGRPCTimeout(v string) (time.Duration, error) {
	if len(v) < 2 || len(v) > 9 {
		return 0, errors.New("want 1 to 8 digits and a unit")
	}
	n, err := strconv.ParseInt(v[:len(v)-1], 10, 64)
	if err != nil || n < 0 {
		return 0, errors.New("want 1 to 8 digits and a unit")
	}
	units := map[byte]time.Duration{'H': time.Hour, 'M': time.Minute, 'S': time.Second, 'm': time.Millisecond, 'u': time.Microsecond, 'n': time.Nanosecond}
	unit, ok := units[v[len(v)-1]]
	if !ok {
		return 0, fmt.Errorf("unknown unit %q", v[len(v)-1:])
	}
	if n > int64(1<<63-1)/int64(unit) {
		return 1<<63 - 1, nil
	}
	return time.Duration(n) * unit, nil
}

// httpMetrics are the gateway's Prometheus metrics: its requests by HTTP
// method and status, and the Go runtime's and the process's.
type httpMetrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

func newHTTPMetrics() *httpMetrics {
	m := &httpMetrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "http_server_requests_total",
			Help: "REST requests the gateway answered, by HTTP method and status.",
		}, []string{"method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "http_server_request_duration_seconds",
			Help:    "Time from a REST request's arrival to its answer, by HTTP method and status.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"method", "status"}),
	}
	m.registry.MustRegister(m.requests, m.latency,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *httpMetrics) observe(method string, status int, elapsed time.Duration) {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodOptions:
	default:
		method = "OTHER" // any token is a method: keep the label set bounded
	}
	code := strconv.Itoa(status)
	m.requests.WithLabelValues(method, code).Inc()
	m.latency.WithLabelValues(method, code).Observe(elapsed.Seconds())
}
