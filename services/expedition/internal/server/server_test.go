package server_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/grpc/test/bufconn"
	"google.golang.org/protobuf/testing/protocmp"

	expeditionv1 "github.com/kanto-api/kanto/gen/go/kanto/expedition/v1"
	geov1 "github.com/kanto-api/kanto/gen/go/kanto/geo/v1"
	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
	routeplannerv1 "github.com/kanto-api/kanto/gen/go/kanto/routeplanner/v1"
	"github.com/kanto-api/kanto/services/expedition/internal/server"
)

// bound caps every wait in these tests, so a broken cancellation fails a
// test instead of hanging it.
const bound = 5 * time.Second

type fakePlanner struct {
	GetRoutesFn func(ctx context.Context, req *routeplannerv1.GetRoutesRequest) (*routeplannerv1.GetRoutesResponse, error)
}

func (f *fakePlanner) GetRoutes(ctx context.Context, req *routeplannerv1.GetRoutesRequest, _ ...grpc.CallOption) (*routeplannerv1.GetRoutesResponse, error) {
	return f.GetRoutesFn(ctx, req)
}

type fakePokedex struct {
	ListEncountersFn func(ctx context.Context, req *pokedexv1.ListEncountersRequest) (*pokedexv1.ListEncountersResponse, error)
}

func (f *fakePokedex) ListEncounters(ctx context.Context, req *pokedexv1.ListEncountersRequest, _ ...grpc.CallOption) (*pokedexv1.ListEncountersResponse, error) {
	return f.ListEncountersFn(ctx, req)
}

// start serves the handlers over bufconn and returns a client.
func start(t *testing.T, planner server.RoutePlanner, pokedex server.Pokedex, opts ...server.Option) expeditionv1.ExpeditionServiceClient {
	t.Helper()
	opts = append([]server.Option{server.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil)))}, opts...)
	handlers, err := server.New(planner, pokedex, opts...)
	if err != nil {
		t.Fatal(err)
	}
	lis := bufconn.Listen(1 << 20)
	srv := grpc.NewServer()
	expeditionv1.RegisterExpeditionServiceServer(srv, handlers)
	go func() { _ = srv.Serve(lis) }()
	t.Cleanup(srv.Stop)
	conn, err := grpc.NewClient("passthrough:///bufnet",
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) { return lis.DialContext(ctx) }),
		grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return expeditionv1.NewExpeditionServiceClient(conn)
}

func route(places ...string) *routeplannerv1.Route {
	r := &routeplannerv1.Route{DistanceKm: float64(len(places))}
	for _, p := range places {
		r.Waypoints = append(r.Waypoints, &routeplannerv1.Waypoint{Place: &geov1.PlaceRef{PlaceId: p}, Name: p})
	}
	return r
}

func encounter(place string) *pokedexv1.Encounter {
	return &pokedexv1.Encounter{PlaceId: place, Pokemon: &pokedexv1.Pokemon{Name: "mon-of-" + place}, RatePercent: 50}
}

// echoPokedex answers with one encounter per place asked.
func echoPokedex() *fakePokedex {
	return &fakePokedex{ListEncountersFn: func(_ context.Context, req *pokedexv1.ListEncountersRequest) (*pokedexv1.ListEncountersResponse, error) {
		resp := &pokedexv1.ListEncountersResponse{}
		for _, p := range req.GetPlaceIds() {
			resp.Encounters = append(resp.Encounters, encounter(p))
		}
		return resp, nil
	}}
}

func routesPlanner(routes ...*routeplannerv1.Route) *fakePlanner {
	return &fakePlanner{GetRoutesFn: func(context.Context, *routeplannerv1.GetRoutesRequest) (*routeplannerv1.GetRoutesResponse, error) {
		return &routeplannerv1.GetRoutesResponse{Routes: routes}, nil
	}}
}

func planRequest() *expeditionv1.PlanExpeditionRequest {
	return &expeditionv1.PlanExpeditionRequest{Origin: &geov1.PlaceRef{PlaceId: "a"}, Destination: &geov1.PlaceRef{PlaceId: "z"}}
}

func streamRequest() *expeditionv1.StreamExpeditionRequest {
	return &expeditionv1.StreamExpeditionRequest{Origin: &geov1.PlaceRef{PlaceId: "a"}, Destination: &geov1.PlaceRef{PlaceId: "z"}}
}

