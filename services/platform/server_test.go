package platform_test

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go/buf/validate"
	geov1 "github.com/kanto-api/kanto/gen/go/kanto/geo/v1"
	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
	routeplannerv1 "github.com/kanto-api/kanto/gen/go/kanto/routeplanner/v1"
	"github.com/kanto-api/kanto/services/platform"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	healthgrpc "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	reflectionpb "google.golang.org/grpc/reflection/grpc_reflection_v1"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/timestamppb"
)

// fakePokedex is a PokemonService whose behaviour each test sets.
type fakePokedex struct {
	pokedexv1.UnimplementedPokemonServiceServer
	GetPokemonFn    func(context.Context, *pokedexv1.GetPokemonRequest) (*pokedexv1.GetPokemonResponse, error)
	DeletePokemonFn func(context.Context, *pokedexv1.DeletePokemonRequest) (*pokedexv1.DeletePokemonResponse, error)
}

func (f *fakePokedex) GetPokemon(ctx context.Context, req *pokedexv1.GetPokemonRequest) (*pokedexv1.GetPokemonResponse, error) {
	return f.GetPokemonFn(ctx, req)
}

func (f *fakePokedex) DeletePokemon(ctx context.Context, req *pokedexv1.DeletePokemonRequest) (*pokedexv1.DeletePokemonResponse, error) {
	return f.DeletePokemonFn(ctx, req)
}

// fakePlanner is a RoutePlannerService whose RecordTrip each test sets.
type fakePlanner struct {
	routeplannerv1.UnimplementedRoutePlannerServiceServer
	RecordTripFn func(grpc.ClientStreamingServer[routeplannerv1.RecordTripRequest, routeplannerv1.RecordTripResponse]) error
}

func (f *fakePlanner) RecordTrip(stream grpc.ClientStreamingServer[routeplannerv1.RecordTripRequest, routeplannerv1.RecordTripResponse]) error {
	return f.RecordTripFn(stream)
}

type harness struct {
	conn   *grpc.ClientConn
	addr   string
	logs   *syncBuffer
	cancel context.CancelFunc
	done   chan error
}

// start serves the fakes on 127.0.0.1:0 with the real platform and returns
// a client connection. Stop it with h.stop.
func start(t *testing.T, cfg platform.ServerConfig, pokedex *fakePokedex, planner *fakePlanner, opts ...platform.Option) *harness {
	t.Helper()
	logs := &syncBuffer{}
	logger := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cfg.GRPCListener = lis
	srv, err := platform.NewServer(cfg, logger, opts...)
	if err != nil {
		t.Fatal(err)
	}
	srv.RegisterService(&pokedexv1.PokemonService_ServiceDesc, pokedex)
	srv.RegisterService(&routeplannerv1.RoutePlannerService_ServiceDesc, planner)
	ctx, cancel := context.WithCancel(context.Background())
	h := &harness{addr: lis.Addr().String(), logs: logs, cancel: cancel, done: make(chan error, 1)}
	go func() { h.done <- srv.Serve(ctx) }()
	h.conn, err = grpc.NewClient(lis.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		h.conn.Close()
		h.stop(t)
	})
	return h
}

