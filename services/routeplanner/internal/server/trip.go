package server

import (
	"errors"
	"fmt"
	"io"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/durationpb"

	geov1 "github.com/kanto-api/kanto/gen/go/kanto/geo/v1"
	routeplannerv1 "github.com/kanto-api/kanto/gen/go/kanto/routeplanner/v1"
	"github.com/kanto-api/kanto/services/platform"
	"github.com/kanto-api/kanto/services/routeplanner/internal/geo"
	"github.com/kanto-api/kanto/services/routeplanner/internal/graph"
)

// RecordTrip reads location reports until the client closes the stream,
// then returns the trip's summary: the number of reports, the great-circle
// distance summed between consecutive reports, the time from the first
// report to the last, and every place within the visit radius (default
// DefaultVisitRadiusKM) of a report, in the order first visited (places
// near the same report nearest first). It returns INVALID_ARGUMENT on the
// first report whose record_time is before the previous one's, and if the
// stream closes with no report at all; nothing is recorded then.
func (s *server) RecordTrip(stream grpc.ClientStreamingServer[routeplannerv1.RecordTripRequest, routeplannerv1.RecordTripResponse]) error {
	var (
		resp    routeplannerv1.RecordTripResponse
		first   time.Time
		last    time.Time
		prev    *geov1.Location
		visited = map[graph.NodeID]bool{}
	)
	for {
		req, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		loc := req.GetLocation()
		if err := checkLocation("location", loc); err != nil {
			return err
		}
		if err := req.GetRecordTime().CheckValid(); err != nil {
			return platform.InvalidArgument(platform.Violation(platform.FieldPath("record_time"), "required", "a valid timestamp is required"))
		}
		at := req.GetRecordTime().AsTime()
		if prev != nil && at.Before(last) {
			return platform.InvalidArgument(platform.Violation(
				platform.FieldPath("record_time"),
				"record_trip.record_time_monotonic",
				fmt.Sprintf("report %d at %s is before the previous report at %s: reports must not go back in time",
					resp.PointCount+1, at.Format(time.RFC3339Nano), last.Format(time.RFC3339Nano)),
			))
		}
		if prev == nil {
			first = at
		} else {
			resp.DistanceKm += geo.DistanceKM(prev.GetLatitude(), prev.GetLongitude(), loc.GetLatitude(), loc.GetLongitude())
		}
		prev, last = loc, at
		resp.PointCount++
		for _, near := range s.graph.Within(loc.GetLatitude(), loc.GetLongitude(), s.opts.visitRadiusKM) {
			if !visited[near.Node] {
				visited[near.Node] = true
				resp.VisitedPlaces = append(resp.VisitedPlaces, &geov1.PlaceRef{PlaceId: s.graph.ID(near.Node)})
			}
		}
	}
	if resp.PointCount == 0 {
		return status.Error(codes.InvalidArgument, "the trip has no location reports: nothing was recorded")
	}
	resp.ElapsedTime = durationpb.New(last.Sub(first))
	return stream.SendAndClose(&resp)
}