func TestPlanExpeditionRanksPlansBestFirst(t *testing.T) {
	t.Parallel()
	routes := []*routeplannerv1.Route{route("a", "b", "z"), route("a", "c", "z"), route("a", "d", "e", "z")}
	var (
		mu    sync.Mutex // guards asked, written by concurrent fake calls
		asked []*routeplannerv1.GetRoutesRequest
	)
	planner := &fakePlanner{GetRoutesFn: func(_ context.Context, req *routeplannerv1.GetRoutesRequest) (*routeplannerv1.GetRoutesResponse, error) {
		mu.Lock()
		asked = append(asked, req)
		mu.Unlock()
		// Answers more routes than asked for, which must not widen the plan.
		return &routeplannerv1.GetRoutesResponse{Routes: routes}, nil
	}}
	client := start(t, planner, echoPokedex())

	resp, err := client.PlanExpedition(t.Context(), planRequest())
	if err != nil {
		t.Fatal(err)
	}
	var want []*expeditionv1.ExpeditionPlan
	for i, r := range routes {
		p := &expeditionv1.ExpeditionPlan{Route: r, Rank: int32(i)}
		for _, w := range r.GetWaypoints() {
			p.Encounters = append(p.Encounters, encounter(w.GetPlace().GetPlaceId()))
		}
		want = append(want, p)
	}
	if diff := cmp.Diff(&expeditionv1.PlanExpeditionResponse{Plans: want}, resp, protocmp.Transform()); diff != "" {
		t.Errorf("PlanExpedition (-want +got):\n%s", diff)
	}

	req := planRequest()
	req.MaxRoutes = 2
	resp, err = client.PlanExpedition(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.GetPlans()) != 2 {
		t.Errorf("max_routes 2 gave %d plans", len(resp.GetPlans()))
	}
	mu.Lock()
	defer mu.Unlock()
	// A zero goes on as it is: the route planner's default applies.
	if got := []int32{asked[0].GetMaxRoutes(), asked[1].GetMaxRoutes()}; !slices.Equal(got, []int32{0, 2}) {
		t.Errorf("asked the planner for max_routes %v, want [0 2]", got)
	}
}

func TestLongRoutesAreAskedInBatches(t *testing.T) {
	t.Parallel()
	var places []string
	for i := range server.MaxPlacesPerCall + 6 {
		places = append(places, fmt.Sprintf("p%d", i))
	}
	long := route(append(places, "p3")...) // a repeated place is asked once
	var (
		mu      sync.Mutex // guards batches
		batches [][]string
	)
	echo := echoPokedex()
	pokedex := &fakePokedex{ListEncountersFn: func(ctx context.Context, req *pokedexv1.ListEncountersRequest) (*pokedexv1.ListEncountersResponse, error) {
		mu.Lock()
		batches = append(batches, req.GetPlaceIds())
		mu.Unlock()
		return echo.ListEncountersFn(ctx, req)
	}}
	resp, err := start(t, routesPlanner(long), pokedex).PlanExpedition(t.Context(), planRequest())
	if err != nil {
		t.Fatal(err)
	}
	if want := [][]string{places[:server.MaxPlacesPerCall], places[server.MaxPlacesPerCall:]}; !cmp.Equal(batches, want) {
		t.Errorf("ListEncounters batches = %v, want %v", batches, want)
	}
	var got []string
	for _, e := range resp.GetPlans()[0].GetEncounters() {
		got = append(got, e.GetPlaceId())
	}
	if !slices.Equal(got, places) {
		t.Errorf("encounters of places %v, want route order %v", got, places)
	}
}

func TestStreamExpeditionSendsEachPlanWhenReady(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	echo := echoPokedex()
	pokedex := &fakePokedex{ListEncountersFn: func(ctx context.Context, req *pokedexv1.ListEncountersRequest) (*pokedexv1.ListEncountersResponse, error) {
		if slices.Contains(req.GetPlaceIds(), "slow") {
			select {
			case <-release:
			case <-ctx.Done():
				return nil, status.FromContextError(ctx.Err()).Err()
			}
		}
		return echo.ListEncountersFn(ctx, req)
	}}
	client := start(t, routesPlanner(route("a", "slow", "z"), route("a", "fast", "z")), pokedex)
	ctx, cancel := context.WithTimeout(t.Context(), bound)
	defer cancel()
	stream, err := client.StreamExpedition(ctx, streamRequest())
	if err != nil {
		t.Fatal(err)
	}
	// The best route's encounters are held back: the second route's plan
	// must arrive first, while the first is still being looked up.
	first, err := stream.Recv()
	if err != nil {
		t.Fatal(err)
	}
	if first.GetPlan().GetRank() != 1 {
		t.Fatalf("first plan has rank %d, want 1 (the one not held back)", first.GetPlan().GetRank())
	}
	close(release)
	second, err := stream.Recv()
	if err != nil {
		t.Fatal(err)
	}
	if second.GetPlan().GetRank() != 0 || len(second.GetPlan().GetEncounters()) != 3 {
		t.Errorf("second plan = %v, want rank 0 with 3 encounters", second.GetPlan())
	}
	if _, err := stream.Recv(); !errors.Is(err, io.EOF) {
		t.Errorf("after two plans: %v, want EOF", err)
	}
}

