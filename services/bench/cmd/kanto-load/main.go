// Command kanto-load drives one benchmark case against a server and
// prints its result as one JSON line: calls (or stream messages) per
// second, latency percentiles and errors. `make bench` runs it for every
// case, pinned to its own core, against the bare grpc-go floor
// (bench-floor) and the real services, so that each figure is a ratio
// measured in one run.
//
//	kanto-load -case get -target <pokedex address> -concurrency 16 -conns 2 -duration 8s
//
// Cases:
//
//	get       GetPokemon, ids cycling over the seeded 1..1025
//	list      ListPokemon, 100 per page, pages cycling
//	routes    GetRoutes, Pallet Town to Cerulean City, 3 alternatives
//	navigate  Navigate: one bidirectional stream per worker, each message
//	          sent is answered; the rate counts answers
//	create    CreatePokemon then DeletePokemon of the same new species,
//	          with a curator token (-token), each worker in its own range
//	          of 100 numbers from -first-id; the rate counts acknowledged
//	          writes of both kinds
//	rest      GET <target>/v1/pokemon/{id} over HTTP/1.1 keep-alive, one
//	          connection per worker (-target is the gateway's base URL)
//
// Every request is built before the clock starts where it can be, so the
// driver spends its core on the calls.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	geov1 "github.com/kanto-api/kanto/gen/go/kanto/geo/v1"
	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
	"github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1/pokedexv1kanto"
	routeplannerv1 "github.com/kanto-api/kanto/gen/go/kanto/routeplanner/v1"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
)

// Result is one case's measurement.
type Result struct {
	Case        string  `json:"case"`
	Target      string  `json:"target"`
	Concurrency int     `json:"concurrency"`
	Calls       int64   `json:"calls"`
	Errors      int64   `json:"errors"`
	FirstError  string  `json:"first_error,omitempty"`
	Seconds     float64 `json:"seconds"`
	Rate        float64 `json:"rate"`
	P50Micros   float64 `json:"p50_us"`
	P90Micros   float64 `json:"p90_us"`
	P99Micros   float64 `json:"p99_us"`
}

// A worker makes one call (or exchanges one stream message) per do.
type worker interface {
	do(ctx context.Context, i int) error
	close()
}

type config struct {
	kase        string
	target      string
	concurrency int
	conns       int
	duration    time.Duration
	warmup      time.Duration
	token       string
	firstID     int
}

func main() {
	var c config
	flag.StringVar(&c.kase, "case", "get", "get, list, routes, navigate, create or rest")
	flag.StringVar(&c.target, "target", pokedexv1kanto.PokemonServiceInfo.DefaultTarget, "gRPC address, or the gateway's base URL for rest")
	flag.IntVar(&c.concurrency, "concurrency", 16, "calls in flight")
	flag.IntVar(&c.conns, "conns", 2, "gRPC connections the workers share")
	flag.DurationVar(&c.duration, "duration", 8*time.Second, "how long to measure")
	flag.DurationVar(&c.warmup, "warmup", 2*time.Second, "how long to run before measuring")
	flag.StringVar(&c.token, "token", "", "curator bearer token, for create")
	flag.IntVar(&c.firstID, "first-id", 3000, "first Pokédex number create uses (each worker takes 100)")
	flag.Parse()
	res, err := run(c)
	if err != nil {
		fmt.Fprintln(os.Stderr, "kanto-load:", err)
		os.Exit(1)
	}
	if err := json.NewEncoder(os.Stdout).Encode(res); err != nil {
		os.Exit(1)
	}
}

