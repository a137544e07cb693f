package app_test

import (
	"context"
	"log/slog"
	"net"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	expeditionv1 "github.com/kanto-api/kanto/gen/go/kanto/expedition/v1"
	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
	"github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1/pokedexv1kanto"
	routeplannerv1 "github.com/kanto-api/kanto/gen/go/kanto/routeplanner/v1"
	"github.com/kanto-api/kanto/gen/go/kanto/routeplanner/v1/routeplannerv1kanto"
	kanto "github.com/kanto-api/kanto/sdk/go"
	"github.com/kanto-api/kanto/services/platform"
	"github.com/kanto-api/kanto/services/platform/faults"
)

// naiveHop is an expedition hop built the way the talk's first two
// strategies work, for contrast: it does NOT propagate its caller's
// deadline. Every call it makes gets a fresh timeout of its own, started
// from context.Background when the call is made, so neither the caller's
// deadline nor its cancellation travels on. Only the request id does, so
// the logs can be followed.
type naiveHop struct {
	expeditionv1.UnimplementedExpeditionServiceServer

	planner        routeplannerv1.RoutePlannerServiceClient
	pokedex        pokedexv1.PokemonServiceClient
	plannerTimeout time.Duration
	pokedexTimeout time.Duration
}

// PlanExpedition calls the route planner, then the Pokédex once per route,
// each with its own fixed timeout.
func (h *naiveHop) PlanExpedition(ctx context.Context, req *expeditionv1.PlanExpeditionRequest) (*expeditionv1.PlanExpeditionResponse, error) {
	detached := platform.NewContextWithRequestID(context.Background(), platform.RequestIDFromContext(ctx))
	plannerCtx, cancel := context.WithTimeout(detached, h.plannerTimeout)
	defer cancel()
	routes, err := h.planner.GetRoutes(plannerCtx, &routeplannerv1.GetRoutesRequest{Origin: req.GetOrigin(), Destination: req.GetDestination(), MaxRoutes: req.GetMaxRoutes()})
	if err != nil {
		return nil, err
	}
	resp := &expeditionv1.PlanExpeditionResponse{}
	for rank, route := range routes.GetRoutes() {
		var places []string
		for _, w := range route.GetWaypoints() {
			places = append(places, w.GetPlace().GetPlaceId())
		}
		encounters, err := h.listEncounters(detached, places)
		if err != nil {
			return nil, err
		}
		resp.Plans = append(resp.Plans, &expeditionv1.ExpeditionPlan{Route: route, Encounters: encounters, Rank: int32(rank)})
	}
	return resp, nil
}

func (h *naiveHop) listEncounters(detached context.Context, places []string) ([]*pokedexv1.Encounter, error) {
	ctx, cancel := context.WithTimeout(detached, h.pokedexTimeout)
	defer cancel()
	resp, err := h.pokedex.ListEncounters(ctx, &pokedexv1.ListEncountersRequest{PlaceIds: places})
	return resp.GetEncounters(), err
}

// startNaiveHop serves a naiveHop in the test process, on the shared
// platform (so it logs its calls and may have faults injected like the
// real services), calling the chain's route planner and Pokédex through
// the platform's connections, as the real expedition does.
func startNaiveHop(t *testing.T, c *chain, spec string, plannerTimeout, pokedexTimeout time.Duration) (*service, expeditionv1.ExpeditionServiceClient) {
	t.Helper()
	logs := newLogStream()
	logger := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})).With("service", "naive-hop")
	upstreams := platform.NewUpstreamConfig(pokedexv1kanto.PokemonServiceInfo, routeplannerv1kanto.RoutePlannerServiceInfo)
	upstreams.Targets[pokedexv1kanto.PokemonServiceInfo.Name] = c.pokedex.addr
	upstreams.Targets[routeplannerv1kanto.RoutePlannerServiceInfo.Name] = c.planner.addr
	// Connected up front, like the expedition's after the warm-up.
	dial := func(info kanto.ServiceInfo) *grpc.ClientConn {
		conn, err := upstreams.Dial(info, logger)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { conn.Close() })
		waitConnected(t, conn)
		return conn
	}
	hop := &naiveHop{
		planner:        routeplannerv1.NewRoutePlannerServiceClient(dial(routeplannerv1kanto.RoutePlannerServiceInfo)),
		pokedex:        pokedexv1.NewPokemonServiceClient(dial(pokedexv1kanto.PokemonServiceInfo)),
		plannerTimeout: plannerTimeout,
		pokedexTimeout: pokedexTimeout,
	}
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cfg := platform.DefaultServerConfig("", "")
	cfg.GRPCListener = lis
	cfg.DrainTimeout = time.Second
	var opts []platform.Option
	if spec != "" {
		f, err := faults.Parse(spec)
		if err != nil {
			t.Fatal(err)
		}
		opts = append(opts, platform.WithFaultInjector(f))
	}
	srv, err := platform.NewServer(cfg, logger, opts...)
	if err != nil {
		t.Fatal(err)
	}
	srv.RegisterService(&expeditionv1.ExpeditionService_ServiceDesc, hop)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("naive hop: %v", err)
		}
		if t.Failed() {
			logs.dump(t, "naive-hop")
		}
	})
	s := &service{name: "naive-hop", addr: lis.Addr().String(), logs: logs}
	s.conn = connect(t, s.addr)
	client := expeditionv1.NewExpeditionServiceClient(s.conn)

	// The first request of each type compiles its validation rules, which
	// in a race-instrumented test binary under load can take longer than
	// a scenario's budget. An invalid request (origin equals destination)
	// compiles them without calling anyone.
	warmCtx, cancelWarm := context.WithTimeout(t.Context(), waitBound)
	defer cancelWarm()
	invalid := planRequest()
	invalid.Destination = invalid.GetOrigin()
	if _, err := client.PlanExpedition(warmCtx, invalid); status.Code(err) != codes.InvalidArgument {
		t.Fatalf("naive hop warm-up: %v, want INVALID_ARGUMENT", err)
	}
	return s, client
}
