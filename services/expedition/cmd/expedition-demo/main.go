// Command expedition-demo plans one expedition through the expedition
// service with a deadline, and optionally cancels it part-way, to show how
// deadlines and cancellation travel down the chain of services. It prints
// the request id first, so the logs of the expedition service, the route
// planner and the Pokédex can be searched for it, then the plans, or the
// status code and how long the call took.
//
//	expedition-demo -timeout 200ms -origin pallet-town -destination cerulean-city
//	expedition-demo -stream -cancel-after 150ms
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	expeditionv1 "github.com/kanto-api/kanto/gen/go/kanto/expedition/v1"
	geov1 "github.com/kanto-api/kanto/gen/go/kanto/geo/v1"
	"github.com/kanto-api/kanto/services/platform"
)

func main() {
	os.Exit(run())
}

// options are the demo's flags.
type options struct {
	addr        string
	useTLS      bool
	timeout     time.Duration
	cancelAfter time.Duration
	origin      string
	destination string
	maxRoutes   int
	stream      bool
	requestID   string
}

// run returns the exit code: 0 when the call succeeded, 1 when it failed
// (its status is printed), 2 for bad flags or a bad address.
func run() int {
	var o options
	fs := flag.NewFlagSet("expedition-demo", flag.ContinueOnError)
	fs.StringVar(&o.addr, "addr", "127.0.0.1:50053", "gRPC target of the expedition service")
	fs.BoolVar(&o.useTLS, "tls", false, "dial over TLS, trusting the system roots")
	fs.DurationVar(&o.timeout, "timeout", 2*time.Second, "the call's deadline, from now; 0 for none")
	fs.DurationVar(&o.cancelAfter, "cancel-after", 0, "cancel the call after this long, as a client that gives up; 0 never")
	fs.StringVar(&o.origin, "origin", "pallet-town", "place id where the expedition starts")
	fs.StringVar(&o.destination, "destination", "cerulean-city", "place id where it ends")
	fs.IntVar(&o.maxRoutes, "max-routes", 0, "most alternative routes, 1 to 5; 0 for the service's default")
	fs.BoolVar(&o.stream, "stream", false, "call StreamExpedition and print each plan as it arrives")
	fs.StringVar(&o.requestID, "request-id", "", "request id to send (letters, digits, ._:-); empty for a random one")
	if err := fs.Parse(os.Args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if o.requestID == "" {
		var b [8]byte
		_, _ = rand.Read(b[:]) // crypto/rand.Read never fails: it crashes the program instead
		o.requestID = "demo-" + hex.EncodeToString(b[:])
	}

	creds := insecure.NewCredentials()
	if o.useTLS {
		creds = credentials.NewTLS(nil)
	}
	conn, err := grpc.NewClient(o.addr, grpc.WithTransportCredentials(creds))
	if err != nil {
		fmt.Fprintln(os.Stderr, "expedition-demo:", err)
		return 2
	}
	defer conn.Close()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx = metadata.AppendToOutgoingContext(ctx, platform.RequestIDKey, o.requestID)
	start := time.Now()
	if o.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, start.Add(o.timeout))
		defer cancel()
	}
	if o.cancelAfter > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithCancel(ctx)
		defer cancel()
		timer := time.AfterFunc(o.cancelAfter, cancel)
		defer timer.Stop()
	}

	fmt.Printf("request id: %s\n", o.requestID)
	fmt.Printf("grep the services' logs for it: grep %s <log files>\n", o.requestID)
	client := expeditionv1.NewExpeditionServiceClient(conn)
	origin, destination := &geov1.PlaceRef{PlaceId: o.origin}, &geov1.PlaceRef{PlaceId: o.destination}
	if o.stream {
		err = streamPlans(ctx, client, start, &expeditionv1.StreamExpeditionRequest{Origin: origin, Destination: destination, MaxRoutes: int32(o.maxRoutes)})
	} else {
		err = planAll(ctx, client, start, &expeditionv1.PlanExpeditionRequest{Origin: origin, Destination: destination, MaxRoutes: int32(o.maxRoutes)})
	}
	elapsed := time.Since(start).Round(time.Millisecond)
	if err != nil {
		st := status.Convert(err)
		fmt.Printf("failed: %s after %v: %s\n", st.Code(), elapsed, st.Message())
		return 1
	}
	fmt.Printf("done: OK after %v\n", elapsed)
	return 0
}

func planAll(ctx context.Context, client expeditionv1.ExpeditionServiceClient, start time.Time, req *expeditionv1.PlanExpeditionRequest) error {
	resp, err := client.PlanExpedition(ctx, req)
	if err != nil {
		return err
	}
	for _, p := range resp.GetPlans() {
		printPlan(start, p)
	}
	return nil
}

func streamPlans(ctx context.Context, client expeditionv1.ExpeditionServiceClient, start time.Time, req *expeditionv1.StreamExpeditionRequest) error {
	stream, err := client.StreamExpedition(ctx, req)
	if err != nil {
		return err
	}
	for {
		resp, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		printPlan(start, resp.GetPlan())
	}
}

// printPlan prints a plan's route and the species met along it, and when
// it arrived.
func printPlan(start time.Time, p *expeditionv1.ExpeditionPlan) {
	route := p.GetRoute()
	places := make([]string, 0, len(route.GetWaypoints()))
	for _, w := range route.GetWaypoints() {
		places = append(places, w.GetPlace().GetPlaceId())
	}
	fmt.Printf("plan %d (+%v): %.1f km, %v: %s\n", p.GetRank(), time.Since(start).Round(time.Millisecond),
		route.GetDistanceKm(), route.GetEstimatedDuration().AsDuration().Round(time.Minute), strings.Join(places, " → "))
	byPlace := map[string][]string{}
	var order []string
	for _, e := range p.GetEncounters() {
		if _, ok := byPlace[e.GetPlaceId()]; !ok {
			order = append(order, e.GetPlaceId())
		}
		byPlace[e.GetPlaceId()] = append(byPlace[e.GetPlaceId()], fmt.Sprintf("%s %d%%", e.GetPokemon().GetName(), e.GetRatePercent()))
	}
	for _, place := range order {
		fmt.Printf("    %-16s %s\n", place, strings.Join(byPlace[place], ", "))
	}
}