// waitServing waits until the server reports SERVING, which it does once
// it serves (and its readiness check, if any, passes).
func (h *harness) waitServing(t *testing.T) {
	t.Helper()
	watch, err := healthgrpc.NewHealthClient(h.conn).Watch(t.Context(), &healthgrpc.HealthCheckRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for {
		resp, err := watch.Recv()
		if err != nil {
			t.Fatalf("waiting for SERVING: %v", err)
		}
		if resp.GetStatus() == healthgrpc.HealthCheckResponse_SERVING {
			return
		}
	}
}

func (h *harness) stop(t *testing.T) {
	t.Helper()
	h.cancel()
	if err, ok := <-h.done; ok && err != nil {
		t.Errorf("Serve: %v", err)
	}
}

func testConfig() platform.ServerConfig {
	cfg := platform.DefaultServerConfig("127.0.0.1:0", "")
	cfg.DrainTimeout = 5 * time.Second
	return cfg
}

// bearerAuthorizer is a policy as a service would supply one: DeletePokemon
// needs "Bearer s3cret"; everything else is public.
func bearerAuthorizer(ctx context.Context, method string) error {
	if method != pokedexv1.PokemonService_DeletePokemon_FullMethodName {
		return nil
	}
	md, _ := metadata.FromIncomingContext(ctx)
	switch auth := md.Get("authorization"); {
	case len(auth) == 0:
		return status.Error(codes.Unauthenticated, "no token")
	case auth[0] != "Bearer s3cret":
		return status.Error(codes.PermissionDenied, "wrong token")
	}
	return nil
}

func TestValidationErrorsCarryFieldViolations(t *testing.T) {
	t.Parallel()
	called := false
	h := start(t, testConfig(), &fakePokedex{GetPokemonFn: func(context.Context, *pokedexv1.GetPokemonRequest) (*pokedexv1.GetPokemonResponse, error) {
		called = true
		return &pokedexv1.GetPokemonResponse{}, nil
	}}, &fakePlanner{})
	_, err := pokedexv1.NewPokemonServiceClient(h.conn).GetPokemon(t.Context(), &pokedexv1.GetPokemonRequest{Id: 0})
	st := status.Convert(err)
	if st.Code() != codes.InvalidArgument {
		t.Fatalf("code = %v, want InvalidArgument (%v)", st.Code(), err)
	}
	if called {
		t.Error("handler ran for an invalid request")
	}
	var badRequest *errdetails.BadRequest
	var violations *validate.Violations
	for _, d := range st.Details() {
		switch d := d.(type) {
		case *errdetails.BadRequest:
			badRequest = d
		case *validate.Violations:
			violations = d
		}
	}
	if badRequest == nil || len(badRequest.GetFieldViolations()) != 1 {
		t.Fatalf("BadRequest detail = %v, want one field violation", badRequest)
	}
	if fv := badRequest.GetFieldViolations()[0]; fv.GetField() != "id" || fv.GetReason() != "int32.gte_lte" {
		t.Errorf("field violation = %v, want field id, reason int32.gte_lte", fv)
	}
	if violations == nil || violations.GetViolations()[0].GetRuleId() != "int32.gte_lte" {
		t.Errorf("buf.validate.Violations detail = %v", violations)
	}
}

func TestStreamMessagesAreValidated(t *testing.T) {
	t.Parallel()
	received := make(chan int, 1)
	h := start(t, testConfig(), &fakePokedex{}, &fakePlanner{RecordTripFn: func(stream grpc.ClientStreamingServer[routeplannerv1.RecordTripRequest, routeplannerv1.RecordTripResponse]) error {
		n := 0
		for {
			if _, err := stream.Recv(); err != nil {
				received <- n
				return err
			}
			n++
		}
	}})
	stream, err := routeplannerv1.NewRoutePlannerServiceClient(h.conn).RecordTrip(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	good := &routeplannerv1.RecordTripRequest{Location: &geov1.Location{Latitude: 35, Longitude: 139}, RecordTime: timestamppb.Now()}
	bad := &routeplannerv1.RecordTripRequest{Location: &geov1.Location{Latitude: 95, Longitude: 139}, RecordTime: timestamppb.Now()}
	for _, m := range []*routeplannerv1.RecordTripRequest{good, bad} {
		if err := stream.Send(m); err != nil {
			break // the server may already have failed the call
		}
	}
	_, err = stream.CloseAndRecv()
	st := status.Convert(err)
	if st.Code() != codes.InvalidArgument || !strings.Contains(st.Message(), "location.latitude") {
		t.Fatalf("err = %v, want InvalidArgument naming location.latitude", err)
	}
	if n := <-received; n != 1 {
		t.Errorf("handler received %d valid messages, want 1", n)
	}
}

func TestPanicBecomesInternalAndServerStaysUp(t *testing.T) {
	t.Parallel()
	h := start(t, testConfig(), &fakePokedex{GetPokemonFn: func(_ context.Context, req *pokedexv1.GetPokemonRequest) (*pokedexv1.GetPokemonResponse, error) {
		if req.GetId() == 13 {
			panic("unlucky")
		}
		return &pokedexv1.GetPokemonResponse{Pokemon: &pokedexv1.Pokemon{Id: req.GetId()}}, nil
	}}, &fakePlanner{})
	client := pokedexv1.NewPokemonServiceClient(h.conn)
	_, err := client.GetPokemon(t.Context(), &pokedexv1.GetPokemonRequest{Id: 13})
	if st := status.Convert(err); st.Code() != codes.Internal || strings.Contains(st.Message(), "unlucky") {
		t.Fatalf("err = %v, want Internal with a generic message", err)
	}
	resp, err := client.GetPokemon(t.Context(), &pokedexv1.GetPokemonRequest{Id: 25})
	if err != nil || resp.GetPokemon().GetId() != 25 {
		t.Fatalf("after panic: %v, %v", resp, err)
	}
}

func TestAuthorizer(t *testing.T) {
	t.Parallel()
	deleted := make(chan struct{}, 10)
	cfg := testConfig()
	cfg.MinDeadlineBudget = time.Second
	h := start(t, cfg, &fakePokedex{
		GetPokemonFn: func(context.Context, *pokedexv1.GetPokemonRequest) (*pokedexv1.GetPokemonResponse, error) {
			return &pokedexv1.GetPokemonResponse{}, nil
		},
		DeletePokemonFn: func(context.Context, *pokedexv1.DeletePokemonRequest) (*pokedexv1.DeletePokemonResponse, error) {
			deleted <- struct{}{}
			return &pokedexv1.DeletePokemonResponse{}, nil
		},
	}, &fakePlanner{}, platform.WithAuthorizer(bearerAuthorizer))
	client := pokedexv1.NewPokemonServiceClient(h.conn)
	withAuth := func(ctx context.Context, auth string) context.Context {
		if auth == "" {
			return ctx
		}
		return metadata.AppendToOutgoingContext(ctx, "authorization", auth)
	}
	tests := []struct {
		name string
		auth string
		id   int32
		want codes.Code
	}{
		{"no token", "", 1, codes.Unauthenticated},
		{"wrong token", "Bearer guess", 1, codes.PermissionDenied},
		{"the policy runs before validation", "", 0, codes.Unauthenticated},
		{"right token, invalid request", "Bearer s3cret", 0, codes.InvalidArgument},
		{"right token", "Bearer s3cret", 1, codes.OK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := client.DeletePokemon(withAuth(t.Context(), tt.auth), &pokedexv1.DeletePokemonRequest{Id: tt.id})
			if got := status.Code(err); got != tt.want {
				t.Errorf("DeletePokemon code = %v, want %v (%v)", got, tt.want, err)
			}
		})
	}
	if len(deleted) != 1 {
		t.Errorf("the handler ran %d times, want once", len(deleted))
	}
	t.Run("the deadline budget is checked before the policy", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
		defer cancel()
		if _, err := client.DeletePokemon(ctx, &pokedexv1.DeletePokemonRequest{Id: 1}); status.Code(err) != codes.DeadlineExceeded {
			t.Errorf("err = %v, want DeadlineExceeded", err)
		}
	})
	t.Run("other methods are public", func(t *testing.T) {
		if _, err := client.GetPokemon(t.Context(), &pokedexv1.GetPokemonRequest{Id: 1}); err != nil {
			t.Errorf("GetPokemon without token: %v", err)
		}
	})
}

