package platform_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
	"github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1/pokedexv1kanto"
	"github.com/kanto-api/kanto/services/platform"
	"github.com/kanto-api/kanto/services/platform/faults"
	"google.golang.org/grpc/codes"
	healthgrpc "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"
)

func mustFaults(t *testing.T, spec string) *faults.Faults {
	t.Helper()
	f, err := faults.Parse(spec)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestInjectedFaults(t *testing.T) {
	t.Parallel()
	handled := make(chan struct{}, 10)
	h := start(t, testConfig(), &fakePokedex{
		GetPokemonFn: func(context.Context, *pokedexv1.GetPokemonRequest) (*pokedexv1.GetPokemonResponse, error) {
			handled <- struct{}{}
			return &pokedexv1.GetPokemonResponse{}, nil
		},
	}, &fakePlanner{}, platform.WithFaultInjector(mustFaults(t, "GetPokemon=150ms,DeletePokemon=UNAVAILABLE")))
	client := pokedexv1.NewPokemonServiceClient(h.conn)

	t.Run("latency delays the call", func(t *testing.T) {
		start := time.Now()
		if _, err := client.GetPokemon(t.Context(), &pokedexv1.GetPokemonRequest{Id: 1}); err != nil {
			t.Fatal(err)
		}
		if elapsed := time.Since(start); elapsed < 150*time.Millisecond {
			t.Errorf("call took %v, want at least the injected 150ms", elapsed)
		}
		<-handled
	})
	t.Run("latency longer than the deadline never reaches the handler", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
		defer cancel()
		_, err := client.GetPokemon(ctx, &pokedexv1.GetPokemonRequest{Id: 1})
		if status.Code(err) != codes.DeadlineExceeded {
			t.Fatalf("err = %v, want DeadlineExceeded", err)
		}
		// Another call must be the next to reach the handler.
		if _, err := client.GetPokemon(t.Context(), &pokedexv1.GetPokemonRequest{Id: 1}); err != nil {
			t.Fatal(err)
		}
		<-handled
		select {
		case <-handled:
			t.Error("the timed-out call reached the handler")
		default:
		}
	})
	t.Run("errors are injected", func(t *testing.T) {
		_, err := client.DeletePokemon(t.Context(), &pokedexv1.DeletePokemonRequest{Id: 1})
		if status.Code(err) != codes.Unavailable {
			t.Errorf("err = %v, want Unavailable", err)
		}
	})
}

// TestReadinessCheck drives a readiness check by hand: health, on gRPC
// and on /healthz, follows it both ways.
func TestReadinessCheck(t *testing.T) {
	t.Parallel()
	var down atomic.Bool
	down.Store(true) // not ready at start: the server must not say SERVING
	mlis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cfg := testConfig()
	cfg.MetricsListener = mlis
	check := func(context.Context) error {
		if down.Load() {
			return io.ErrUnexpectedEOF // any error: the database is away, say
		}
		return nil
	}
	h := start(t, cfg, &fakePokedex{}, &fakePlanner{}, platform.WithReadinessCheck(check, 5*time.Millisecond))
	healthz := func() int {
		resp, err := http.Get("http://" + mlis.Addr().String() + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}

	watch, err := healthgrpc.NewHealthClient(h.conn).Watch(t.Context(), &healthgrpc.HealthCheckRequest{Service: "kanto.pokedex.v1.PokemonService"})
	if err != nil {
		t.Fatal(err)
	}
	next := func(want healthgrpc.HealthCheckResponse_ServingStatus) {
		t.Helper()
		for {
			resp, err := watch.Recv()
			if err != nil {
				t.Fatal(err)
			}
			if resp.GetStatus() == want {
				return
			}
		}
	}
	// Never SERVING before the check passed, not even for a moment.
	if first, err := watch.Recv(); err != nil || first.GetStatus() != healthgrpc.HealthCheckResponse_NOT_SERVING {
		t.Fatalf("first health status %v (%v), want NOT_SERVING", first.GetStatus(), err)
	}
	if code := healthz(); code != http.StatusServiceUnavailable {
		t.Errorf("/healthz while not ready: %d, want 503", code)
	}
	down.Store(false)
	next(healthgrpc.HealthCheckResponse_SERVING)
	if code := healthz(); code != http.StatusOK {
		t.Errorf("/healthz once ready: %d, want 200", code)
	}
	down.Store(true)
	next(healthgrpc.HealthCheckResponse_NOT_SERVING)
	down.Store(false)
	next(healthgrpc.HealthCheckResponse_SERVING)

	if _, err := platform.NewServer(testConfig(), nil, platform.WithReadinessCheck(check, 0)); err == nil {
		t.Error("NewServer accepted a readiness check without an interval")
	}
}

// TestUpstreamDial calls a service through Dial and the generated client:
// the callee's service config retries UNAVAILABLE, and every attempt
// carries the caller's request id.
func TestUpstreamDial(t *testing.T) {
	t.Parallel()
	h := start(t, testConfig(), &fakePokedex{GetPokemonFn: func(_ context.Context, req *pokedexv1.GetPokemonRequest) (*pokedexv1.GetPokemonResponse, error) {
		return &pokedexv1.GetPokemonResponse{Pokemon: &pokedexv1.Pokemon{Id: req.GetId()}}, nil
	}}, &fakePlanner{}, platform.WithFaultInjector(mustFaults(t, "GetPokemon=UNAVAILABLE#2")))
	upstreams := platform.NewUpstreamConfig(pokedexv1kanto.PokemonServiceInfo)
	if got := upstreams.Targets[pokedexv1kanto.PokemonServiceInfo.Name]; got != pokedexv1kanto.PokemonServiceInfo.DefaultTarget {
		t.Errorf("default target %q, want the schema's %q", got, pokedexv1kanto.PokemonServiceInfo.DefaultTarget)
	}
	upstreams.Targets[pokedexv1kanto.PokemonServiceInfo.Name] = h.addr
	callerLogs := &syncBuffer{}
	conn, err := upstreams.Dial(pokedexv1kanto.PokemonServiceInfo, newDebugLogger(callerLogs))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()

	ctx, cancel := context.WithTimeout(platform.NewContextWithRequestID(t.Context(), "hop-7"), 5*time.Second)
	defer cancel()
	resp, err := pokedexv1kanto.NewPokemonClient(conn).GetPokemon(ctx, &pokedexv1.GetPokemonRequest{Id: 25})
	if err != nil || resp.GetPokemon().GetId() != 25 {
		t.Fatalf("GetPokemon = %v, %v; want #25 after two retried UNAVAILABLE answers", resp, err)
	}
	var codes []string
	for _, l := range h.logs.rpcLines(t) {
		if l["request_id"] != "hop-7" {
			t.Errorf("a call logged request id %v, want hop-7", l["request_id"])
		}
		codes = append(codes, l["code"].(string))
	}
	if len(codes) != 3 || codes[2] != "OK" {
		t.Errorf("the service logged %v, want UNAVAILABLE twice, then OK", codes)
	}
	down := callerLogs.lines(t, "downstream call")
	if len(down) != 1 || down[0]["request_id"] != "hop-7" || down[0]["code"] != "OK" || down[0]["deadline_budget"] == nil {
		t.Errorf("the caller logged %v, want one downstream call with the request id, OK and its deadline budget", down)
	}
}
