package server_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"math"
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/testing/protocmp"
	"google.golang.org/protobuf/types/known/timestamppb"

	geov1 "github.com/kanto-api/kanto/gen/go/kanto/geo/v1"
	routeplannerv1 "github.com/kanto-api/kanto/gen/go/kanto/routeplanner/v1"
	"github.com/kanto-api/kanto/services/kantomap"
	"github.com/kanto-api/kanto/services/routeplanner/internal/conditions"
	"github.com/kanto-api/kanto/services/routeplanner/internal/geo"
	"github.com/kanto-api/kanto/services/routeplanner/internal/graph"
	"github.com/kanto-api/kanto/services/routeplanner/internal/planner"
	"github.com/kanto-api/kanto/services/routeplanner/internal/server"
)

var t0 = time.Date(1996, 2, 27, 9, 0, 0, 0, time.UTC)

type env struct {
	client routeplannerv1.RoutePlannerServiceClient
	source *conditions.Manual
	// streamErrs receives what each streaming handler returned, so tests
	// can check how the server, not just the client, ended a stream.
	streamErrs chan error
}

// start serves the Kanto map on a real gRPC server on 127.0.0.1:0, with a
// manual conditions source the test drives.
func start(t *testing.T, opts ...server.Option) *env {
	t.Helper()
	g, err := graph.FromKantoMap()
	if err != nil {
		t.Fatal(err)
	}
	p, err := planner.New(g)
	if err != nil {
		t.Fatal(err)
	}
	e := &env{source: conditions.NewManual(t0), streamErrs: make(chan error, 16)}
	svc, err := server.New(p, e.source, slog.New(slog.DiscardHandler), opts...)
	if err != nil {
		t.Fatal(err)
	}
	srv := grpc.NewServer(grpc.ChainStreamInterceptor(func(srv any, ss grpc.ServerStream, _ *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
		err := handler(srv, ss)
		e.streamErrs <- err
		return err
	}))
	routeplannerv1.RegisterRoutePlannerServiceServer(srv, svc)
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(lis)
	t.Cleanup(srv.Stop)
	conn, err := grpc.NewClient(lis.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	e.client = routeplannerv1.NewRoutePlannerServiceClient(conn)
	return e
}

func ref(id string) *geov1.PlaceRef { return &geov1.PlaceRef{PlaceId: id} }

func place(t *testing.T, id string) kantomap.Place {
	t.Helper()
	p, ok := kantomap.PlaceByID(id)
	if !ok {
		t.Fatalf("no place %q", id)
	}
	return p
}

func at(t *testing.T, id string) *geov1.Location {
	p := place(t, id)
	return &geov1.Location{Latitude: p.Latitude, Longitude: p.Longitude}
}

func waypointIDs(r *routeplannerv1.Route) []string {
	var ids []string
	for _, w := range r.GetWaypoints() {
		ids = append(ids, w.GetPlace().GetPlaceId())
	}
	return ids
}

func wantCode(t *testing.T, err error, code codes.Code) *status.Status {
	t.Helper()
	st, _ := status.FromError(err)
	if st.Code() != code {
		t.Fatalf("error %v, want code %v", err, code)
	}
	return st
}

var palletToCerulean = []string{"pallet-town", "route-1", "viridian-city", "route-2", "pewter-city", "route-3", "mt-moon", "route-4", "cerulean-city"}

func TestGetRoutes(t *testing.T) {
	t.Parallel()
	e := start(t)
	edges := map[[2]string]kantomap.Edge{}
	for _, edge := range kantomap.Edges() {
		edges[[2]string{edge.From, edge.To}] = edge
		edges[[2]string{edge.To, edge.From}] = edge
	}

	t.Run("alternatives", func(t *testing.T) {
		t.Parallel()
		for _, tt := range []struct {
			maxRoutes int32
			want      int
		}{{0, 3}, {1, 1}, {3, 3}, {10, 10}} {
			resp, err := e.client.GetRoutes(t.Context(), &routeplannerv1.GetRoutesRequest{
				Origin: ref("pallet-town"), Destination: ref("cerulean-city"), MaxRoutes: tt.maxRoutes,
			})
			if err != nil {
				t.Fatal(err)
			}
			routes := resp.GetRoutes()
			if len(routes) != tt.want {
				t.Fatalf("max_routes %d: %d routes, want %d", tt.maxRoutes, len(routes), tt.want)
			}
			for i, r := range routes {
				ids := waypointIDs(r)
				if ids[0] != "pallet-town" || ids[len(ids)-1] != "cerulean-city" {
					t.Errorf("route %d runs %s→%s", i, ids[0], ids[len(ids)-1])
				}
				if len(slices.Compact(slices.Sorted(slices.Values(ids)))) != len(ids) {
					t.Errorf("route %d loops: %v", i, ids)
				}
				// Distance and time agree with the map's edges.
				var km, hours float64
				for j := 1; j < len(ids); j++ {
					edge, ok := edges[[2]string{ids[j-1], ids[j]}]
					if !ok {
						t.Fatalf("route %d: no edge %s–%s", i, ids[j-1], ids[j])
					}
					km += edge.DistanceKM
					hours += edge.DistanceKM * edge.Factor / kantomap.WalkingSpeedKMH
				}
				if math.Abs(r.GetDistanceKm()-km) > 1e-6 {
					t.Errorf("route %d: %v km, want %v", i, r.GetDistanceKm(), km)
				}
				if got := r.GetEstimatedDuration().AsDuration(); got != time.Duration(hours*float64(time.Hour)).Round(time.Second) {
					t.Errorf("route %d: %v, want %v h", i, got, hours)
				}
				if i > 0 {
					if r.GetEstimatedDuration().AsDuration() < routes[i-1].GetEstimatedDuration().AsDuration() {
						t.Errorf("route %d is faster than route %d", i, i-1)
					}
					for j := range i {
						if slices.Equal(waypointIDs(routes[j]), ids) {
							t.Errorf("routes %d and %d are the same", j, i)
						}
					}
				}
			}
			var want []*routeplannerv1.Waypoint
			for _, id := range palletToCerulean {
				p := place(t, id)
				want = append(want, &routeplannerv1.Waypoint{Place: ref(id), Name: p.Name, Location: at(t, id)})
			}
			if diff := cmp.Diff(want, routes[0].GetWaypoints(), protocmp.Transform()); diff != "" {
				t.Errorf("fastest route (-want +got):\n%s", diff)
			}
		}
	})

	t.Run("unknown place", func(t *testing.T) {
		t.Parallel()
		_, err := e.client.GetRoutes(t.Context(), &routeplannerv1.GetRoutesRequest{Origin: ref("pallet-town"), Destination: ref("new-bark-town")})
		st := wantCode(t, err, codes.NotFound)
		if !strings.Contains(st.Message(), `"new-bark-town"`) {
			t.Errorf("message %q does not name the place", st.Message())
		}
		want := &errdetails.ResourceInfo{ResourceType: "kanto.geo.v1.PlaceRef", ResourceName: "new-bark-town", Description: `no place with id "new-bark-town"`}
		if diff := cmp.Diff([]any{want}, st.Details(), protocmp.Transform()); diff != "" {
			t.Errorf("details (-want +got):\n%s", diff)
		}
	})

	t.Run("invalid", func(t *testing.T) {
		t.Parallel()
		for _, req := range []*routeplannerv1.GetRoutesRequest{
			{Origin: ref("pallet-town"), Destination: ref("pallet-town")},
			{Origin: ref("pallet-town")},
			{Origin: ref("pallet-town"), Destination: ref("cerulean-city"), MaxRoutes: 11},
		} {
			_, err := e.client.GetRoutes(t.Context(), req)
			wantCode(t, err, codes.InvalidArgument)
		}
	})
}

// TestGetRoutesNoRoute has a source of its own: it closes a place.
func TestGetRoutesNoRoute(t *testing.T) {
	t.Parallel()
	e := start(t)
	e.source.Set(t0, conditions.Condition{PlaceID: "route-24", Closed: true, Reason: "Nugget Bridge trainers"})
	_, err := e.client.GetRoutes(t.Context(), &routeplannerv1.GetRoutesRequest{Origin: ref("pallet-town"), Destination: ref("route-25")})
	st := wantCode(t, err, codes.NotFound)
	if !strings.Contains(st.Message(), "no route from Pallet Town to Route 25") {
		t.Errorf("message %q", st.Message())
	}
}

func TestWatchRoutes(t *testing.T) {
	t.Parallel()
	req := &routeplannerv1.WatchRoutesRequest{Origin: ref("pallet-town"), Destination: ref("cerulean-city")}

	t.Run("changes then cancel", func(t *testing.T) {
		t.Parallel()
		e := start(t)
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		stream, err := e.client.WatchRoutes(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		first, err := stream.Recv()
		if err != nil {
			t.Fatal(err)
		}
		if got := waypointIDs(first.GetRoute()); !slices.Equal(got, palletToCerulean) {
			t.Errorf("first route %v, want %v", got, palletToCerulean)
		}
		if len(first.GetConditions()) != 0 || !first.GetObserveTime().AsTime().Equal(t0) {
			t.Errorf("first message: conditions %v at %v", first.GetConditions(), first.GetObserveTime().AsTime())
		}

		// Congestion off the route changes nothing, so the next message
		// must come from the closure after it.
		e.source.Set(t0.Add(time.Minute), conditions.Condition{PlaceID: "route-25", CongestionFactor: 2, Reason: "Bill's visitors"})
		closed := conditions.Condition{PlaceID: "mt-moon", Closed: true, Reason: "Team Rocket is digging for fossils"}
		elsewhere := conditions.Condition{PlaceID: "route-29", Closed: true, Reason: "not on this map"}
		e.source.Set(t0.Add(time.Hour), closed, elsewhere)
		second, err := stream.Recv()
		if err != nil {
			t.Fatal(err)
		}
		if ids := waypointIDs(second.GetRoute()); slices.Contains(ids, "mt-moon") || ids[0] != "pallet-town" || ids[len(ids)-1] != "cerulean-city" {
			t.Errorf("route after closing Mt. Moon: %v", ids)
		}
		want := &routeplannerv1.WatchRoutesResponse{
			Route: second.GetRoute(),
			Conditions: []*routeplannerv1.Condition{
				{Place: ref("mt-moon"), Closed: true, CongestionFactor: 1, Reason: closed.Reason},
			},
			ObserveTime: timestamppb.New(t0.Add(time.Hour)),
		}
		if diff := cmp.Diff(want, second, protocmp.Transform()); diff != "" {
			t.Errorf("second message (-want +got):\n%s", diff)
		}

		// Reopening restores the original route.
		e.source.Set(t0.Add(2 * time.Hour))
		third, err := stream.Recv()
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(first.GetRoute(), third.GetRoute(), protocmp.Transform()); diff != "" {
			t.Errorf("route after reopening (-first +third):\n%s", diff)
		}

		cancel()
		_, err = stream.Recv()
		wantCode(t, err, codes.Canceled)
		wantCode(t, <-e.streamErrs, codes.Canceled)
	})

	t.Run("no route then reopened", func(t *testing.T) {
		t.Parallel()
		e := start(t)
		stream, err := e.client.WatchRoutes(t.Context(), &routeplannerv1.WatchRoutesRequest{Origin: ref("pallet-town"), Destination: ref("route-25")})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := stream.Recv(); err != nil {
			t.Fatal(err)
		}
		e.source.Set(t0, conditions.Condition{PlaceID: "route-24", Closed: true, Reason: "Nugget Bridge"})
		cut, err := stream.Recv()
		if err != nil {
			t.Fatal(err)
		}
		if cut.GetRoute() != nil || len(cut.GetConditions()) != 1 {
			t.Errorf("cut off: route %v, conditions %v; want no route and one condition", cut.GetRoute(), cut.GetConditions())
		}
		e.source.Set(t0)
		back, err := stream.Recv()
		if err != nil {
			t.Fatal(err)
		}
		if back.GetRoute() == nil {
			t.Error("no route after reopening")
		}
	})

	t.Run("deadline", func(t *testing.T) {
		t.Parallel()
		e := start(t)
		ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
		defer cancel()
		stream, err := e.client.WatchRoutes(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := stream.Recv(); err != nil {
			t.Fatal(err)
		}
		// Nothing changes: the next Recv returns when the deadline passes.
		_, err = stream.Recv()
		wantCode(t, err, codes.DeadlineExceeded)
		// The client's deadline usually resets the stream just before the
		// server's own timer fires, so the handler sees either.
		if code := status.Code(<-e.streamErrs); code != codes.DeadlineExceeded && code != codes.Canceled {
			t.Errorf("handler ended with %v, want DEADLINE_EXCEEDED or CANCELLED", code)
		}
	})

	t.Run("max updates", func(t *testing.T) {
		t.Parallel()
		e := start(t)
		stream, err := e.client.WatchRoutes(t.Context(), &routeplannerv1.WatchRoutesRequest{
			Origin: ref("pallet-town"), Destination: ref("cerulean-city"), MaxUpdates: 2,
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := stream.Recv(); err != nil {
			t.Fatal(err)
		}
		e.source.Set(t0, conditions.Condition{PlaceID: "route-3", CongestionFactor: 2, Reason: "trainers"})
		if _, err := stream.Recv(); err != nil {
			t.Fatal(err)
		}
		// Two updates sent: the stream ends with OK.
		if _, err := stream.Recv(); !errors.Is(err, io.EOF) {
			t.Errorf("after max_updates: %v, want EOF", err)
		}
		if err := <-e.streamErrs; err != nil {
			t.Errorf("handler returned %v, want nil", err)
		}
	})

	t.Run("unknown place", func(t *testing.T) {
		t.Parallel()
		e := start(t)
		stream, err := e.client.WatchRoutes(t.Context(), &routeplannerv1.WatchRoutesRequest{Origin: ref("lavender-tower"), Destination: ref("cerulean-city")})
		if err != nil {
			t.Fatal(err)
		}
		_, err = stream.Recv()
		wantCode(t, err, codes.NotFound)
	})
}

func TestRecordTrip(t *testing.T) {
	t.Parallel()
	e := start(t)

	t.Run("summary", func(t *testing.T) {
		t.Parallel()
		stream, err := e.client.RecordTrip(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		// About 500 m off each place, inside the 2 km visit radius; the
		// middle point passes Route 1 and reports the same time twice,
		// which is allowed.
		points := []struct {
			lat, lng float64
			at       time.Time
		}{
			{place(t, "pallet-town").Latitude + 0.004, place(t, "pallet-town").Longitude, t0},
			{place(t, "route-1").Latitude, place(t, "route-1").Longitude + 0.005, t0.Add(3 * time.Hour)},
			{place(t, "route-1").Latitude + 0.01, place(t, "route-1").Longitude, t0.Add(3 * time.Hour)},
			{place(t, "viridian-city").Latitude - 0.003, place(t, "viridian-city").Longitude, t0.Add(6*time.Hour + 30*time.Minute)},
		}
		var wantKM float64
		for i, p := range points {
			if i > 0 {
				wantKM += geo.DistanceKM(points[i-1].lat, points[i-1].lng, p.lat, p.lng)
			}
			if err := stream.Send(&routeplannerv1.RecordTripRequest{
				Location:   &geov1.Location{Latitude: p.lat, Longitude: p.lng},
				RecordTime: timestamppb.New(p.at),
			}); err != nil {
				t.Fatal(err)
			}
		}
		got, err := stream.CloseAndRecv()
		if err != nil {
			t.Fatal(err)
		}
		// Pallet Town to Viridian City is three town-map cells, ~30 km.
		if wantKM < 25 || wantKM > 35 {
			t.Fatalf("test points span %v km", wantKM)
		}
		want := &routeplannerv1.RecordTripResponse{
			PointCount:    4,
			DistanceKm:    wantKM,
			ElapsedTime:   durationOf(6*time.Hour + 30*time.Minute),
			VisitedPlaces: []*geov1.PlaceRef{ref("pallet-town"), ref("route-1"), ref("viridian-city")},
		}
		if diff := cmp.Diff(want, got, protocmp.Transform(), cmpApprox()); diff != "" {
			t.Errorf("summary (-want +got):\n%s", diff)
		}
	})

	t.Run("nowhere", func(t *testing.T) {
		t.Parallel()
		stream, err := e.client.RecordTrip(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		// Off the Bōsō peninsula, far from every place.
		if err := stream.Send(&routeplannerv1.RecordTripRequest{Location: &geov1.Location{Latitude: 35.0, Longitude: 140.45}, RecordTime: timestamppb.New(t0)}); err != nil {
			t.Fatal(err)
		}
		got, err := stream.CloseAndRecv()
		if err != nil {
			t.Fatal(err)
		}
		want := &routeplannerv1.RecordTripResponse{PointCount: 1, ElapsedTime: durationOf(0)}
		if diff := cmp.Diff(want, got, protocmp.Transform()); diff != "" {
			t.Errorf("summary (-want +got):\n%s", diff)
		}
	})

	t.Run("backwards in time", func(t *testing.T) {
		t.Parallel()
		stream, err := e.client.RecordTrip(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		for _, when := range []time.Time{t0, t0.Add(-time.Second)} {
			// The server may reject and close before the second Send
			// lands; its error arrives through CloseAndRecv either way.
			if err := stream.Send(&routeplannerv1.RecordTripRequest{Location: at(t, "pallet-town"), RecordTime: timestamppb.New(when)}); err != nil && !errors.Is(err, io.EOF) {
				t.Fatal(err)
			}
		}
		_, err = stream.CloseAndRecv()
		st := wantCode(t, err, codes.InvalidArgument)
		var fields []string
		for _, d := range st.Details() {
			if br, ok := d.(*errdetails.BadRequest); ok {
				for _, v := range br.GetFieldViolations() {
					fields = append(fields, v.GetField())
				}
			}
		}
		if !slices.Equal(fields, []string{"record_time"}) {
			t.Errorf("field violations on %v, want [record_time]", fields)
		}
	})

	t.Run("empty", func(t *testing.T) {
		t.Parallel()
		stream, err := e.client.RecordTrip(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		_, err = stream.CloseAndRecv()
		wantCode(t, err, codes.InvalidArgument)
	})
}

func TestNavigate(t *testing.T) {
	t.Parallel()

	t.Run("journey", func(t *testing.T) {
		t.Parallel()
		e := start(t)
		stream, err := e.client.Navigate(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		step := func(loc *geov1.Location, dest string) *routeplannerv1.NavigateResponse {
			t.Helper()
			if err := stream.Send(&routeplannerv1.NavigateRequest{Location: loc, Destination: ref(dest)}); err != nil {
				t.Fatal(err)
			}
			resp, err := stream.Recv()
			if err != nil {
				t.Fatal(err)
			}
			return resp
		}
		dist := func(a *geov1.Location, id string) float64 {
			return geo.DistanceKM(a.GetLatitude(), a.GetLongitude(), place(t, id).Latitude, place(t, id).Longitude)
		}

		// Setting off from Pallet Town: the route, and the way north.
		start := step(at(t, "pallet-town"), "cerulean-city")
		if got := waypointIDs(start.GetRoute()); !slices.Equal(got, palletToCerulean) {
			t.Errorf("first route %v, want %v", got, palletToCerulean)
		}
		want := &routeplannerv1.NavigateResponse{
			Instruction:      "Head north on Route 1 to Viridian City",
			NextPlace:        ref("route-1"),
			DistanceToNextKm: dist(at(t, "pallet-town"), "route-1"),
			Route:            start.GetRoute(),
		}
		if diff := cmp.Diff(want, start, protocmp.Transform(), cmpApprox()); diff != "" {
			t.Errorf("first answer (-want +got):\n%s", diff)
		}

		// Half a kilometre east of the route near Viridian City: on route,
		// heading for Route 2, no new route.
		loc := at(t, "viridian-city")
		loc.Longitude += 0.005
		want = &routeplannerv1.NavigateResponse{
			Instruction:      "Head north on Route 2 to Pewter City",
			NextPlace:        ref("route-2"),
			DistanceToNextKm: dist(loc, "route-2"),
		}
		if diff := cmp.Diff(want, step(loc, "cerulean-city"), protocmp.Transform(), cmpApprox()); diff != "" {
			t.Errorf("at Viridian City (-want +got):\n%s", diff)
		}

		// A wrong turn all the way to Vermilion City: rerouted from there.
		lost := step(at(t, "vermilion-city"), "cerulean-city")
		if !lost.GetRerouted() || lost.GetRoute() == nil {
			t.Fatalf("off route: rerouted %v, route %v", lost.GetRerouted(), lost.GetRoute())
		}
		if ids := waypointIDs(lost.GetRoute()); ids[0] != "vermilion-city" || ids[len(ids)-1] != "cerulean-city" {
			t.Errorf("new route %v", ids)
		}
		if lost.GetInstruction() != "Head north on Route 6 to Saffron City" || lost.GetNextPlace().GetPlaceId() != "route-6" {
			t.Errorf("after reroute: %q to %v", lost.GetInstruction(), lost.GetNextPlace())
		}

		// On the new route: no reroute.
		if got := step(at(t, "saffron-city"), "cerulean-city"); got.GetRerouted() || got.GetRoute() != nil || got.GetNextPlace().GetPlaceId() != "route-5" {
			t.Errorf("at Saffron City: %v", got)
		}

		// Two kilometres short of Cerulean City counts as arrived.
		near := at(t, "cerulean-city")
		near.Latitude -= 0.018
		want = &routeplannerv1.NavigateResponse{
			Instruction:      "You have arrived at Cerulean City",
			NextPlace:        ref("cerulean-city"),
			DistanceToNextKm: dist(near, "cerulean-city"),
			Arrived:          true,
		}
		if diff := cmp.Diff(want, step(near, "cerulean-city"), protocmp.Transform(), cmpApprox()); diff != "" {
			t.Errorf("arrival (-want +got):\n%s", diff)
		}

		// A new destination: a new route, not a reroute.
		home := step(at(t, "cerulean-city"), "pallet-town")
		if home.GetRerouted() || home.GetRoute() == nil || waypointIDs(home.GetRoute())[0] != "cerulean-city" {
			t.Errorf("new destination: %v", home)
		}

		if err := stream.CloseSend(); err != nil {
			t.Fatal(err)
		}
		if _, err := stream.Recv(); !errors.Is(err, io.EOF) {
			t.Errorf("after CloseSend: %v, want EOF", err)
		}
		if err := <-e.streamErrs; err != nil {
			t.Errorf("handler returned %v, want nil", err)
		}
	})

	t.Run("closure ahead", func(t *testing.T) {
		t.Parallel()
		e := start(t)
		stream, err := e.client.Navigate(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		send := func(id string) *routeplannerv1.NavigateResponse {
			t.Helper()
			if err := stream.Send(&routeplannerv1.NavigateRequest{Location: at(t, id), Destination: ref("cerulean-city")}); err != nil {
				t.Fatal(err)
			}
			resp, err := stream.Recv()
			if err != nil {
				t.Fatal(err)
			}
			return resp
		}
		send("pallet-town")
		e.source.Set(t0, conditions.Condition{PlaceID: "mt-moon", Closed: true, Reason: "cave-in"})
		got := send("viridian-city")
		if !got.GetRerouted() || slices.Contains(waypointIDs(got.GetRoute()), "mt-moon") {
			t.Errorf("after closing Mt. Moon: rerouted %v via %v", got.GetRerouted(), waypointIDs(got.GetRoute()))
		}
	})

	t.Run("unknown destination", func(t *testing.T) {
		t.Parallel()
		e := start(t)
		stream, err := e.client.Navigate(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if err := stream.Send(&routeplannerv1.NavigateRequest{Location: at(t, "pallet-town"), Destination: ref("goldenrod-city")}); err != nil {
			t.Fatal(err)
		}
		_, err = stream.Recv()
		wantCode(t, err, codes.NotFound)
	})
}

// TestDraining ends open streams when the server starts shutting down.
func TestDraining(t *testing.T) {
	t.Parallel()
	draining := make(chan struct{})
	e := start(t, server.WithDraining(draining))
	watch, err := e.client.WatchRoutes(t.Context(), &routeplannerv1.WatchRoutesRequest{Origin: ref("pallet-town"), Destination: ref("cerulean-city")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := watch.Recv(); err != nil {
		t.Fatal(err)
	}
	nav, err := e.client.Navigate(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if err := nav.Send(&routeplannerv1.NavigateRequest{Location: at(t, "pallet-town"), Destination: ref("cerulean-city")}); err != nil {
		t.Fatal(err)
	}
	if _, err := nav.Recv(); err != nil {
		t.Fatal(err)
	}
	close(draining)
	_, err = watch.Recv()
	wantCode(t, err, codes.Unavailable)
	_, err = nav.Recv()
	wantCode(t, err, codes.Unavailable)
}

func TestNewRejects(t *testing.T) {
	t.Parallel()
	g, _ := graph.FromKantoMap()
	p, _ := planner.New(g)
	src := conditions.NewManual(t0)
	for name, build := range map[string]func() error{
		"nil planner":     func() error { _, err := server.New(nil, src, nil); return err },
		"nil source":      func() error { _, err := server.New(p, nil, nil); return err },
		"off route zero":  func() error { _, err := server.New(p, src, nil, server.WithOffRouteKM(0)); return err },
		"radius negative": func() error { _, err := server.New(p, src, nil, server.WithVisitRadiusKM(-1)); return err },
	} {
		if build() == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := server.New(p, src, nil, server.WithOffRouteKM(1), server.WithVisitRadiusKM(0.5)); err != nil {
		t.Errorf("valid options: %v", err)
	}
}