func TestRequestIDPropagatesAndIsEchoed(t *testing.T) {
	t.Parallel()
	seen := make(chan string, 2)
	h := start(t, testConfig(), &fakePokedex{GetPokemonFn: func(ctx context.Context, _ *pokedexv1.GetPokemonRequest) (*pokedexv1.GetPokemonResponse, error) {
		seen <- platform.RequestIDFromContext(ctx)
		return &pokedexv1.GetPokemonResponse{}, nil
	}}, &fakePlanner{})
	client := pokedexv1.NewPokemonServiceClient(h.conn)

	var header metadata.MD
	ctx := metadata.AppendToOutgoingContext(t.Context(), platform.RequestIDKey, "trace-42")
	if _, err := client.GetPokemon(ctx, &pokedexv1.GetPokemonRequest{Id: 1}, grpc.Header(&header)); err != nil {
		t.Fatal(err)
	}
	if got := <-seen; got != "trace-42" {
		t.Errorf("handler saw request id %q, want trace-42", got)
	}
	if got := header.Get(platform.RequestIDKey); len(got) != 1 || got[0] != "trace-42" {
		t.Errorf("response header %v, want trace-42", got)
	}

	// An id a client forges with spaces and quotes is replaced, not logged.
	ctx = metadata.AppendToOutgoingContext(t.Context(), platform.RequestIDKey, `evil" id="forged`)
	if _, err := client.GetPokemon(ctx, &pokedexv1.GetPokemonRequest{Id: 1}); err != nil {
		t.Fatal(err)
	}
	if got := <-seen; len(got) != 32 {
		t.Errorf("request id %q, want a fresh 32-hex id", got)
	}
}

