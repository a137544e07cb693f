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
// service, server reflection and the HTTP endpoint for metrics and
// health. Register services on it, then Serve until the context ends.
type Server struct {
	cfg       ServerConfig
	logger    *slog.Logger
	grpc      *grpc.Server
	health    *health.Server
	metrics   *metrics
	validator protovalidate.Validator
	readiness readiness
	// draining is closed when shutdown begins, so long-lived streams can
	// end themselves cleanly instead of waiting for the hard stop.
	draining     chan struct{}
	drainOnce    sync.Once
	serviceNames []string
	// mu guards the health status against a readiness change racing
	// shutdown: serving is the status last set (set once it was), and
	// shutDown stops further changes.
	mu       sync.Mutex
	serving  bool
	set      bool
	shutDown bool
}

// An Authorizer decides whether a call may proceed: it returns nil, or
// the status error to answer (UNAUTHENTICATED, PERMISSION_DENIED). It runs
// for every call after the deadline-budget check and before validation,
// so no unauthorized caller learns how its request would have been
// validated; it must be cheap and safe for concurrent use. The service
// owns the policy (the Pokédex's curator token, for example); the platform
// knows none.
type Authorizer func(ctx context.Context, fullMethod string) error

// A FaultInjector delays or fails calls before they are handled, for tests
// and demos (package faults). Inject returns nil to let the call proceed.
type FaultInjector interface {
	Inject(ctx context.Context, fullMethod string) error
}

// Option configures a Server.
type Option func(*serverOptions)

type serverOptions struct {
	authorize Authorizer
	faults    FaultInjector
	readiness readiness
}

type readiness struct {
	check    func(context.Context) error
	interval time.Duration
}

// WithAuthorizer sets the policy every call must pass. The default is
// none: every call is allowed.
func WithAuthorizer(a Authorizer) Option {
	return func(o *serverOptions) { o.authorize = a }
}

// WithFaultInjector injects faults into every call, after the call is
// logged and before anything else runs. The default is none; builds with
// -tags kantofaults also take one from the -faults flag, which this
// option overrides. Production binaries have no way to set it.
func WithFaultInjector(f FaultInjector) Option {
	return func(o *serverOptions) { o.faults = f }
}

// WithReadinessCheck makes health mean ready: the server runs check
// before it reports SERVING, then every interval, and reports NOT_SERVING
// (on the gRPC health service and /healthz) while check fails, SERVING
// again once it passes. Each check gets interval as its deadline. The
// default is no check: a server is SERVING from Serve until shutdown.
// NewServer fails on an interval that is not positive.
func WithReadinessCheck(check func(ctx context.Context) error, interval time.Duration) Option {
	return func(o *serverOptions) { o.readiness = readiness{check: check, interval: interval} }
}

// NewServer validates cfg and builds a server. It does not listen yet.
func NewServer(cfg ServerConfig, logger *slog.Logger, opts ...Option) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("invalid configuration: %w", err)
	}
	var o serverOptions
	for _, opt := range opts {
		opt(&o)
	}
	if o.readiness.check != nil && o.readiness.interval <= 0 {
		return nil, fmt.Errorf("readiness check interval %v must be positive", o.readiness.interval)
	}
	if o.faults == nil {
		f, err := cfg.faultInjector()
		if err != nil {
			return nil, err
		}
		if f != nil {
			o.faults = f
		}
	}
	if o.faults != nil {
		logger.Warn("fault injection is on", "faults", fmt.Sprint(o.faults))
	}
	validator, err := protovalidate.New()
	if err != nil {
		return nil, fmt.Errorf("protovalidate: %w", err)
	}
	s := &Server{cfg: cfg, logger: logger, health: health.NewServer(), metrics: newMetrics(), validator: validator,
		readiness: o.readiness, draining: make(chan struct{})}
	ic := &interceptors{
		codec:     newUTF8Codec(),
		logger:    logger,
		metrics:   s.metrics,
		validator: validator,
		authorize: o.authorize,
		faults:    o.faults,
		minBudget: cfg.MinDeadlineBudget,
	}
	serverOpts := []grpc.ServerOption{
		grpc.ForceServerCodecV2(ic.codec),
		grpc.ChainUnaryInterceptor(ic.unary),
		grpc.ChainStreamInterceptor(ic.stream),
		grpc.MaxRecvMsgSize(cfg.MaxRecvMsgSize),
		grpc.MaxSendMsgSize(cfg.MaxSendMsgSize),
		grpc.MaxConcurrentStreams(uint32(min(cfg.MaxConcurrentStreams, 1<<31))),
		grpc.MaxHeaderListSize(uint32(min(cfg.MaxHeaderListSize, 1<<31))),
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
	// The health service starts out SERVING; nothing is, before Serve has
	// run the readiness check.
	s.health.SetServingStatus("", healthgrpc.HealthCheckResponse_NOT_SERVING)
	healthgrpc.RegisterHealthServer(s.grpc, s.health)
	reflection.Register(s.grpc)
	return s, nil
}

// RegisterService registers a service implementation, as the generated
// Register...Server functions do, and tracks its name for health.
func (s *Server) RegisterService(desc *grpc.ServiceDesc, impl any) {
	s.grpc.RegisterService(desc, impl)
	s.serviceNames = append(s.serviceNames, desc.ServiceName)
	s.health.SetServingStatus(desc.ServiceName, healthgrpc.HealthCheckResponse_NOT_SERVING)
}

