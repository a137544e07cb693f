// Package server implements kanto.expedition.v1.ExpeditionService: it asks
// the route planner for routes, then the Pokédex for the encounters along
// each route, one call per route, all at once.
//
// Deadlines and cancellation follow the caller. Every downstream call gets
// the incoming context, or a context derived from it that can only end
// sooner, and nothing else: gRPC sends the caller's absolute deadline on
// with each call, so each hop gets exactly what the hops before it left
// (the talk's "adaptive timeout", without anyone computing it), and a
// caller that cancels or runs out of time cancels every call below it. The
// handlers never create a deadline of their own and never detach from the
// caller's context, because work nobody is waiting for is wasted work.
package server

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	expeditionv1 "github.com/kanto-api/kanto/gen/go/kanto/expedition/v1"
	geov1 "github.com/kanto-api/kanto/gen/go/kanto/geo/v1"
	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
	routeplannerv1 "github.com/kanto-api/kanto/gen/go/kanto/routeplanner/v1"
	"github.com/kanto-api/kanto/services/platform"
	"github.com/kanto-api/kanto/services/platform/rules"
)

// MaxPlacesPerCall is the most place ids one ListEncounters request may
// carry, read from the schema's rule on place_ids; longer routes take
// several calls.
var MaxPlacesPerCall = rules.MaxItems(&pokedexv1.ListEncountersRequest{}, "place_ids")

// maxPlans is the most routes a request may ask for (the schema's rule on
// max_routes): a request that leaves max_routes zero gets the route
// planner's default, but never more plans than this.
var _, maxPlans = rules.Int32Range(&expeditionv1.PlanExpeditionRequest{}, "max_routes")

// The downstream services by the names error messages and logs use.
const (
	plannerName = "route planner"
	pokedexName = "Pokédex"
)

// RoutePlanner is the part of routeplannerv1.RoutePlannerServiceClient the
// handlers use, so tests can pass a fake.
type RoutePlanner interface {
	GetRoutes(ctx context.Context, in *routeplannerv1.GetRoutesRequest, opts ...grpc.CallOption) (*routeplannerv1.GetRoutesResponse, error)
}

// Pokedex is the part of pokedexv1.PokemonServiceClient the handlers use.
type Pokedex interface {
	ListEncounters(ctx context.Context, in *pokedexv1.ListEncountersRequest, opts ...grpc.CallOption) (*pokedexv1.ListEncountersResponse, error)
}

// Option configures New.
type Option func(*config)

type config struct {
	logger       *slog.Logger
	minHopBudget time.Duration
}

// WithLogger sets the logger that receives unexpected downstream errors in
// full (the client gets a generic message). Default: slog.Default(). New
// fails on nil.
func WithLogger(logger *slog.Logger) Option {
	return func(c *config) { c.logger = logger }
}

// WithMinHopBudget sets the least deadline budget a downstream call must
// have left when it would start. With less, the handler fails with
// DEADLINE_EXCEEDED and does not call: the next service would most likely
// run out of time anyway, and a call that is not made costs nothing. The
// check runs before every downstream call, not only when the request
// arrives, because the earlier hops spend the budget. Default: 0, which
// still refuses to call once the deadline has passed. New fails on a
// negative budget.
func WithMinHopBudget(d time.Duration) Option {
	return func(c *config) { c.minHopBudget = d }
}

// server implements ExpeditionService. It holds no mutable state and is
// safe for concurrent use.
type server struct {
	expeditionv1.UnimplementedExpeditionServiceServer

	planner      RoutePlanner
	pokedex      Pokedex
	logger       *slog.Logger
	minHopBudget time.Duration
}

// New returns the ExpeditionService handlers, which call planner and
// pokedex (usually generated clients; the caller owns their connections).
// It fails on a nil dependency or an invalid option.
func New(planner RoutePlanner, pokedex Pokedex, opts ...Option) (expeditionv1.ExpeditionServiceServer, error) {
	cfg := config{logger: slog.Default()}
	for _, opt := range opts {
		opt(&cfg)
	}
	switch {
	case planner == nil:
		return nil, errors.New("server: nil route planner client")
	case pokedex == nil:
		return nil, errors.New("server: nil Pokédex client")
	case cfg.logger == nil:
		return nil, errors.New("server: nil logger")
	case cfg.minHopBudget < 0:
		return nil, fmt.Errorf("server: negative minimum hop budget %v", cfg.minHopBudget)
	}
	return &server{planner: planner, pokedex: pokedex, logger: cfg.logger, minHopBudget: cfg.minHopBudget}, nil
}

