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
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	expeditionv1 "github.com/kanto-api/kanto/gen/go/kanto/expedition/v1"
	"github.com/kanto-api/kanto/gen/go/kanto/expedition/v1/expeditionv1kanto"
	geov1 "github.com/kanto-api/kanto/gen/go/kanto/geo/v1"
	kanto "github.com/kanto-api/kanto/sdk/go"
	"github.com/kanto-api/kanto/services/platform"
)

func main() {
	os.Exit(run())
}

// options are the demo's flags (each also KANTO_EXPEDITION_DEMO_<FLAG>).
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
	log         platform.LogConfig
}

func (o *options) RegisterFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.addr, "addr", o.addr, "gRPC target of the expedition service")
	fs.BoolVar(&o.useTLS, "tls", o.useTLS, "dial over TLS, trusting the system roots")
	fs.DurationVar(&o.timeout, "timeout", o.timeout, "the call's deadline, from now; 0 for none")
	fs.DurationVar(&o.cancelAfter, "cancel-after", o.cancelAfter, "cancel the call after this long, as a client that gives up; 0 never")
	fs.StringVar(&o.origin, "origin", o.origin, "place id where the expedition starts")
	fs.StringVar(&o.destination, "destination", o.destination, "place id where it ends")
	fs.IntVar(&o.maxRoutes, "max-routes", o.maxRoutes, "most alternative routes; 0 for the service's default")
	fs.BoolVar(&o.stream, "stream", o.stream, "call StreamExpedition and print each plan as it arrives")
	fs.StringVar(&o.requestID, "request-id", o.requestID, "request id to send (letters, digits, ._:-); empty for a random one")
}

func (o *options) Validate() error {
	if o.addr == "" {
		return errors.New("addr must be set")
	}
	return nil
}

// Logging is the platform.Config method; the demo prints, it does not log.
func (o *options) Logging() platform.LogConfig { return o.log }

// run returns the exit code: 0 when the call succeeded, 1 when it failed
// (its status is printed), 2 for bad flags or a bad address.
func run() int {
	o := options{
		addr:        expeditionv1kanto.ExpeditionServiceInfo.DefaultTarget,
		timeout:     2 * time.Second,
		origin:      "pallet-town",
		destination: "cerulean-city",
	}
	if err := platform.ParseConfig("expedition-demo", &o, os.Args[1:], os.LookupEnv); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintln(os.Stderr, "expedition-demo:", err)
		return 2
	}
	if o.requestID == "" {
		o.requestID = "demo-" + platform.NewRequestID()[:16]
	}

	// The generated client, with the service's call policy; the deadline
	// is the demo's own (-timeout), so the SDK adds none.
	opts := []kanto.Option{kanto.WithTarget(o.addr), kanto.WithDefaultTimeout(0)}
	if !o.useTLS {
		opts = append(opts, kanto.WithInsecure())
	}
	client, err := expeditionv1kanto.DialExpedition(opts...)
	if err != nil {
		fmt.Fprintln(os.Stderr, "expedition-demo:", err)
		return 2
	}
	defer client.Close()

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
	fmt.Printf("its hops in the services' JSON logs: scripts/hops.py %s <log files>\n", o.requestID)
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

func planAll(ctx context.Context, client *expeditionv1kanto.ExpeditionClient, start time.Time, req *expeditionv1.PlanExpeditionRequest) error {
	resp, err := client.PlanExpedition(ctx, req)
	if err != nil {
		return err
	}
	for _, p := range resp.GetPlans() {
		printPlan(start, p)
	}
	return nil
}

func streamPlans(ctx context.Context, client *expeditionv1kanto.ExpeditionClient, start time.Time, req *expeditionv1.StreamExpeditionRequest) error {
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
