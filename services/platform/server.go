package platform

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"buf.build/go/protovalidate"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/health"
	healthgrpc "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/keepalive"
	"google.golang.org/grpc/reflection"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/dynamicpb"
)

// Server is a gRPC server with Kanto's interceptors, the standard health
// service, server reflection and an HTTP endpoint for metrics. Register
// services on it, then Serve until the context ends.
type Server struct {
	cfg     Config
	logger  *slog.Logger
	grpc    *grpc.Server
	health  *health.Server
	metrics *metrics
	// draining is closed when shutdown begins, so long-lived streams can
	// end themselves cleanly instead of waiting for the hard stop.
	validator    protovalidate.Validator
	draining     chan struct{}
	drainOnce    sync.Once
	serviceNames []string
}

// Option configures a Server.
type Option func(*serverOptions)

type serverOptions struct {
	writeMethods []string
}

// WithWriteMethods names the full methods (for example
// "/kanto.pokedex.v1.PokemonService/CreatePokemon") that need the curator
// bearer token. By default no method does.
func WithWriteMethods(methods ...string) Option {
	return func(o *serverOptions) { o.writeMethods = append(o.writeMethods, methods...) }
}

// NewServer validates cfg and builds a server. It does not listen yet.
func NewServer(cfg Config, logger *slog.Logger, opts ...Option) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("invalid configuration: %w", err)
	}
	var o serverOptions
	for _, opt := range opts {
		opt(&o)
	}
	faults, err := ParseFaults(cfg.Faults)
	if err != nil {
		return nil, err
	}
	if !faults.Empty() {
		logger.Warn("fault injection is on", "faults", cfg.Faults)
	}
	validator, err := protovalidate.New()
	if err != nil {
		return nil, fmt.Errorf("protovalidate: %w", err)
	}
	s := &Server{cfg: cfg, logger: logger, health: health.NewServer(), metrics: newMetrics(), validator: validator, draining: make(chan struct{})}
	ic := &interceptors{
		logger:       logger,
		metrics:      s.metrics,
		validator:    validator,
		writeMethods: map[string]bool{},
		token:        cfg.CuratorToken,
		minBudget:    cfg.MinDeadlineBudget,
		faults:       faults,
	}
	for _, m := range o.writeMethods {
		ic.writeMethods[m] = true
	}
	serverOpts := []grpc.ServerOption{
		grpc.ChainUnaryInterceptor(ic.unary),
		grpc.ChainStreamInterceptor(ic.stream),
		grpc.MaxRecvMsgSize(cfg.MaxRecvMsgSize),
		grpc.MaxSendMsgSize(cfg.MaxSendMsgSize),
		grpc.MaxConcurrentStreams(uint32(min(cfg.MaxConcurrentStreams, 1<<31))),
		grpc.ConnectionTimeout(cfg.ConnectionTimeout),
		grpc.KeepaliveEnforcementPolicy(keepalive.EnforcementPolicy{MinTime: cfg.KeepaliveMinTime, PermitWithoutStream: true}),
		grpc.KeepaliveParams(keepalive.ServerParameters{
			MaxConnectionIdle: cfg.MaxConnectionIdle,
			Time:              cfg.KeepaliveTime,
			Timeout:           cfg.KeepaliveTimeout,
		}),
	}
	if cfg.TLSCertFile != "" {
		cert, err := tls.LoadX509KeyPair(cfg.TLSCertFile, cfg.TLSKeyFile)
		if err != nil {
			return nil, fmt.Errorf("load TLS key pair: %w", err)
		}
		serverOpts = append(serverOpts, grpc.Creds(credentials.NewTLS(&tls.Config{
			Certificates: []tls.Certificate{cert},
			MinVersion:   tls.VersionTLS12,
		})))
	}
	s.grpc = grpc.NewServer(serverOpts...)
	healthgrpc.RegisterHealthServer(s.grpc, s.health)
	reflection.Register(s.grpc)
	return s, nil
}

// RegisterService registers a service implementation, as the generated
// Register...Server functions do, and tracks its name for health.
func (s *Server) RegisterService(desc *grpc.ServiceDesc, impl any) {
	s.grpc.RegisterService(desc, impl)
	s.serviceNames = append(s.serviceNames, desc.ServiceName)
}

