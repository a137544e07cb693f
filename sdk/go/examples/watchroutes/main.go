// Command watchroutes follows the best route from Pallet Town to Cerulean
// City with the route planner's WatchRoutes server stream, printing each
// new best route until -max-updates routes arrived (0: until interrupted or
// -timeout passes). The route planner's address comes from -addr (default
// its google.api.default_host, where `make run` serves it, without TLS).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	geov1 "github.com/kanto-api/kanto/gen/go/kanto/geo/v1"
	routeplannerv1 "github.com/kanto-api/kanto/gen/go/kanto/routeplanner/v1"
	"github.com/kanto-api/kanto/gen/go/kanto/routeplanner/v1/routeplannerv1kanto"
	kanto "github.com/kanto-api/kanto/sdk/go"
	"google.golang.org/grpc/codes"
)

func main() {
	addr := flag.String("addr", routeplannerv1kanto.RoutePlannerServiceInfo.DefaultTarget, "address of the route planner (plaintext gRPC)")
	from := flag.String("from", "pallet-town", "origin place id")
	to := flag.String("to", "cerulean-city", "destination place id")
	maxUpdates := flag.Int("max-updates", 3, "stop after this many routes (0: no limit)")
	timeout := flag.Duration("timeout", time.Minute, "how long to watch at most")
	flag.Parse()

	// Ctrl-C cancels the stream: the server sees the cancellation at once.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	if err := run(ctx, *addr, *from, *to, int32(*maxUpdates)); err != nil {
		fmt.Fprintln(os.Stderr, "watchroutes:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, addr, from, to string, maxUpdates int32) (err error) {
	client, err := routeplannerv1kanto.DialRoutePlanner(kanto.WithInsecure(), kanto.WithTarget(addr))
	if err != nil {
		return err
	}
	defer func() {
		if cerr := client.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()

	stream, err := client.WatchRoutes(ctx, &routeplannerv1.WatchRoutesRequest{
		Origin:      &geov1.PlaceRef{PlaceId: from},
		Destination: &geov1.PlaceRef{PlaceId: to},
		MaxUpdates:  maxUpdates,
	})
	if err != nil {
		return err
	}
	for {
		update, err := stream.Recv()
		switch {
		case errors.Is(err, io.EOF):
			return nil // max_updates routes were sent
		case kanto.Code(err) == codes.DeadlineExceeded || kanto.Code(err) == codes.Canceled:
			return nil // -timeout passed or interrupted: a normal end of watching
		case err != nil:
			for _, v := range kanto.FieldViolations(err) {
				fmt.Fprintf(os.Stderr, "invalid %s: %s\n", v.Field, v.Description)
			}
			return err
		}
		printUpdate(update)
	}
}

func printUpdate(u *routeplannerv1.WatchRoutesResponse) {
	var names []string
	for _, w := range u.GetRoute().GetWaypoints() {
		names = append(names, w.GetName())
	}
	fmt.Printf("%s  %.1f km, %v: %s\n",
		u.GetObserveTime().AsTime().Format(time.TimeOnly),
		u.GetRoute().GetDistanceKm(),
		u.GetRoute().GetEstimatedDuration().AsDuration().Round(time.Minute),
		strings.Join(names, " → "))
	for _, c := range u.GetConditions() {
		state := fmt.Sprintf("%.1f× slower", c.GetCongestionFactor())
		if c.GetClosed() {
			state = "closed"
		}
		fmt.Printf("    %s %s: %s\n", c.GetPlace().GetPlaceId(), state, c.GetReason())
	}
}
