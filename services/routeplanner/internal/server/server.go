// Package server implements kanto.routeplanner.v1.RoutePlannerService on
// top of the planner and a conditions source.
//
// Requests are expected to have passed their protovalidate rules (the
// shared platform checks every message, stream messages included); the
// handlers still check the few rules they depend on, so a missing field is
// an INVALID_ARGUMENT rather than a panic or a wrong answer.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"sync"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/durationpb"

	geov1 "github.com/kanto-api/kanto/gen/go/kanto/geo/v1"
	routeplannerv1 "github.com/kanto-api/kanto/gen/go/kanto/routeplanner/v1"
	"github.com/kanto-api/kanto/services/platform"
	"github.com/kanto-api/kanto/services/platform/rules"
	"github.com/kanto-api/kanto/services/routeplanner/internal/conditions"
	"github.com/kanto-api/kanto/services/routeplanner/internal/graph"
	"github.com/kanto-api/kanto/services/routeplanner/internal/planner"
)

// Defaults of the options.
const (
	// DefaultMaxRoutes is how many alternatives GetRoutes returns when
	// max_routes is zero, as the API documents. It is the one definition:
	// the expedition service passes a zero on.
	DefaultMaxRoutes = 3
	// DefaultOffRouteKM is how far from the route's path a navigating
	// traveller may stray before being rerouted, and how close to the
	// destination counts as arrived: GPS noise and a wide road stay inside
	// it, a wrong turn at a town (about 10 km apart in Kanto) does not.
	DefaultOffRouteKM = 3.0
	// DefaultVisitRadiusKM is how close to a place a recorded trip must
	// pass to have visited it, and how close to a waypoint a navigating
	// traveller must come to have reached it.
	DefaultVisitRadiusKM = 2.0
)

// The limits the handlers check for themselves (see the package doc),
// read from the schema's protovalidate rules rather than copied.
var (
	minMaxRoutes, maxMaxRoutes   = rules.Int32Range(&routeplannerv1.GetRoutesRequest{}, "max_routes")
	minMaxUpdates, maxMaxUpdates = rules.Int32Range(&routeplannerv1.WatchRoutesRequest{}, "max_updates")
	minLatitude, maxLatitude     = rules.DoubleRange(&geov1.Location{}, "latitude")
	minLongitude, maxLongitude   = rules.DoubleRange(&geov1.Location{}, "longitude")
)

// An Option configures the service.
type Option func(*options)

type options struct {
	offRouteKM    float64
	visitRadiusKM float64
	draining      <-chan struct{}
}

// WithDraining gives the channel closed when the server begins shutting
// down (platform.Server.Draining): open WatchRoutes and Navigate streams then
// end with UNAVAILABLE, so clients reconnect elsewhere and the drain does
// not wait for them. By default streams are only ended by their clients.
func WithDraining(draining <-chan struct{}) Option {
	return func(o *options) { o.draining = draining }
}

// errDraining ends long-lived streams when the server shuts down.
var errDraining = status.Error(codes.Unavailable, "the server is shutting down; call again to continue")

// WithOffRouteKM sets how far, in km, a navigating traveller may be from the
// route before being rerouted, and the distance from the destination that
// counts as arrived. Default DefaultOffRouteKM (3 km).
func WithOffRouteKM(km float64) Option {
	return func(o *options) { o.offRouteKM = km }
}

// WithVisitRadiusKM sets how close, in km, a recorded trip must come to a
// place to have visited it, and a navigating traveller to a waypoint to
// have reached it. Default DefaultVisitRadiusKM (2 km).
func WithVisitRadiusKM(km float64) Option {
	return func(o *options) { o.visitRadiusKM = km }
}

// server implements RoutePlannerService. It keeps no per-call state beyond
// the derived view of the current conditions, so it is safe for any number
// of concurrent calls.
type server struct {
	routeplannerv1.UnimplementedRoutePlannerServiceServer

	graph   *graph.Graph
	planner *planner.Planner
	source  conditions.Source
	logger  *slog.Logger
	opts    options

	// mu guards view, the current conditions as the handlers use them,
	// rebuilt once per snapshot version rather than once per call.
	mu   sync.Mutex
	view *conditionsView
}

// New returns the RoutePlannerService, planning with p under the
// conditions published by source. logger receives unexpected errors (nil
// discards them). It returns an error if p or source is nil or an option
// is invalid.
func New(p *planner.Planner, source conditions.Source, logger *slog.Logger, opts ...Option) (routeplannerv1.RoutePlannerServiceServer, error) {
	if p == nil || source == nil {
		return nil, errors.New("server: planner and conditions source are required")
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	o := options{offRouteKM: DefaultOffRouteKM, visitRadiusKM: DefaultVisitRadiusKM}
	for _, opt := range opts {
		opt(&o)
	}
	for name, v := range map[string]float64{"off-route distance": o.offRouteKM, "visit radius": o.visitRadiusKM} {
		if !(v > 0) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("server: %s %v km must be positive", name, v)
		}
	}
	return &server{graph: p.Graph(), planner: p, source: source, logger: logger, opts: o}, nil
}

