package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"

	"google.golang.org/grpc"

	geov1 "github.com/kanto-api/kanto/gen/go/kanto/geo/v1"
	routeplannerv1 "github.com/kanto-api/kanto/gen/go/kanto/routeplanner/v1"
	"github.com/kanto-api/kanto/services/routeplanner/internal/geo"
	"github.com/kanto-api/kanto/services/routeplanner/internal/graph"
	"github.com/kanto-api/kanto/services/routeplanner/internal/planner"
)

// Navigate answers every location report with the next instruction.
//
// The first report, and any that names a new destination, plans a route
// from the place nearest the traveller (the answer carries it). A traveller
// more than the off-route distance (default DefaultOffRouteKM) from every
// segment of the route, or whose route a new closure has cut ahead of
// them, gets a new route from the nearest place, with rerouted set.
// Within that distance of the destination, the answer says arrived.
// Otherwise it names the next waypoint, the compass direction to it and
// how far it is; a waypoint counts as passed within the visit radius.
//
// It returns NOT_FOUND if the destination is unknown or no route reaches
// it under current conditions, UNAVAILABLE when the server starts draining
// (see WithDraining), and ends cleanly when the client closes its side.
func (s *server) Navigate(stream grpc.BidiStreamingServer[routeplannerv1.NavigateRequest, routeplannerv1.NavigateResponse]) error {
	ctx := stream.Context()
	// Recv cannot be interrupted, so it runs in its own goroutine and the
	// loop below also watches for the server draining. Returning from the
	// handler ends the stream, which ends a pending Recv and the goroutine.
	type received struct {
		req *routeplannerv1.NavigateRequest
		err error
	}
	reqs := make(chan received)
	done := make(chan struct{})
	defer close(done)
	go func() {
		for {
			req, err := stream.Recv()
			select {
			case reqs <- received{req, err}:
			case <-done:
				return
			}
			if err != nil {
				return
			}
		}
	}()

	var nav navigation
	for {
		var r received
		select {
		case r = <-reqs:
		case <-s.opts.draining:
			return errDraining
		}
		if errors.Is(r.err, io.EOF) {
			return nil
		}
		if r.err != nil {
			return r.err
		}
		resp, err := s.navigate(ctx, &nav, r.req)
		if err != nil {
			return err
		}
		if err := stream.Send(resp); err != nil {
			return err
		}
	}
}

// navigation is the state of one Navigate stream; only its goroutine
// touches it.
type navigation struct {
	dest    graph.NodeID
	route   *planner.Route // nil before the first plan
	version uint64         // the conditions version the route was planned under
	// segment is the route segment (from Nodes[segment] to
	// Nodes[segment+1]) the traveller was last matched to; it only moves
	// forward, so a road that doubles back does not send them backwards.
	segment int
}

func (s *server) navigate(ctx context.Context, nav *navigation, req *routeplannerv1.NavigateRequest) (*routeplannerv1.NavigateResponse, error) {
	loc := req.GetLocation()
	if err := checkLocation("location", loc); err != nil {
		return nil, err
	}
	dest, err := s.lookup("destination", req.GetDestination())
	if err != nil {
		return nil, err
	}
	lat, lng := loc.GetLatitude(), loc.GetLongitude()
	view, _ := s.currentView()
	resp := &routeplannerv1.NavigateResponse{}

	plan := func() error {
		start, _ := s.graph.Nearest(lat, lng)
		route, err := s.planner.Route(ctx, start.Node, dest, view.overlay)
		if err != nil {
			return s.planError(ctx, err, start.Node, dest)
		}
		nav.dest, nav.route, nav.version, nav.segment = dest, &route, view.snap.Version, 0
		resp.Route = s.routeProto(route)
		return nil
	}

	if nav.route == nil || dest != nav.dest {
		if err := plan(); err != nil {
			return nil, err
		}
	}
	destLat, destLng := s.graph.Location(dest)
	if d := geo.DistanceKM(lat, lng, destLat, destLng); d <= s.opts.offRouteKM {
		resp.Arrived = true
		resp.NextPlace = &geov1.PlaceRef{PlaceId: s.graph.ID(dest)}
		resp.DistanceToNextKm = d
		resp.Instruction = "You have arrived at " + s.graph.Name(dest)
		return resp, nil
	}
	if resp.Route == nil {
		offRoute := s.pathDistanceKM(nav.route.Nodes, lat, lng) > s.opts.offRouteKM
		blocked := view.snap.Version != nav.version && s.closedAhead(nav, view.overlay)
		if offRoute || blocked {
			s.logger.DebugContext(ctx, "rerouting", "destination", s.graph.ID(dest), "off_route", offRoute, "blocked", blocked)
			if err := plan(); err != nil {
				return nil, err
			}
			resp.Rerouted = true
		}
		// The route is still open under these conditions: check again only
		// when they change.
		nav.version = view.snap.Version
	}

	next := s.advance(nav, lat, lng)
	nodes := nav.route.Nodes
	nextLat, nextLng := s.graph.Location(nodes[next])
	resp.NextPlace = &geov1.PlaceRef{PlaceId: s.graph.ID(nodes[next])}
	resp.DistanceToNextKm = geo.DistanceKM(lat, lng, nextLat, nextLng)
	resp.Instruction = s.instruction(nodes, next, geo.Compass(geo.BearingDegrees(lat, lng, nextLat, nextLng)))
	return resp, nil
}