// blockingPokedex returns a fake whose calls for places in failPlace fail
// with failCode once every other call has started; the other calls block
// until their context ends and report how it ended on ended.
func blockingPokedex(failPlace string, failCode codes.Code, others int, ended chan<- error) *fakePokedex {
	started := make(chan struct{}, others)
	return &fakePokedex{ListEncountersFn: func(ctx context.Context, req *pokedexv1.ListEncountersRequest) (*pokedexv1.ListEncountersResponse, error) {
		if slices.Contains(req.GetPlaceIds(), failPlace) {
			for range others {
				select {
				case <-started:
				case <-ctx.Done():
					return nil, status.FromContextError(ctx.Err()).Err()
				}
			}
			return nil, status.Error(failCode, "injected")
		}
		started <- struct{}{}
		<-ctx.Done()
		ended <- ctx.Err()
		return nil, status.FromContextError(ctx.Err()).Err()
	}}
}

func TestFailingCallCancelsItsSiblings(t *testing.T) {
	t.Parallel()
	ended := make(chan error, 2)
	pokedex := blockingPokedex("bad", codes.Unavailable, 2, ended)
	client := start(t, routesPlanner(route("a", "b1", "z"), route("a", "bad", "z"), route("a", "b2", "z")), pokedex)
	ctx, cancel := context.WithTimeout(t.Context(), bound)
	defer cancel()
	_, err := client.PlanExpedition(ctx, planRequest())
	if st := status.Convert(err); st.Code() != codes.Unavailable || !strings.Contains(st.Message(), "Pokédex") {
		t.Errorf("err = %v, want UNAVAILABLE naming the Pokédex", err)
	}
	for range 2 {
		select {
		case err := <-ended:
			if !errors.Is(err, context.Canceled) {
				t.Errorf("sibling call ended with %v, want context.Canceled", err)
			}
		case <-time.After(bound):
			t.Fatal("a sibling call was not cancelled")
		}
	}
}

func TestCallerCancelReachesEveryDownstreamCall(t *testing.T) {
	t.Parallel()
	for _, rpc := range []string{"PlanExpedition", "StreamExpedition"} {
		t.Run(rpc, func(t *testing.T) {
			t.Parallel()
			ended := make(chan error, 3)
			started := make(chan struct{}, 3)
			pokedex := &fakePokedex{ListEncountersFn: func(ctx context.Context, _ *pokedexv1.ListEncountersRequest) (*pokedexv1.ListEncountersResponse, error) {
				started <- struct{}{}
				<-ctx.Done()
				ended <- ctx.Err()
				return nil, status.FromContextError(ctx.Err()).Err()
			}}
			client := start(t, routesPlanner(route("a", "b", "z"), route("a", "c", "z"), route("a", "d", "z")), pokedex)
			ctx, cancel := context.WithTimeout(t.Context(), bound)
			defer cancel()
			callCtx, cancelCall := context.WithCancel(ctx)
			result := make(chan error, 1)
			go func() {
				if rpc == "PlanExpedition" {
					_, err := client.PlanExpedition(callCtx, planRequest())
					result <- err
					return
				}
				stream, err := client.StreamExpedition(callCtx, streamRequest())
				if err == nil {
					_, err = stream.Recv()
				}
				result <- err
			}()
			for range 3 {
				select {
				case <-started:
				case <-ctx.Done():
					t.Fatal("the Pokédex calls did not all start")
				}
			}
			cancelCall()
			if err := <-result; status.Code(err) != codes.Canceled {
				t.Errorf("client got %v, want CANCELLED", err)
			}
			for range 3 {
				select {
				case err := <-ended:
					if !errors.Is(err, context.Canceled) {
						t.Errorf("downstream call ended with %v, want context.Canceled", err)
					}
				case <-ctx.Done():
					t.Fatal("the client's cancel did not reach every downstream call")
				}
			}
		})
	}
}