// conditionsView is a snapshot turned into what the handlers need. It is
// immutable once built.
type conditionsView struct {
	snap    conditions.Snapshot
	overlay *planner.Overlay
	// onMap are the snapshot's conditions on places of the graph; others
	// cannot affect a route and are not reported.
	onMap []*routeplannerv1.Condition
}

// currentView returns the view of the source's current snapshot and the
// channel closed when it is replaced.
func (s *server) currentView() (*conditionsView, <-chan struct{}) {
	snap, changed := s.source.Current()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.view != nil && s.view.snap.Version == snap.Version {
		return s.view, changed
	}
	v := &conditionsView{snap: snap}
	var adjustments []planner.Adjustment
	for _, c := range snap.Conditions {
		node, ok := s.graph.Lookup(c.PlaceID)
		if !ok {
			continue
		}
		adjustments = append(adjustments, planner.Adjustment{Node: node, Closed: c.Closed, Congestion: c.CongestionFactor})
		v.onMap = append(v.onMap, &routeplannerv1.Condition{
			Place:            &geov1.PlaceRef{PlaceId: c.PlaceID},
			Closed:           c.Closed,
			CongestionFactor: c.CongestionFactor,
			Reason:           c.Reason,
		})
	}
	v.overlay = planner.NewOverlay(s.graph, adjustments)
	// A newer snapshot may already be cached by a racing call; never go
	// back to an older one.
	if s.view == nil || s.view.snap.Version < snap.Version {
		s.view = v
	}
	return v, changed
}

// lookup resolves a place reference, or returns NOT_FOUND naming it.
func (s *server) lookup(field string, ref *geov1.PlaceRef) (graph.NodeID, error) {
	if ref == nil {
		return 0, platform.InvalidArgument(platform.Violation(platform.FieldPath(field), "required", "value is required"))
	}
	if v, ok := s.graph.Lookup(ref.GetPlaceId()); ok {
		return v, nil
	}
	st := status.New(codes.NotFound, fmt.Sprintf("%s: place %q is not on the map", field, ref.GetPlaceId()))
	if withInfo, err := st.WithDetails(&errdetails.ResourceInfo{
		ResourceType: "kanto.geo.v1.PlaceRef",
		ResourceName: ref.GetPlaceId(),
		Description:  fmt.Sprintf("no place with id %q", ref.GetPlaceId()),
	}); err == nil {
		st = withInfo
	}
	return 0, st.Err()
}

// planError translates a planner error into a status at the edge.
func (s *server) planError(ctx context.Context, err error, from, to graph.NodeID) error {
	switch {
	case errors.Is(err, planner.ErrNoRoute):
		return status.Errorf(codes.NotFound, "no route from %s to %s under current conditions", s.graph.Name(from), s.graph.Name(to))
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return status.FromContextError(err).Err()
	default:
		s.logger.ErrorContext(ctx, "planning failed", "from", s.graph.ID(from), "to", s.graph.ID(to), "error", err)
		return status.Error(codes.Internal, "internal error while planning the route")
	}
}

// routeProto converts a planned route to the API's form.
func (s *server) routeProto(r planner.Route) *routeplannerv1.Route {
	out := &routeplannerv1.Route{
		Waypoints:         make([]*routeplannerv1.Waypoint, len(r.Nodes)),
		DistanceKm:        r.DistanceKM,
		EstimatedDuration: durationpb.New(r.Duration),
	}
	for i, v := range r.Nodes {
		lat, lng := s.graph.Location(v)
		out.Waypoints[i] = &routeplannerv1.Waypoint{
			Place:    &geov1.PlaceRef{PlaceId: s.graph.ID(v)},
			Name:     s.graph.Name(v),
			Location: &geov1.Location{Latitude: lat, Longitude: lng},
		}
	}
	return out
}

// checkLocation returns INVALID_ARGUMENT if a required location is missing
// or out of the schema's range (normally caught by validation first).
func checkLocation(field string, loc *geov1.Location) error {
	switch {
	case loc == nil:
		return platform.InvalidArgument(platform.Violation(platform.FieldPath(field), "required", "value is required"))
	case !(loc.GetLatitude() >= minLatitude && loc.GetLatitude() <= maxLatitude):
		return platform.InvalidArgument(platform.Violation(platform.FieldPath(field, "latitude"), "double.gte_lte", fmt.Sprintf("value must be from %v to %v", minLatitude, maxLatitude)))
	case !(loc.GetLongitude() >= minLongitude && loc.GetLongitude() <= maxLongitude):
		return platform.InvalidArgument(platform.Violation(platform.FieldPath(field, "longitude"), "double.gte_lte", fmt.Sprintf("value must be from %v to %v", minLongitude, maxLongitude)))
	}
	return nil
}

// checkRange returns INVALID_ARGUMENT if an int32 field is out of its
// schema range lo..hi (normally caught by validation first).
func checkRange(field string, v, lo, hi int32) error {
	if v < lo || v > hi {
		return platform.InvalidArgument(platform.Violation(platform.FieldPath(field), "int32.gte_lte", fmt.Sprintf("value must be from %d to %d", lo, hi)))
	}
	return nil
}