// pathDistanceKM is the distance from a point to the nearest segment of a
// route (to its only node if it has one).
func (s *server) pathDistanceKM(nodes []graph.NodeID, lat, lng float64) float64 {
	if len(nodes) == 1 {
		nLat, nLng := s.graph.Location(nodes[0])
		return geo.DistanceKM(lat, lng, nLat, nLng)
	}
	best := math.Inf(1)
	for i := 1; i < len(nodes); i++ {
		best = math.Min(best, s.segmentKM(nodes, i-1, lat, lng))
	}
	return best
}

func (s *server) segmentKM(nodes []graph.NodeID, i int, lat, lng float64) float64 {
	aLat, aLng := s.graph.Location(nodes[i])
	bLat, bLng := s.graph.Location(nodes[i+1])
	return geo.SegmentDistanceKM(lat, lng, aLat, aLng, bLat, bLng)
}

// closedAhead reports whether a place still ahead on the route has closed
// since it was planned.
func (s *server) closedAhead(nav *navigation, overlay *planner.Overlay) bool {
	return slices.ContainsFunc(nav.route.Nodes[nav.segment+1:], overlay.Closed)
}

// advance matches the traveller to the nearest route segment at or after
// the last one, and returns the index of the next waypoint to reach.
func (s *server) advance(nav *navigation, lat, lng float64) int {
	nodes := nav.route.Nodes
	if len(nodes) == 1 {
		return 0
	}
	best := math.Inf(1)
	for i := nav.segment; i < len(nodes)-1; i++ {
		// Ties go to the later segment: a traveller standing on a
		// waypoint is starting the segment after it.
		if d := s.segmentKM(nodes, i, lat, lng); d <= best {
			best, nav.segment = d, i
		}
	}
	next := nav.segment + 1
	for next < len(nodes)-1 {
		nLat, nLng := s.graph.Location(nodes[next])
		if geo.DistanceKM(lat, lng, nLat, nLng) > s.opts.visitRadiusKM {
			break
		}
		next++
	}
	nav.segment = next - 1
	return next
}

// instruction words the way to nodes[next] for people. Routes, sea routes
// and dungeons are ways rather than destinations, so the instruction names
// the way and where it leads: "Head north on Route 1 to Viridian City".
func (s *server) instruction(nodes []graph.NodeID, next int, direction string) string {
	target := nodes[next]
	way, to := graph.NodeID(-1), target
	switch {
	case isWay(s.graph.Kind(target)) && next+1 < len(nodes):
		way, to = target, nodes[next+1]
	case next > 0 && isWay(s.graph.Kind(nodes[next-1])):
		way = nodes[next-1]
	}
	if way < 0 {
		return fmt.Sprintf("Head %s to %s", direction, s.graph.Name(to))
	}
	switch s.graph.Kind(way) {
	case graph.KindSeaRoute:
		return fmt.Sprintf("Surf %s on %s to %s", direction, s.graph.Name(way), s.graph.Name(to))
	case graph.KindDungeon:
		return fmt.Sprintf("Head %s through %s to %s", direction, s.graph.Name(way), s.graph.Name(to))
	default:
		return fmt.Sprintf("Head %s on %s to %s", direction, s.graph.Name(way), s.graph.Name(to))
	}
}

func isWay(k graph.Kind) bool {
	return k == graph.KindRoute || k == graph.KindSeaRoute || k == graph.KindDungeon
}
