package kanto

import (
	"context"

	routeplannerv1 "github.com/kanto-api/kanto/gen/go/kanto/routeplanner/v1"
	"google.golang.org/grpc"
)

// A RoutePlannerClient calls the route planner
// (kanto.routeplanner.v1.RoutePlannerService), which finds routes across
// the Kanto map with all four gRPC call shapes. Get it from
// [Client.RoutePlanner]; it is safe for concurrent use, the streams it
// opens are not.
type RoutePlannerClient struct {
	stub routeplannerv1.RoutePlannerServiceClient
}

func newRoutePlannerClient(cc grpc.ClientConnInterface) *RoutePlannerClient {
	return &RoutePlannerClient{stub: routeplannerv1.NewRoutePlannerServiceClient(cc)}
}

// GetRoutes returns up to req.MaxRoutes loopless alternative routes from
// origin to destination, shortest first, or fails with NOT_FOUND if a place
// is unknown or no route connects them.
func (c *RoutePlannerClient) GetRoutes(ctx context.Context, req *routeplannerv1.GetRoutesRequest, opts ...grpc.CallOption) (*routeplannerv1.GetRoutesResponse, error) {
	return c.stub.GetRoutes(ctx, req, opts...)
}

// WatchRoutes opens a server stream of the best route now, then of each
// new best route when conditions change. Read it with Recv until io.EOF
// (after req.MaxUpdates routes) or an error. With MaxUpdates 0 the stream
// runs until ctx is cancelled or its deadline passes: cancel ctx when done,
// since streams get no default deadline (see [WithDefaultStreamTimeout]).
func (c *RoutePlannerClient) WatchRoutes(ctx context.Context, req *routeplannerv1.WatchRoutesRequest, opts ...grpc.CallOption) (grpc.ServerStreamingClient[routeplannerv1.WatchRoutesResponse], error) {
	return c.stub.WatchRoutes(ctx, req, opts...)
}

// RecordTrip opens a client stream: Send each timed location, then
// CloseAndRecv returns the trip's distance, duration and visited places.
func (c *RoutePlannerClient) RecordTrip(ctx context.Context, opts ...grpc.CallOption) (grpc.ClientStreamingClient[routeplannerv1.RecordTripRequest, routeplannerv1.RecordTripResponse], error) {
	return c.stub.RecordTrip(ctx, opts...)
}

// Navigate opens a bidirectional stream: every location sent is answered
// with the next instruction, and the route is planned anew when the
// traveller leaves it. CloseSend ends the navigation.
func (c *RoutePlannerClient) Navigate(ctx context.Context, opts ...grpc.CallOption) (grpc.BidiStreamingClient[routeplannerv1.NavigateRequest, routeplannerv1.NavigateResponse], error) {
	return c.stub.Navigate(ctx, opts...)
}