func run(c config) (*Result, error) {
	if c.concurrency < 1 || c.conns < 1 || c.duration <= 0 {
		return nil, errors.New("concurrency, conns and duration must be positive")
	}
	var conns []*grpc.ClientConn
	if c.kase != "rest" {
		for range c.conns {
			conn, err := grpc.NewClient(c.target, grpc.WithTransportCredentials(insecure.NewCredentials()))
			if err != nil {
				return nil, err
			}
			defer conn.Close()
			conns = append(conns, conn)
		}
	}
	workers := make([]worker, c.concurrency)
	for i := range workers {
		w, err := newWorker(c, conns, i)
		if err != nil {
			return nil, err
		}
		defer w.close()
		workers[i] = w
	}

	var (
		measuring atomic.Bool
		stop      atomic.Bool
		calls     atomic.Int64
		errCount  atomic.Int64
		firstErr  atomic.Pointer[string]
		wg        sync.WaitGroup
	)
	// Each worker keeps its own latencies; they are merged at the end.
	lat := make([][]time.Duration, len(workers))
	ctx := context.Background()
	for wi, w := range workers {
		wg.Go(func() {
			local := make([]time.Duration, 0, 1<<16)
			for i := wi; !stop.Load(); i += len(workers) {
				start := time.Now()
				err := w.do(ctx, i)
				if !measuring.Load() {
					continue
				}
				if err != nil {
					errCount.Add(1)
					msg := err.Error()
					firstErr.CompareAndSwap(nil, &msg)
					continue
				}
				local = append(local, time.Since(start))
				calls.Add(1)
			}
			lat[wi] = local
		})
	}
	time.Sleep(c.warmup)
	measuring.Store(true)
	begin := time.Now()
	time.Sleep(c.duration)
	measuring.Store(false)
	elapsed := time.Since(begin)
	stop.Store(true)
	wg.Wait()

	all := slices.Concat(lat...)
	slices.Sort(all)
	pct := func(p float64) float64 {
		if len(all) == 0 {
			return 0
		}
		return float64(all[min(len(all)-1, int(p*float64(len(all))))].Nanoseconds()) / 1e3
	}
	res := &Result{
		Case: c.kase, Target: c.target, Concurrency: c.concurrency,
		Calls: calls.Load(), Errors: errCount.Load(), Seconds: elapsed.Seconds(),
		Rate:      float64(calls.Load()) / elapsed.Seconds(),
		P50Micros: pct(0.50), P90Micros: pct(0.90), P99Micros: pct(0.99),
	}
	if p := firstErr.Load(); p != nil {
		res.FirstError = *p
	}
	return res, nil
}

func newWorker(c config, conns []*grpc.ClientConn, i int) (worker, error) {
	var conn *grpc.ClientConn
	if len(conns) > 0 {
		conn = conns[i%len(conns)]
	}
	switch c.kase {
	case "get":
		stub := pokedexv1.NewPokemonServiceClient(conn)
		reqs := make([]*pokedexv1.GetPokemonRequest, 1025)
		for id := range reqs {
			reqs[id] = &pokedexv1.GetPokemonRequest{Id: int32(id + 1)}
		}
		return unary(func(ctx context.Context, i int) error {
			_, err := stub.GetPokemon(ctx, reqs[i%len(reqs)])
			return err
		}), nil
	case "list":
		stub := pokedexv1.NewPokemonServiceClient(conn)
		// The page tokens of a full listing, collected once, so every call
		// reads a real page without depending on the previous one.
		tokens := []string{""}
		for {
			resp, err := stub.ListPokemon(context.Background(), &pokedexv1.ListPokemonRequest{PageSize: 100, PageToken: tokens[len(tokens)-1]})
			if err != nil {
				return nil, fmt.Errorf("list: collect page tokens: %w", err)
			}
			if resp.GetNextPageToken() == "" {
				break
			}
			tokens = append(tokens, resp.GetNextPageToken())
		}
		return unary(func(ctx context.Context, i int) error {
			_, err := stub.ListPokemon(ctx, &pokedexv1.ListPokemonRequest{PageSize: 100, PageToken: tokens[i%len(tokens)]})
			return err
		}), nil
	case "routes":
		stub := routeplannerv1.NewRoutePlannerServiceClient(conn)
		req := &routeplannerv1.GetRoutesRequest{
			Origin:      &geov1.PlaceRef{PlaceId: "pallet-town"},
			Destination: &geov1.PlaceRef{PlaceId: "cerulean-city"},
			MaxRoutes:   3,
		}
		return unary(func(ctx context.Context, _ int) error {
			_, err := stub.GetRoutes(ctx, req)
			return err
		}), nil
	case "navigate":
		stub := routeplannerv1.NewRoutePlannerServiceClient(conn)
		ctx, cancel := context.WithCancel(context.Background())
		stream, err := stub.Navigate(ctx)
		if err != nil {
			cancel()
			return nil, err
		}
		// Walking back and forth along Route 1, towards Viridian City.
		reqs := []*routeplannerv1.NavigateRequest{
			{Location: &geov1.Location{Latitude: 35.452, Longitude: 139.06}, Destination: &geov1.PlaceRef{PlaceId: "viridian-city"}},
			{Location: &geov1.Location{Latitude: 35.52, Longitude: 139.06}, Destination: &geov1.PlaceRef{PlaceId: "viridian-city"}},
		}
		return &navigator{stream: stream, cancel: cancel, reqs: reqs}, nil
	case "create":
		if c.token == "" {
			return nil, errors.New("create needs -token")
		}
		stub := pokedexv1.NewPokemonServiceClient(conn)
		// The Pokédex holds numbers up to 9999, so writers cannot create
		// forever: each creates a species of its own range, deletes it,
		// and moves on, and both writes count.
		return &writer{stub: stub, md: metadata.Pairs("authorization", "Bearer "+c.token), first: c.firstID + i*100}, nil
	case "rest":
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 1, MaxConnsPerHost: 1, ForceAttemptHTTP2: false}}
		urls := make([]string, 1025)
		for id := range urls {
			urls[id] = c.target + "/v1/pokemon/" + strconv.Itoa(id+1)
		}
		return &restWorker{client: client, urls: urls}, nil
	}
	return nil, fmt.Errorf("unknown case %q", c.kase)
}