// PlanExpedition returns one plan per route, best route first, once every
// route's encounters are known. It fails as a whole when any downstream
// call fails: NOT_FOUND when the route planner knows no route,
// DEADLINE_EXCEEDED or CANCELLED when the caller's deadline passes or it
// goes away (and then every call still in flight below is cancelled),
// UNAVAILABLE or INTERNAL for other downstream failures.
func (s *server) PlanExpedition(ctx context.Context, req *expeditionv1.PlanExpeditionRequest) (*expeditionv1.PlanExpeditionResponse, error) {
	var plans []*expeditionv1.ExpeditionPlan
	err := s.plan(ctx, req.GetOrigin(), req.GetDestination(), req.GetMaxRoutes(), func(p *expeditionv1.ExpeditionPlan) error {
		plans = append(plans, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(plans, func(a, b *expeditionv1.ExpeditionPlan) int { return cmp.Compare(a.GetRank(), b.GetRank()) })
	return &expeditionv1.PlanExpeditionResponse{Plans: plans}, nil
}

// StreamExpedition sends each route's plan as soon as its encounters
// arrive, so plans come in the order the Pokédex answers, not by rank. It
// ends with the errors of PlanExpedition; when the client cancels, the
// stream's context ends and with it every downstream call in flight.
func (s *server) StreamExpedition(req *expeditionv1.StreamExpeditionRequest, stream grpc.ServerStreamingServer[expeditionv1.StreamExpeditionResponse]) error {
	return s.plan(stream.Context(), req.GetOrigin(), req.GetDestination(), req.GetMaxRoutes(), func(p *expeditionv1.ExpeditionPlan) error {
		return stream.Send(&expeditionv1.StreamExpeditionResponse{Plan: p})
	})
}

// plan does the work both RPCs share: the routes, then the encounters of
// every route concurrently, each plan handed to emit as soon as it is
// complete. emit is called by one goroutine at a time, so it may use a
// stream or a slice without locking; an error from emit fails the plan.
//
// A zero maxRoutes is passed on as it is: the route planner applies its
// default (the same one the expedition's schema documents), which is
// defined there only.
func (s *server) plan(ctx context.Context, origin, destination *geov1.PlaceRef, maxRoutes int32, emit func(*expeditionv1.ExpeditionPlan) error) error {
	if err := s.checkBudget(ctx, plannerName); err != nil {
		return err
	}
	resp, err := s.planner.GetRoutes(ctx, &routeplannerv1.GetRoutesRequest{
		Origin:      origin,
		Destination: destination,
		MaxRoutes:   maxRoutes,
	})
	if err != nil {
		return s.downstreamError(ctx, plannerName, err, codes.NotFound)
	}
	routes := resp.GetRoutes()
	limit := maxRoutes
	if limit == 0 {
		limit = maxPlans
	}
	if len(routes) > int(limit) {
		routes = routes[:limit] // a planner that ignores max_routes does not widen the fan-out
	}

	// errgroup.WithContext derives gctx from ctx: the first call that fails
	// cancels gctx and so every sibling call still in flight, at once,
	// instead of letting them run on for a response that will not be sent;
	// and when ctx ends (deadline, client cancel) gctx ends with it.
	g, gctx := errgroup.WithContext(ctx)
	var emitMu sync.Mutex // serialises emit, which the per-route goroutines share
	for rank, route := range routes {
		g.Go(func() error {
			encounters, err := s.encounters(gctx, route)
			if err != nil {
				return err
			}
			emitMu.Lock()
			defer emitMu.Unlock()
			return emit(&expeditionv1.ExpeditionPlan{Route: route, Encounters: encounters, Rank: int32(rank)})
		})
	}
	if err := g.Wait(); err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			// The caller's deadline or cancellation is the answer, whichever
			// downstream error it happened to surface through first (a
			// failed stream.Send, say).
			return callerGone(ctxErr, "planning the expedition")
		}
		return err
	}
	return nil
}

// encounters returns the encounters at the route's places, in route order.
// ctx is the plan's group context: it ends when the caller's does or when
// a sibling route's call fails.
func (s *server) encounters(ctx context.Context, route *routeplannerv1.Route) ([]*pokedexv1.Encounter, error) {
	var out []*pokedexv1.Encounter
	for batch := range slices.Chunk(placeIDs(route), MaxPlacesPerCall) {
		if err := s.checkBudget(ctx, pokedexName); err != nil {
			return nil, err
		}
		resp, err := s.pokedex.ListEncounters(ctx, &pokedexv1.ListEncountersRequest{PlaceIds: batch})
		if err != nil {
			return nil, s.downstreamError(ctx, pokedexName, err)
		}
		out = append(out, resp.GetEncounters()...)
	}
	return out, nil
}

// placeIDs returns the distinct place ids of a route's waypoints in route
// order: ListEncounters rejects repeated ids, and a loopless route should
// have none, but the planner is another service.
func placeIDs(route *routeplannerv1.Route) []string {
	seen := map[string]bool{}
	var ids []string
	for _, w := range route.GetWaypoints() {
		id := w.GetPlace().GetPlaceId()
		if id == "" || seen[id] {
			continue
		}
		seen[id] = true
		ids = append(ids, id)
	}
	return ids
}

// checkBudget fails with DEADLINE_EXCEEDED, before any call to dep is made,
// when the caller has gone or the deadline budget left is below the
// minimum. The platform makes the same check when a request arrives; this
// one runs again before every downstream call, because the hops before it
// (the route planner's answer, for the Pokédex) spent part of the budget.
// A context without a deadline always passes.
func (s *server) checkBudget(ctx context.Context, dep string) error {
	if err := ctx.Err(); err != nil {
		return callerGone(err, "before calling the "+dep)
	}
	deadline, ok := ctx.Deadline()
	if !ok {
		return nil
	}
	if left := time.Until(deadline); left <= 0 || left < s.minHopBudget {
		return status.Errorf(codes.DeadlineExceeded, "deadline budget %v left to call the %s is below this service's minimum of %v",
			left.Round(time.Microsecond), dep, s.minHopBudget)
	}
	return nil
}

// downstreamError translates the error of a call to dep into this
// service's answer. The caller's own deadline or cancellation wins; then
// DEADLINE_EXCEEDED and CANCELLED pass through (dep ran out of time or was
// cancelled on its side), as do the codes in passThrough, which are
// meaningful to our caller (NOT_FOUND from the route planner: no such
// route). Overload and outages become UNAVAILABLE, which clients may
// retry; anything else is our contract with dep broken, INTERNAL. Those
// two are logged in full and reach the client only as a generic message.
func (s *server) downstreamError(ctx context.Context, dep string, err error, passThrough ...codes.Code) error {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return callerGone(ctxErr, "waiting for the "+dep)
	}
	st := status.Convert(err)
	switch code := st.Code(); {
	case slices.Contains(passThrough, code):
		return st.Err() // keeps the details, for example which place is unknown
	case code == codes.DeadlineExceeded || code == codes.Canceled:
		return status.Errorf(code, "%s: %s", dep, st.Message())
	case code == codes.Unavailable || code == codes.ResourceExhausted || code == codes.Aborted:
		s.logger.LogAttrs(ctx, slog.LevelWarn, "downstream unavailable", s.errorAttrs(ctx, dep, st)...)
		return status.Errorf(codes.Unavailable, "the %s is unavailable; try again later", dep)
	default:
		s.logger.LogAttrs(ctx, slog.LevelError, "downstream failed", s.errorAttrs(ctx, dep, st)...)
		return status.Errorf(codes.Internal, "the %s failed", dep)
	}
}

func (s *server) errorAttrs(ctx context.Context, dep string, st *status.Status) []slog.Attr {
	return []slog.Attr{
		slog.String("downstream", dep),
		slog.String("request_id", platform.RequestIDFromContext(ctx)),
		slog.String("code", st.Code().String()),
		slog.String("error", st.Message()),
	}
}

// callerGone is the status for a context that has ended: DEADLINE_EXCEEDED
// when its deadline passed, CANCELLED when the caller went away.
func callerGone(ctxErr error, doing string) error {
	st := status.FromContextError(ctxErr)
	if st.Code() == codes.DeadlineExceeded {
		return status.Errorf(codes.DeadlineExceeded, "the deadline passed %s", doing)
	}
	return status.Errorf(st.Code(), "the call was cancelled %s", doing)
}
