package server

import (
	"context"
	"errors"
	"slices"

	"google.golang.org/grpc"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	geov1 "github.com/kanto-api/kanto/gen/go/kanto/geo/v1"
	routeplannerv1 "github.com/kanto-api/kanto/gen/go/kanto/routeplanner/v1"
	"github.com/kanto-api/kanto/services/platform"
	"github.com/kanto-api/kanto/services/routeplanner/internal/graph"
	"github.com/kanto-api/kanto/services/routeplanner/internal/planner"
)

// GetRoutes returns up to max_routes (default DefaultMaxRoutes) loopless
// routes under the conditions now in force, fastest first. It returns
// NOT_FOUND if a place is unknown or no route joins them.
func (s *server) GetRoutes(ctx context.Context, req *routeplannerv1.GetRoutesRequest) (*routeplannerv1.GetRoutesResponse, error) {
	from, to, err := s.endpoints(req, "get_routes.distinct_places")
	if err != nil {
		return nil, err
	}
	if err := checkRange("max_routes", req.GetMaxRoutes(), minMaxRoutes, maxMaxRoutes); err != nil {
		return nil, err
	}
	k := int(req.GetMaxRoutes())
	if k == 0 {
		k = DefaultMaxRoutes
	}
	view, _ := s.currentView()
	routes, err := s.planner.Routes(ctx, from, to, k, view.overlay)
	if err != nil {
		return nil, s.planError(ctx, err, from, to)
	}
	resp := &routeplannerv1.GetRoutesResponse{Routes: make([]*routeplannerv1.Route, len(routes))}
	for i, r := range routes {
		resp.Routes[i] = s.routeProto(r)
	}
	return resp, nil
}

// endpointsRequest is what GetRoutes and WatchRoutes requests share.
type endpointsRequest interface {
	GetOrigin() *geov1.PlaceRef
	GetDestination() *geov1.PlaceRef
}

// endpoints resolves a request's origin and destination, which must differ
// (the request's rule distinctRule).
func (s *server) endpoints(req endpointsRequest, distinctRule string) (graph.NodeID, graph.NodeID, error) {
	from, err := s.lookup("origin", req.GetOrigin())
	if err != nil {
		return 0, 0, err
	}
	to, err := s.lookup("destination", req.GetDestination())
	if err != nil {
		return 0, 0, err
	}
	if from == to {
		return 0, 0, platform.InvalidArgument(platform.Violation(platform.FieldPath(), distinctRule, "origin and destination must differ"))
	}
	return from, to, nil
}

// WatchRoutes sends the best route now, then a new message whenever the
// conditions change the best route's places or duration. When conditions
// leave no route at all, it sends a message without a route, and a new
// route once one reopens, rather than ending the watch. It ends with OK
// after max_updates messages (zero: no limit), with the context's status
// (CANCELLED, DEADLINE_EXCEEDED) when the client goes away first, and
// with NOT_FOUND at once if a place is unknown, and with UNAVAILABLE when
// the server starts draining (see WithDraining).
func (s *server) WatchRoutes(req *routeplannerv1.WatchRoutesRequest, stream grpc.ServerStreamingServer[routeplannerv1.WatchRoutesResponse]) error {
	ctx := stream.Context()
	from, to, err := s.endpoints(req, "watch_routes.distinct_places")
	if err != nil {
		return err
	}
	if err := checkRange("max_updates", req.GetMaxUpdates(), minMaxUpdates, maxMaxUpdates); err != nil {
		return err
	}
	maxUpdates := int(req.GetMaxUpdates())
	var (
		sent int
		last planner.Route // Nodes nil when the last message had no route
	)
	for {
		view, changed := s.currentView()
		route, err := s.planner.Route(ctx, from, to, view.overlay)
		if err != nil && !errors.Is(err, planner.ErrNoRoute) {
			return s.planError(ctx, err, from, to)
		}
		if sent == 0 || !slices.Equal(route.Nodes, last.Nodes) || route.Duration != last.Duration {
			resp := &routeplannerv1.WatchRoutesResponse{
				ObserveTime: timestamppb.New(view.snap.ObserveTime),
				Conditions:  make([]*routeplannerv1.Condition, len(view.onMap)),
			}
			// The view's messages are shared by every call: send copies.
			for i, c := range view.onMap {
				resp.Conditions[i] = proto.CloneOf(c)
			}
			if route.Nodes != nil {
				resp.Route = s.routeProto(route)
			}
			if err := stream.Send(resp); err != nil {
				return err
			}
			sent, last = sent+1, route
			if sent == maxUpdates {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return status.FromContextError(ctx.Err()).Err()
		case <-s.opts.draining:
			return errDraining
		case <-changed:
		}
	}
}