func TestDeadlineIsPassedOnNeverExtended(t *testing.T) {
	t.Parallel()
	type seen struct {
		deadline time.Time
		ok       bool
	}
	deadlines := make(chan seen, 4)
	planner := routesPlanner(route("a", "b", "z"))
	recording := &fakePlanner{GetRoutesFn: func(ctx context.Context, req *routeplannerv1.GetRoutesRequest) (*routeplannerv1.GetRoutesResponse, error) {
		d, ok := ctx.Deadline()
		deadlines <- seen{d, ok}
		return planner.GetRoutesFn(ctx, req)
	}}
	echo := echoPokedex()
	pokedex := &fakePokedex{ListEncountersFn: func(ctx context.Context, req *pokedexv1.ListEncountersRequest) (*pokedexv1.ListEncountersResponse, error) {
		d, ok := ctx.Deadline()
		deadlines <- seen{d, ok}
		return echo.ListEncountersFn(ctx, req)
	}}
	client := start(t, recording, pokedex)

	deadline := time.Now().Add(3 * time.Second)
	ctx, cancel := context.WithDeadline(t.Context(), deadline)
	defer cancel()
	if _, err := client.PlanExpedition(ctx, planRequest()); err != nil {
		t.Fatal(err)
	}
	for _, hop := range []string{"GetRoutes", "ListEncounters"} {
		s := <-deadlines
		// gRPC re-bases the deadline on the receiver's clock as now plus
		// the remaining timeout, so it may trail by the transit time.
		if !s.ok || s.deadline.After(deadline.Add(50*time.Millisecond)) || s.deadline.Before(deadline.Add(-time.Second)) {
			t.Errorf("%s saw deadline %v (set %v), want the caller's %v", hop, s.deadline, s.ok, deadline)
		}
	}

	// A call without a deadline gets none invented for it downstream.
	if _, err := client.PlanExpedition(t.Context(), planRequest()); err != nil {
		t.Fatal(err)
	}
	for _, hop := range []string{"GetRoutes", "ListEncounters"} {
		if s := <-deadlines; s.ok {
			t.Errorf("%s got a deadline %v the caller did not set", hop, s.deadline)
		}
	}
}

func TestMinHopBudget(t *testing.T) {
	t.Parallel()
	const minBudget = 100 * time.Millisecond
	t.Run("too little left before the route planner", func(t *testing.T) {
		t.Parallel()
		planner := &fakePlanner{GetRoutesFn: func(context.Context, *routeplannerv1.GetRoutesRequest) (*routeplannerv1.GetRoutesResponse, error) {
			t.Error("the route planner was called although the budget was below the minimum")
			return &routeplannerv1.GetRoutesResponse{}, nil
		}}
		client := start(t, planner, echoPokedex(), server.WithMinHopBudget(minBudget))
		ctx, cancel := context.WithTimeout(t.Context(), minBudget/2)
		defer cancel()
		_, err := client.PlanExpedition(ctx, planRequest())
		if st := status.Convert(err); st.Code() != codes.DeadlineExceeded {
			t.Errorf("err = %v, want DEADLINE_EXCEEDED", err)
		}
	})
	t.Run("too little left after the route planner", func(t *testing.T) {
		t.Parallel()
		// The planner takes 60ms of a 150ms deadline: less than the 100ms
		// minimum is left for the Pokédex, which must not be called.
		planner := &fakePlanner{GetRoutesFn: func(ctx context.Context, _ *routeplannerv1.GetRoutesRequest) (*routeplannerv1.GetRoutesResponse, error) {
			select {
			case <-time.After(60 * time.Millisecond): // the planner's work
			case <-ctx.Done():
			}
			return &routeplannerv1.GetRoutesResponse{Routes: []*routeplannerv1.Route{route("a", "b", "z")}}, nil
		}}
		pokedex := &fakePokedex{ListEncountersFn: func(context.Context, *pokedexv1.ListEncountersRequest) (*pokedexv1.ListEncountersResponse, error) {
			t.Error("the Pokédex was called although the budget left was below the minimum")
			return &pokedexv1.ListEncountersResponse{}, nil
		}}
		client := start(t, planner, pokedex, server.WithMinHopBudget(minBudget))
		ctx, cancel := context.WithTimeout(t.Context(), 150*time.Millisecond)
		defer cancel()
		_, err := client.PlanExpedition(ctx, planRequest())
		if st := status.Convert(err); st.Code() != codes.DeadlineExceeded || !strings.Contains(st.Message(), "minimum") {
			t.Errorf("err = %v, want DEADLINE_EXCEEDED naming the minimum", err)
		}
	})
}

func TestDownstreamErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		plannerErr  error
		pokedexErr  error
		want        codes.Code
		wantMessage string
		notInMsg    string
	}{
		{name: "unknown place passes through", plannerErr: status.Error(codes.NotFound, `origin: place "nowhere" is not on the map`), want: codes.NotFound, wantMessage: "nowhere"},
		{name: "planner down", plannerErr: status.Error(codes.Unavailable, "connection refused"), want: codes.Unavailable, wantMessage: "route planner is unavailable", notInMsg: "refused"},
		{name: "planner overloaded", plannerErr: status.Error(codes.ResourceExhausted, "too many calls"), want: codes.Unavailable, wantMessage: "route planner"},
		{name: "planner bug", plannerErr: status.Error(codes.Internal, "secret stack trace"), want: codes.Internal, wantMessage: "route planner failed", notInMsg: "secret"},
		{name: "planner ran out of its own time", plannerErr: status.Error(codes.DeadlineExceeded, "budget below minimum"), want: codes.DeadlineExceeded, wantMessage: "route planner"},
		{name: "planner cancelled", plannerErr: status.Error(codes.Canceled, "shutting down"), want: codes.Canceled},
		{name: "planner rejects our request", plannerErr: status.Error(codes.InvalidArgument, "max_routes"), want: codes.Internal},
		{name: "Pokédex not found is not passed through", pokedexErr: status.Error(codes.NotFound, "no such place"), want: codes.Internal, wantMessage: "Pokédex failed"},
		{name: "Pokédex down", pokedexErr: status.Error(codes.Unavailable, "no route to host"), want: codes.Unavailable, wantMessage: "Pokédex is unavailable"},
		{name: "Pokédex ran out of its own time", pokedexErr: status.Error(codes.DeadlineExceeded, "slow"), want: codes.DeadlineExceeded, wantMessage: "Pokédex"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			planner := routesPlanner(route("a", "b", "z"))
			if tt.plannerErr != nil {
				planner = &fakePlanner{GetRoutesFn: func(context.Context, *routeplannerv1.GetRoutesRequest) (*routeplannerv1.GetRoutesResponse, error) {
					return nil, tt.plannerErr
				}}
			}
			pokedex := echoPokedex()
			if tt.pokedexErr != nil {
				pokedex = &fakePokedex{ListEncountersFn: func(context.Context, *pokedexv1.ListEncountersRequest) (*pokedexv1.ListEncountersResponse, error) {
					return nil, tt.pokedexErr
				}}
			}
			client := start(t, planner, pokedex)
			for _, call := range []func() error{
				func() error { _, err := client.PlanExpedition(t.Context(), planRequest()); return err },
				func() error {
					stream, err := client.StreamExpedition(t.Context(), streamRequest())
					if err == nil {
						_, err = stream.Recv()
					}
					return err
				},
			} {
				st := status.Convert(call())
				if st.Code() != tt.want || !strings.Contains(st.Message(), tt.wantMessage) || (tt.notInMsg != "" && strings.Contains(st.Message(), tt.notInMsg)) {
					t.Errorf("got %v %q, want %v containing %q and not %q", st.Code(), st.Message(), tt.want, tt.wantMessage, tt.notInMsg)
				}
			}
		})
	}
}

func TestNew(t *testing.T) {
	t.Parallel()
	planner, pokedex := routesPlanner(), echoPokedex()
	for name, build := range map[string]func() (expeditionv1.ExpeditionServiceServer, error){
		"nil planner": func() (expeditionv1.ExpeditionServiceServer, error) { return server.New(nil, pokedex) },
		"nil Pokédex": func() (expeditionv1.ExpeditionServiceServer, error) { return server.New(planner, nil) },
		"nil logger": func() (expeditionv1.ExpeditionServiceServer, error) {
			return server.New(planner, pokedex, server.WithLogger(nil))
		},
		"negative budget": func() (expeditionv1.ExpeditionServiceServer, error) {
			return server.New(planner, pokedex, server.WithMinHopBudget(-time.Second))
		},
	} {
		if _, err := build(); err == nil {
			t.Errorf("New with %s: no error", name)
		}
	}
}