func TestMinDeadlineBudgetFailsFast(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	cfg.MinDeadlineBudget = time.Second
	called := make(chan struct{}, 1)
	h := start(t, cfg, &fakePokedex{GetPokemonFn: func(context.Context, *pokedexv1.GetPokemonRequest) (*pokedexv1.GetPokemonResponse, error) {
		called <- struct{}{}
		return &pokedexv1.GetPokemonResponse{}, nil
	}}, &fakePlanner{})
	client := pokedexv1.NewPokemonServiceClient(h.conn)
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	_, err := client.GetPokemon(ctx, &pokedexv1.GetPokemonRequest{Id: 1})
	if status.Code(err) != codes.DeadlineExceeded {
		t.Fatalf("err = %v, want DeadlineExceeded", err)
	}
	select {
	case <-called:
		t.Error("handler ran although the budget was below the minimum")
	default:
	}
	if _, err := client.GetPokemon(t.Context(), &pokedexv1.GetPokemonRequest{Id: 1}); err != nil {
		t.Errorf("call without deadline: %v", err)
	}
}

func TestHealthReflectionAndMetrics(t *testing.T) {
	t.Parallel()
	mlis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	metricsAddr := mlis.Addr().String()
	cfg := testConfig()
	cfg.MetricsListener = mlis
	cfg.AddrFile = filepath.Join(t.TempDir(), "addr.json")
	h := start(t, cfg, &fakePokedex{GetPokemonFn: func(context.Context, *pokedexv1.GetPokemonRequest) (*pokedexv1.GetPokemonResponse, error) {
		return &pokedexv1.GetPokemonResponse{}, nil
	}}, &fakePlanner{})

	h.waitServing(t)
	resp, err := healthgrpc.NewHealthClient(h.conn).Check(t.Context(), &healthgrpc.HealthCheckRequest{Service: "kanto.pokedex.v1.PokemonService"})
	if err != nil || resp.GetStatus() != healthgrpc.HealthCheckResponse_SERVING {
		t.Fatalf("health = %v, %v; want SERVING", resp, err)
	}

	refl, err := reflectionpb.NewServerReflectionClient(h.conn).ServerReflectionInfo(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if err := refl.Send(&reflectionpb.ServerReflectionRequest{MessageRequest: &reflectionpb.ServerReflectionRequest_ListServices{}}); err != nil {
		t.Fatal(err)
	}
	listed, err := refl.Recv()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range listed.GetListServicesResponse().GetService() {
		names = append(names, s.GetName())
	}
	for _, want := range []string{"kanto.pokedex.v1.PokemonService", "kanto.routeplanner.v1.RoutePlannerService", "grpc.health.v1.Health"} {
		if !strings.Contains(strings.Join(names, " "), want) {
			t.Errorf("reflection lists %v, missing %s", names, want)
		}
	}

	if _, err := pokedexv1.NewPokemonServiceClient(h.conn).GetPokemon(t.Context(), &pokedexv1.GetPokemonRequest{Id: 7}); err != nil {
		t.Fatal(err)
	}
	body := httpGet(t, "http://"+metricsAddr+"/metrics")
	want := `grpc_server_handled_total{grpc_code="OK",grpc_method="GetPokemon",grpc_service="kanto.pokedex.v1.PokemonService"} 1`
	if !strings.Contains(body, want) {
		t.Errorf("metrics lack %q", want)
	}
	if !strings.Contains(body, "grpc_server_handling_seconds_bucket") {
		t.Error("metrics lack the latency histogram")
	}
	if got := httpGet(t, "http://"+metricsAddr+"/healthz"); got != "ok\n" {
		t.Errorf("/healthz = %q", got)
	}
	// The address file, for launchers, names what the server bound.
	b, err := os.ReadFile(cfg.AddrFile)
	if err != nil {
		t.Fatal(err)
	}
	var addrs map[string]string
	if err := json.Unmarshal(b, &addrs); err != nil || addrs["grpc"] != h.addr || addrs["metrics"] != metricsAddr {
		t.Errorf("address file %s (%v), want grpc %s and metrics %s", b, err, h.addr, metricsAddr)
	}
}

func TestGracefulShutdownFinishesOpenStream(t *testing.T) {
	t.Parallel()
	inHandler := make(chan struct{})
	h := start(t, testConfig(), &fakePokedex{}, &fakePlanner{RecordTripFn: func(stream grpc.ClientStreamingServer[routeplannerv1.RecordTripRequest, routeplannerv1.RecordTripResponse]) error {
		n := int32(0)
		for {
			_, err := stream.Recv()
			if errors.Is(err, io.EOF) {
				return stream.SendAndClose(&routeplannerv1.RecordTripResponse{PointCount: n})
			}
			if err != nil {
				return err
			}
			if n++; n == 1 {
				close(inHandler)
			}
		}
	}})
	client := routeplannerv1.NewRoutePlannerServiceClient(h.conn)
	h.waitServing(t)
	health := healthgrpc.NewHealthClient(h.conn)
	watchCtx, stopWatch := context.WithCancel(t.Context())
	watch, err := health.Watch(watchCtx, &healthgrpc.HealthCheckRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if st, err := watch.Recv(); err != nil || st.GetStatus() != healthgrpc.HealthCheckResponse_SERVING {
		t.Fatalf("health = %v, %v; want SERVING", st, err)
	}
	stream, err := client.RecordTrip(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	point := &routeplannerv1.RecordTripRequest{Location: &geov1.Location{Latitude: 35, Longitude: 139}, RecordTime: timestamppb.Now()}
	if err := stream.Send(point); err != nil {
		t.Fatal(err)
	}
	<-inHandler

	h.cancel() // shutdown begins while the stream is open

	// Health turns NOT_SERVING while the stream still drains.
	if st, err := watch.Recv(); err != nil || st.GetStatus() != healthgrpc.HealthCheckResponse_NOT_SERVING {
		t.Fatalf("health during drain = %v, %v; want NOT_SERVING", st, err)
	}
	stopWatch() // a balancer that saw NOT_SERVING goes away; its watch would hold the drain
	if err := stream.Send(point); err != nil {
		t.Fatalf("send during drain: %v", err)
	}
	resp, err := stream.CloseAndRecv()
	if err != nil {
		t.Fatalf("open stream did not finish during the drain: %v", err)
	}
	if resp.GetPointCount() != 2 {
		t.Errorf("point count = %d, want 2", resp.GetPointCount())
	}
	if err := <-h.done; err != nil {
		t.Errorf("Serve: %v", err)
	}
	close(h.done)
}

func TestConfigFromFlagsAndEnv(t *testing.T) {
	t.Parallel()
	env := map[string]string{
		"KANTO_TEST_GRPC_ADDR":     "127.0.0.1:7000",
		"KANTO_TEST_DRAIN_TIMEOUT": "3s",
		"KANTO_TEST_LOG_FORMAT":    "json",
	}
	lookup := func(name string) (string, bool) { v, ok := env[name]; return v, ok }
	parse := func(args ...string) (platform.ServerConfig, *flag.FlagSet, error) {
		cfg := platform.DefaultServerConfig("127.0.0.1:1", "")
		fs := flag.NewFlagSet("test", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		cfg.RegisterFlags(fs)
		return cfg, fs, platform.ParseFlags(fs, platform.EnvPrefix("test"), args, lookup)
	}
	cfg, fs, err := parse("-drain-timeout=7s")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.GRPCAddr != "127.0.0.1:7000" || cfg.Log.Format != "json" {
		t.Errorf("GRPCAddr %q, log format %q: want the environment's", cfg.GRPCAddr, cfg.Log.Format)
	}
	if cfg.DrainTimeout != 7*time.Second {
		t.Errorf("DrainTimeout = %v, want the flag's 7s over the environment's 3s", cfg.DrainTimeout)
	}
	if usage := fs.Lookup("drain-timeout").Usage; !strings.HasSuffix(usage, "(env KANTO_TEST_DRAIN_TIMEOUT)") {
		t.Errorf("usage %q does not name the environment variable", usage)
	}

	env["KANTO_TEST_MAX_RECV_MSG_SIZE"] = "lots"
	if _, _, err := parse(); err == nil || !strings.Contains(err.Error(), "KANTO_TEST_MAX_RECV_MSG_SIZE") {
		t.Errorf("bad env value: err = %v, want one naming the variable", err)
	}
	delete(env, "KANTO_TEST_MAX_RECV_MSG_SIZE")
	if _, _, err := parse("stray"); err == nil {
		t.Error("a stray argument was accepted")
	}

	// Fault injection is compiled only into test builds: elsewhere its
	// variable is an error, not silently ignored.
	env["KANTO_TEST_FAULTS"] = "GetPokemon=UNAVAILABLE"
	_, fs, err = parse()
	if platform.FaultsCompiledIn {
		if err != nil || fs.Lookup("faults") == nil {
			t.Errorf("a kantofaults build: err = %v, -faults flag %v", err, fs.Lookup("faults"))
		}
	} else if err == nil || !strings.Contains(err.Error(), "KANTO_TEST_FAULTS") || fs.Lookup("faults") != nil {
		t.Errorf("a production build: err = %v, want one naming KANTO_TEST_FAULTS, and no -faults flag", err)
	}

	bad := platform.DefaultServerConfig("127.0.0.1:1", "")
	bad.TLSCertFile = "cert.pem"
	bad.Log.Format = "xml"
	if err := bad.Validate(); err == nil || !strings.Contains(err.Error(), "tls-key") || !strings.Contains(err.Error(), "log-format") {
		t.Errorf("Validate = %v, want both errors", err)
	}
}

func TestListenInheritedSocket(t *testing.T) {
	t.Parallel()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer lis.Close()
	f, err := lis.(*net.TCPListener).File()
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := platform.Listen(fmt.Sprintf("fd:%d", f.Fd()))
	if err != nil {
		t.Fatal(err)
	}
	defer got.Close()
	if got.Addr().String() != lis.Addr().String() {
		t.Errorf("fd listener on %s, want %s", got.Addr(), lis.Addr())
	}
	for _, bad := range []string{"fd:x", "fd:1", "fd:987654"} {
		if l, err := platform.Listen(bad); err == nil {
			l.Close()
			t.Errorf("Listen(%q) succeeded", bad)
		}
	}
}

func httpGet(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