type unary func(ctx context.Context, i int) error

func (u unary) do(ctx context.Context, i int) error { return u(ctx, i) }
func (unary) close()                                {}

type writer struct {
	stub  pokedexv1.PokemonServiceClient
	md    metadata.MD
	first int
	step  int
}

func (w *writer) do(ctx context.Context, _ int) error {
	id := int32(w.first + (w.step/2)%100)
	create := w.step%2 == 0
	w.step++
	ctx = metadata.NewOutgoingContext(ctx, w.md)
	if !create {
		_, err := w.stub.DeletePokemon(ctx, &pokedexv1.DeletePokemonRequest{Id: id})
		return err
	}
	_, err := w.stub.CreatePokemon(ctx, &pokedexv1.CreatePokemonRequest{
		Pokemon: &pokedexv1.Pokemon{
			Id:              id,
			Name:            "Benchmon " + strconv.Itoa(int(id)),
			Types:           []pokedexv1.PokemonType{pokedexv1.PokemonType_POKEMON_TYPE_NORMAL},
			Rarity:          pokedexv1.Rarity_RARITY_NORMAL,
			BaseStats:       &pokedexv1.BaseStats{Hp: 50, Attack: 50, Defense: 50, SpecialAttack: 50, SpecialDefense: 50, Speed: 50},
			HeightMeters:    1,
			WeightKilograms: 10,
		},
	})
	return err
}

func (*writer) close() {}

type navigator struct {
	stream grpc.BidiStreamingClient[routeplannerv1.NavigateRequest, routeplannerv1.NavigateResponse]
	cancel context.CancelFunc
	reqs   []*routeplannerv1.NavigateRequest
}

func (n *navigator) do(_ context.Context, i int) error {
	if err := n.stream.Send(n.reqs[i%len(n.reqs)]); err != nil {
		return err
	}
	_, err := n.stream.Recv()
	return err
}

func (n *navigator) close() { n.cancel() }

type restWorker struct {
	client *http.Client
	urls   []string
}

func (r *restWorker) do(ctx context.Context, i int) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, r.urls[i%len(r.urls)], nil)
	if err != nil {
		return err
	}
	resp, err := r.client.Do(req)
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	return err
}

func (r *restWorker) close() { r.client.CloseIdleConnections() }
