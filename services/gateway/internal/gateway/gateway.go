// Package gateway is Kanto's REST/JSON edge: grpc-gateway handlers
// generated from the google.api.http annotations, in front of the gRPC
// services, hardened for untrusted clients.
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
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/protobuf/encoding/protojson"
)

// Config configures the gateway.
type Config struct {
	// HTTPAddr is the address the gateway listens on.
	HTTPAddr string
	// Targets are the gRPC targets of the services behind the gateway, by
	// full service name: every service of the schema with REST bindings
	// (kantoregistry.Services).
	Targets map[string]string
	// UpstreamTLS dials the services over TLS, trusting the system roots.
	UpstreamTLS bool
	// DefaultTimeout is the deadline of a request that sends no
	// Grpc-Timeout header; MaxTimeout caps the header's value.
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
}

// DefaultConfig returns the gateway's defaults: each service at its
// default address from the schema (google.api.default_host).
func DefaultConfig() Config {
	targets := map[string]string{}
	for _, svc := range restServices() {
		targets[svc.Info.Name] = svc.Info.DefaultTarget
	}
	return Config{
		HTTPAddr:          "127.0.0.1:8080",
		Targets:           targets,
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

// RegisterFlags registers the configuration's flags on fs, documenting
// each flag's environment variable (see runtime.ApplyEnv).
func (c *Config) RegisterFlags(fs *flag.FlagSet, env func(string) string) {
	str := func(p *string, name, usage string) { fs.StringVar(p, name, *p, usage+env(name)) }
	dur := func(p *time.Duration, name, usage string) { fs.DurationVar(p, name, *p, usage+env(name)) }
	str(&c.HTTPAddr, "http-addr", "HTTP listen address")
	// One -<component>-addr flag per binary behind the gateway
	// (-pokedex-addr for kanto.pokedex.v1), setting the target of every
	// service it serves.
	for _, comp := range components() {
		name := comp.name + "-addr"
		fs.Func(name, "gRPC target of "+strings.Join(comp.services, ", ")+" (default "+c.Targets[comp.services[0]]+")"+env(name), func(v string) error {
			for _, svc := range comp.services {
				c.Targets[svc] = v
			}
			return nil
		})
	}
	fs.BoolVar(&c.UpstreamTLS, "upstream-tls", c.UpstreamTLS, "dial the services over TLS"+env("upstream-tls"))
	dur(&c.DefaultTimeout, "default-timeout", "deadline of a request without a Grpc-Timeout header")
	dur(&c.MaxTimeout, "max-timeout", "cap on a client's Grpc-Timeout header")
	fs.Int64Var(&c.MaxBodyBytes, "max-body-bytes", c.MaxBodyBytes, "largest request body accepted, in bytes"+env("max-body-bytes"))
	dur(&c.ReadHeaderTimeout, "read-header-timeout", "time limit to read a request's headers")
	dur(&c.ReadTimeout, "read-timeout", "time limit to read a whole request")
	dur(&c.WriteTimeout, "write-timeout", "time limit to write a response")
	dur(&c.IdleTimeout, "idle-timeout", "how long an idle keep-alive connection stays open")
	dur(&c.ShutdownTimeout, "shutdown-timeout", "how long shutdown waits for in-flight requests")
}

// Validate reports configuration errors, all at once.
func (c *Config) Validate() error {
	var errs []error
	if c.HTTPAddr == "" {
		errs = append(errs, errors.New("http-addr must be set"))
	}
	for _, svc := range restServices() {
		if c.Targets[svc.Info.Name] == "" {
			errs = append(errs, fmt.Errorf("no target for %s (-%s-addr)", svc.Info.Name, svc.Component))
		}
	}
	if c.DefaultTimeout <= 0 || c.MaxTimeout <= 0 || c.DefaultTimeout > c.MaxTimeout {
		errs = append(errs, errors.New("timeouts must be positive and default-timeout at most max-timeout"))
	}
	if c.WriteTimeout <= c.MaxTimeout {
		errs = append(errs, errors.New("write-timeout must exceed max-timeout, or slow answers are cut off before their deadline"))
	}
	if c.MaxBodyBytes <= 0 {
		errs = append(errs, errors.New("max-body-bytes must be positive"))
	}
	return errors.Join(errs...)
}

// Gateway is the REST/JSON handler and its connections to the services.
type Gateway struct {
	cfg     Config
	logger  *slog.Logger
	handler http.Handler
	conns   []*grpc.ClientConn
}

// New dials the services (lazily: gRPC connects on first use) and builds
// the handler. Close the gateway to close its connections.
func New(ctx context.Context, cfg Config, logger *slog.Logger) (*Gateway, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("invalid configuration: %w", err)
	}
	creds := insecure.NewCredentials()
	if cfg.UpstreamTLS {
		creds = credentials.NewTLS(nil)
	}
	g := &Gateway{cfg: cfg, logger: logger}
	dial := func(target string) (*grpc.ClientConn, error) {
		conn, err := grpc.NewClient(target, grpc.WithTransportCredentials(creds))
		if err != nil {
			return nil, fmt.Errorf("dial %s: %w", target, err)
		}
		g.conns = append(g.conns, conn)
		return conn, nil
	}
	mux := runtime.NewServeMux(
		runtime.WithIncomingHeaderMatcher(incomingHeader),
		runtime.WithOutgoingHeaderMatcher(outgoingHeader),
		runtime.WithOutgoingTrailerMatcher(func(string) (string, bool) { return "", false }),
		runtime.WithMarshalerOption(runtime.MIMEWildcard, &runtime.JSONPb{
			MarshalOptions:   protojson.MarshalOptions{EmitDefaultValues: true},
			UnmarshalOptions: protojson.UnmarshalOptions{DiscardUnknown: false},
		}),
	)
	// Every service with REST bindings, from the schema; the health check
	// asks each binary once, through one of its connections.
	upstreams := map[string]*grpc.ClientConn{}
	for _, svc := range restServices() {
		conn, err := dial(cfg.Targets[svc.Info.Name])
		if err != nil {
			return nil, errors.Join(err, g.Close())
		}
		if err := svc.RegisterGateway(ctx, mux, conn); err != nil {
			return nil, errors.Join(fmt.Errorf("%s: %w", svc.Info.Name, err), g.Close())
		}
		upstreams[svc.Component] = conn
	}

	root := http.NewServeMux()
	root.Handle("GET /healthz", healthz(upstreams))
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

// A component is one binary behind the gateway and the services it serves.
type component struct {
	name     string
	services []string
}

// components groups restServices by binary, in order.
func components() []component {
	var out []component
	for _, svc := range restServices() {
		i := slices.IndexFunc(out, func(c component) bool { return c.name == svc.Component })
		if i < 0 {
			out = append(out, component{name: svc.Component})
			i = len(out) - 1
		}
		out[i].services = append(out[i].services, svc.Info.Name)
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

// Serve serves the gateway on lis until ctx ends, then drains in-flight
// requests for at most cfg.ShutdownTimeout.
func (g *Gateway) Serve(ctx context.Context, lis net.Listener) error {
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
	g.logger.Info("REST gateway listening", "addr", lis.Addr().String())
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

// edge applies what an edge owes its upstreams: a bounded body, a deadline
// on every request, and no client-forged forwarding headers.
func (g *Gateway) edge(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		timeout := g.cfg.DefaultTimeout
		if v := r.Header.Get("Grpc-Timeout"); v != "" {
			d, err := parseGRPCTimeout(v)
			if err != nil {
				writeError(w, http.StatusBadRequest, 3, "invalid Grpc-Timeout header: "+err.Error())
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
		ctx, cancel := context.WithTimeout(r.Context(), timeout)
		defer cancel()
		r.Body = http.MaxBytesReader(w, r.Body, g.cfg.MaxBodyBytes)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// incomingHeader is the allow-list of HTTP headers that become gRPC
// metadata. Everything else, Grpc-Metadata-* included, is dropped, so a
// client cannot forge metadata the services trust. (grpc-gateway forwards
// Authorization by itself, for the services to verify.)
func incomingHeader(key string) (string, bool) {
	switch {
	case strings.EqualFold(key, "x-request-id"):
		return "x-request-id", true
	case strings.EqualFold(key, "user-agent"):
		// Under grpc-gateway's own name for it: the services log the HTTP
		// client's user agent instead of the gateway's.
		return "grpcgateway-user-agent", true
	}
	return "", false
}

// outgoingHeader passes the request id back to the client.
func outgoingHeader(key string) (string, bool) {
	if key == "x-request-id" {
		return "X-Request-Id", true
	}
	return "", false
}

// healthz answers 200 when every service behind the gateway reports
// SERVING through the standard health service, and 503 naming the ones
// that do not, each asked with a short deadline of its own.
func healthz(upstreams map[string]*grpc.ClientConn) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		type result struct {
			name string
			ok   bool
		}
		results := make(chan result, len(upstreams))
		for name, conn := range upstreams {
			go func() {
				resp, err := grpc_health_v1.NewHealthClient(conn).Check(ctx, &grpc_health_v1.HealthCheckRequest{})
				results <- result{name, err == nil && resp.GetStatus() == grpc_health_v1.HealthCheckResponse_SERVING}
			}()
		}
		var down []string
		for range upstreams {
			if r := <-results; !r.ok {
				down = append(down, r.name)
			}
		}
		if len(down) > 0 {
			slices.Sort(down)
			writeError(w, http.StatusServiceUnavailable, 14, "not serving: "+strings.Join(down, ", "))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"status":"SERVING"}`))
	})
}

func serveSpec(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(kantoregistry.OpenAPI)
}

// writeError writes an error body shaped like the gateway's own
// (google.rpc.Status as JSON).
func writeError(w http.ResponseWriter, httpStatus, grpcCode int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(httpStatus)
	body, _ := json.Marshal(map[string]any{"code": grpcCode, "message": msg, "details": []any{}})
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