// Draining is closed when shutdown begins. Long-lived streams should watch
// it and end, so the drain finishes before the hard stop.
func (s *Server) Draining() <-chan struct{} { return s.draining }

// Serve listens (on cfg.GRPCAddr, or serves cfg.GRPCListener) and serves
// gRPC, with the metrics and health endpoint on cfg.MetricsAddr, until ctx
// ends. Health reports SERVING once the server serves and the readiness
// check, if any, passes. When ctx ends it shuts down gracefully: health
// turns NOT_SERVING, new calls are refused, in-flight calls and streams
// get cfg.DrainTimeout to finish, then the server stops hard. It returns
// nil after a shutdown caused by ctx.
func (s *Server) Serve(ctx context.Context) (err error) {
	lis, err := listenOr(s.cfg.GRPCListener, s.cfg.GRPCAddr)
	if err != nil {
		return fmt.Errorf("listen for gRPC: %w", err)
	}
	addrs := map[string]string{"grpc": lis.Addr().String()}
	var endpoint *Endpoint
	if s.cfg.MetricsListener != nil || s.cfg.MetricsAddr != "" {
		mlis, err := listenOr(s.cfg.MetricsListener, s.cfg.MetricsAddr)
		if err != nil {
			return errors.Join(fmt.Errorf("listen for metrics: %w", err), lis.Close())
		}
		endpoint = NewEndpoint(s.metrics.registry, s.healthz, s.logger)
		endpoint.Start(mlis)
		defer func() { err = errors.Join(err, endpoint.Shutdown()) }()
		addrs["metrics"] = mlis.Addr().String()
		s.logger.Info("metrics listening", "addr", addrs["metrics"])
	}
	if s.cfg.AddrFile != "" {
		if err := WriteAddrFile(s.cfg.AddrFile, addrs); err != nil {
			return errors.Join(fmt.Errorf("write addr-file: %w", err), lis.Close())
		}
	}

	s.warmValidator()
	serveErr := make(chan error, 1)
	go func() { serveErr <- s.grpc.Serve(lis) }()
	s.logger.Info("gRPC listening", "addr", addrs["grpc"], "tls", s.cfg.TLSCertFile != "")

	watchCtx, stopWatch := context.WithCancel(ctx)
	var watcher sync.WaitGroup
	if s.readiness.check != nil {
		err := s.checkReady(watchCtx)
		s.setServing(err == nil, err)
		watcher.Go(func() { s.watchReadiness(watchCtx) })
	} else {
		s.setServing(true, nil)
	}

	select {
	case err = <-serveErr:
		err = fmt.Errorf("serve gRPC: %w", err)
	case <-ctx.Done():
		s.shutdown()
	}
	stopWatch()
	watcher.Wait()
	return err
}

// checkReady runs the readiness check with the interval as its deadline.
func (s *Server) checkReady(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, s.readiness.interval)
	defer cancel()
	return s.readiness.check(ctx)
}

// watchReadiness runs the readiness check every interval until ctx ends,
// turning health NOT_SERVING while it fails and SERVING when it passes.
func (s *Server) watchReadiness(ctx context.Context) {
	ticker := time.NewTicker(s.readiness.interval)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
		err := s.checkReady(ctx)
		if ctx.Err() != nil {
			return // a check cut short by shutdown says nothing
		}
		s.setServing(err == nil, err)
	}
}

// setServing sets the health status of the server and of every service,
// logging changes; after shutdown began it does nothing.
func (s *Server) setServing(serving bool, cause error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.shutDown {
		return
	}
	if s.set && serving == s.serving {
		return
	}
	s.serving, s.set = serving, true
	status := healthgrpc.HealthCheckResponse_NOT_SERVING
	if serving {
		status = healthgrpc.HealthCheckResponse_SERVING
	}
	// The server's own status ("") changes last when it becomes SERVING
	// and first when it stops: whoever saw it SERVING finds every service
	// SERVING too.
	names := append([]string{""}, s.serviceNames...)
	if serving {
		names = append(append([]string(nil), s.serviceNames...), "")
	}
	for _, name := range names {
		s.health.SetServingStatus(name, status)
	}
	switch {
	case serving:
		s.logger.Info("ready: health is SERVING")
	case cause != nil:
		s.logger.Warn("not ready: health is NOT_SERVING", "error", cause.Error())
	default:
		s.logger.Warn("not ready: health is NOT_SERVING")
	}
}

// healthz answers the endpoint's /healthz from the gRPC health status.
func (s *Server) healthz(r *http.Request) error {
	resp, err := s.health.Check(r.Context(), &healthgrpc.HealthCheckRequest{})
	if err != nil {
		return err
	}
	if resp.GetStatus() != healthgrpc.HealthCheckResponse_SERVING {
		return errors.New("not serving")
	}
	return nil
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
	s.mu.Lock()
	s.shutDown = true
	s.health.Shutdown() // every service NOT_SERVING, so balancers move away
	s.mu.Unlock()
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

// listenOr returns lis if set, else listens on addr (see Listen).
func listenOr(lis net.Listener, addr string) (net.Listener, error) {
	if lis != nil {
		return lis, nil
	}
	return Listen(addr)
}