// Draining is closed when shutdown begins. Long-lived streams should watch
// it and end, so the drain finishes before the hard stop.
func (s *Server) Draining() <-chan struct{} { return s.draining }

// Serve serves gRPC on lis (and metrics on cfg.MetricsAddr) until ctx ends,
// then shuts down gracefully: health turns NOT_SERVING, new calls are
// refused, in-flight calls and streams get cfg.DrainTimeout to finish, then
// the server stops hard. It returns nil after a shutdown caused by ctx.
func (s *Server) Serve(ctx context.Context, lis net.Listener) error {
	var metricsSrv *http.Server
	if s.cfg.MetricsAddr != "" {
		mlis, err := net.Listen("tcp", s.cfg.MetricsAddr)
		if err != nil {
			return fmt.Errorf("listen for metrics: %w", err)
		}
		metricsSrv = s.metricsServer()
		go func() {
			if err := metricsSrv.Serve(mlis); err != nil && !errors.Is(err, http.ErrServerClosed) {
				s.logger.Error("metrics server failed", "error", err)
			}
		}()
		s.logger.Info("metrics listening", "addr", mlis.Addr().String())
	}

	s.warmValidator()
	for _, name := range append([]string{""}, s.serviceNames...) {
		s.health.SetServingStatus(name, healthgrpc.HealthCheckResponse_SERVING)
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- s.grpc.Serve(lis) }()
	s.logger.Info("gRPC listening", "addr", lis.Addr().String(), "tls", s.cfg.TLSCertFile != "")
	// The address file is the "ready" signal of supervisors and test
	// harnesses: write it only now that the service is set up and serving.
	if s.cfg.AddrFile != "" {
		if err := WriteAddrFile(s.cfg.AddrFile, lis.Addr().String()); err != nil {
			s.grpc.Stop()
			return fmt.Errorf("write addr-file: %w", err)
		}
	}

	var err error
	select {
	case err = <-serveErr:
		err = fmt.Errorf("serve gRPC: %w", err)
	case <-ctx.Done():
		s.shutdown()
	}
	if metricsSrv != nil {
		shutdownCtx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_ = metricsSrv.Shutdown(shutdownCtx)
	}
	return err
}

// warmValidator compiles the validation rules of every registered
// method's request message now, so the first call of each method does not
// pay for it (it can take a good part of a tight deadline budget).
func (s *Server) warmValidator() {
	for _, name := range s.serviceNames {
		desc, err := protoregistry.GlobalFiles.FindDescriptorByName(protoreflect.FullName(name))
		if err != nil {
			continue // a service without a registered descriptor has no rules
		}
		sd, ok := desc.(protoreflect.ServiceDescriptor)
		if !ok {
			continue
		}
		for i := range sd.Methods().Len() {
			// An empty message may well violate its rules: only the
			// compilation matters here.
			_ = s.validator.Validate(dynamicpb.NewMessage(sd.Methods().Get(i).Input()))
		}
	}
}

func (s *Server) shutdown() {
	s.logger.Info("shutting down", "drain_timeout", s.cfg.DrainTimeout)
	s.health.Shutdown() // every service NOT_SERVING, so balancers move away
	s.drainOnce.Do(func() { close(s.draining) })
	stopped := make(chan struct{})
	go func() {
		s.grpc.GracefulStop()
		close(stopped)
	}()
	timer := time.NewTimer(s.cfg.DrainTimeout)
	defer timer.Stop()
	select {
	case <-stopped:
		s.logger.Info("drained")
	case <-timer.C:
		s.logger.Warn("drain timeout passed; stopping hard")
		s.grpc.Stop()
		<-stopped
	}
}

func (s *Server) metricsServer() *http.Server {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(s.metrics.registry, promhttp.HandlerOpts{}))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		resp, err := s.health.Check(r.Context(), &healthgrpc.HealthCheckRequest{})
		if err != nil || resp.GetStatus() != healthgrpc.HealthCheckResponse_SERVING {
			http.Error(w, "not serving", http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte("ok\n"))
	})
	return &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second, WriteTimeout: 30 * time.Second}
}
