// Command kanto-soak is `make soak`: a mixed load on every service for a
// while, through the generated Go SDK, then a check that nothing leaked.
//
// It starts the binaries with the launcher (production builds, free
// ports), and runs workers of every kind at once for -duration: reads
// (GetPokemon, ListPokemon pages, ListEncounters), writes (CreatePokemon
// and DeletePokemon of species of their own), the four stream shapes
// (WatchRoutes, RecordTrip, Navigate, StreamExpedition), calls cancelled
// midway and calls whose deadline expires. It reports the calls and errors
// by method and code, p99 per method, and each binary's RSS, goroutines
// and open file descriptors (from its /metrics) before, at the end of the
// load, and after it. It fails on an error code no call of its kind should
// get, and when goroutines or file descriptors do not come back to their
// baseline once the load has stopped.
//
//	kanto-soak -bin .build/bin -duration 10m
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	expeditionv1 "github.com/kanto-api/kanto/gen/go/kanto/expedition/v1"
	geov1 "github.com/kanto-api/kanto/gen/go/kanto/geo/v1"
	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
	routeplannerv1 "github.com/kanto-api/kanto/gen/go/kanto/routeplanner/v1"
	"github.com/kanto-api/kanto/gen/go/kantoclient"
	kanto "github.com/kanto-api/kanto/sdk/go"
	"github.com/kanto-api/kanto/services/launcher"
	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/types/known/timestamppb"
)

func main() {
	bin := flag.String("bin", ".build/bin", "directory of the binaries")
	duration := flag.Duration("duration", 30*time.Second, "how long the load runs")
	workers := flag.Int("workers", 2, "workers of each kind")
	settle := flag.Duration("settle", 30*time.Second, "how long to wait, after the load, for goroutines and file descriptors to return to their baseline")
	flag.Parse()
	if err := run(*bin, *duration, *workers, *settle); err != nil {
		fmt.Fprintln(os.Stderr, "kanto-soak:", err)
		os.Exit(1)
	}
}

// A sample is one call's outcome.
type sample struct {
	method string
	code   codes.Code
	took   time.Duration
}

// recorder collects samples from every worker.
type recorder struct {
	mu      sync.Mutex // guards samples
	samples []sample
}

func (r *recorder) add(method string, err error, took time.Duration) {
	r.mu.Lock()
	r.samples = append(r.samples, sample{method, kanto.Code(err), took})
	r.mu.Unlock()
}

// A worker makes calls of one kind until ctx ends; expected are the codes
// its calls may end with.
type worker struct {
	name     string
	expected []codes.Code
	run      func(ctx context.Context, c *kantoclient.Client, r *recorder, rng *rand.Rand)
}

func run(bin string, duration time.Duration, workers int, settle time.Duration) error {
	dir, err := os.MkdirTemp("", "kanto-soak-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	const token = "kanto-soak-curator-token"
	env, err := launcher.Start(ctx, launcher.Config{BinDir: bin, Dir: dir, Output: func(string) io.Writer { return nil },
		Settings: []launcher.Setting{
			{Binary: "pokedex", Flag: "curator-token", Value: token, Override: true},
			// Route conditions change often: WatchRoutes streams get updates.
			{Binary: "routeplanner", Flag: "conditions-interval", Value: "200ms", Override: true},
		},
	})
	if err != nil {
		return err
	}
	defer func() { _ = env.Stop() }()
	opts := []kanto.Option{kanto.WithInsecure(), kanto.WithToken(token)}
	for svc, addr := range env.Targets {
		opts = append(opts, kanto.WithServiceTarget(svc, addr))
	}
	client, err := kantoclient.New(opts...)
	if err != nil {
		return err
	}
	defer client.Close()

	kinds := workersOf()
	load := func(d time.Duration, rec *recorder) {
		loadCtx, stopLoad := context.WithTimeout(ctx, d)
		defer stopLoad()
		var wg sync.WaitGroup
		for i := range workers {
			for k, w := range kinds {
				seed := uint64(i*len(kinds) + k)
				wg.Go(func() { w.run(loadCtx, client, rec, rand.New(rand.NewPCG(seed, 42))) })
			}
		}
		wg.Wait()
	}
	// A short warm-up first: connections between the services and the
	// database's connection pool reach their steady size, which is the
	// baseline, not a leak.
	load(3*time.Second, &recorder{})
	before, _ := settleTo(env, nil, 0)
	rec := &recorder{}
	load(duration, rec)
	during := snapshot(env)
	// Once the load is gone, goroutines and open files come back to
	// where they were: a leak would not.
	after, settled := settleTo(env, before, settle)

	report(rec, kinds, before, during, after)
	var errs []error
	for _, w := range kinds {
		for _, s := range rec.samples {
			if s.method == w.name && !slices.Contains(w.expected, s.code) {
				errs = append(errs, fmt.Errorf("%s ended with %v, which no call of its kind should", s.method, s.code))
				break
			}
		}
	}
	if !settled {
		errs = append(errs, errors.New("goroutines or open file descriptors did not return to their baseline after the load"))
	}
	return errors.Join(errs...)
}

var (
	pallet   = &geov1.PlaceRef{PlaceId: "pallet-town"}
	cerulean = &geov1.PlaceRef{PlaceId: "cerulean-city"}
	viridian = &geov1.PlaceRef{PlaceId: "viridian-city"}
	pewter   = &geov1.PlaceRef{PlaceId: "pewter-city"}
)

// timed runs one call and records it.
func timed(r *recorder, method string, call func() error) {
	start := time.Now()
	err := call()
	r.add(method, err, time.Since(start))
}

func workersOf() []worker {
	ok := []codes.Code{codes.OK}
	// A call cut short by the end of the load ends CANCELLED or with the
	// load's deadline.
	end := []codes.Code{codes.OK, codes.Canceled, codes.DeadlineExceeded}
	return []worker{
		{"GetPokemon", end, func(ctx context.Context, c *kantoclient.Client, r *recorder, rng *rand.Rand) {
			for ctx.Err() == nil {
				timed(r, "GetPokemon", func() error {
					_, err := c.Pokemon().GetPokemon(ctx, &pokedexv1.GetPokemonRequest{Id: rng.Int32N(1025) + 1})
					return err
				})
			}
		}},
		{"ListPokemon", end, func(ctx context.Context, c *kantoclient.Client, r *recorder, _ *rand.Rand) {
			for ctx.Err() == nil {
				timed(r, "ListPokemon", func() error {
					for _, err := range c.Pokemon().ListPokemonPages(ctx, &pokedexv1.ListPokemonRequest{PageSize: 200}) {
						if err != nil {
							return err
						}
					}
					return nil
				})
			}
		}},
		{"ListEncounters", end, func(ctx context.Context, c *kantoclient.Client, r *recorder, _ *rand.Rand) {
			for ctx.Err() == nil {
				timed(r, "ListEncounters", func() error {
					_, err := c.Pokemon().ListEncounters(ctx, &pokedexv1.ListEncountersRequest{PlaceIds: []string{"route-1", "viridian-forest"}})
					return err
				})
			}
		}},
		{"CreateDelete", end, func(ctx context.Context, c *kantoclient.Client, r *recorder, rng *rand.Rand) {
			for ctx.Err() == nil {
				id := 5000 + rng.Int32N(4000)
				timed(r, "CreateDelete", func() error {
					_, err := c.Pokemon().CreatePokemon(ctx, &pokedexv1.CreatePokemonRequest{Pokemon: &pokedexv1.Pokemon{
						Id: id, Name: "Soakmon " + strconv.Itoa(int(id)), Types: []pokedexv1.PokemonType{pokedexv1.PokemonType_POKEMON_TYPE_WATER},
						Rarity: pokedexv1.Rarity_RARITY_NORMAL, HeightMeters: 1, WeightKilograms: 1,
						BaseStats: &pokedexv1.BaseStats{Hp: 1, Attack: 1, Defense: 1, SpecialAttack: 1, SpecialDefense: 1, Speed: 1},
					}})
					if kanto.Code(err) == codes.AlreadyExists {
						err = nil // another worker took the number; that is the point of ids
					}
					if err != nil {
						return err
					}
					_, err = c.Pokemon().DeletePokemon(ctx, &pokedexv1.DeletePokemonRequest{Id: id})
					if kanto.Code(err) == codes.NotFound {
						err = nil // deleted by the worker that created it
					}
					return err
				})
			}
		}},
		{"WatchRoutes", end, func(ctx context.Context, c *kantoclient.Client, r *recorder, _ *rand.Rand) {
			for ctx.Err() == nil {
				timed(r, "WatchRoutes", func() error {
					s, err := c.RoutePlanner().WatchRoutes(ctx, &routeplannerv1.WatchRoutesRequest{Origin: pallet, Destination: cerulean, MaxUpdates: 3})
					if err != nil {
						return err
					}
					for {
						if _, err := s.Recv(); err != nil {
							if errors.Is(err, io.EOF) {
								return nil
							}
							return err
						}
					}
				})
			}
		}},
		{"RecordTrip", end, func(ctx context.Context, c *kantoclient.Client, r *recorder, _ *rand.Rand) {
			for ctx.Err() == nil {
				timed(r, "RecordTrip", func() error {
					s, err := c.RoutePlanner().RecordTrip(ctx)
					if err != nil {
						return err
					}
					start := time.Now()
					for i, lat := range []float64{35.452, 35.584, 35.716} {
						if s.Send(&routeplannerv1.RecordTripRequest{Location: &geov1.Location{Latitude: lat, Longitude: 139.06}, RecordTime: timestamppb.New(start.Add(time.Duration(i) * time.Hour))}) != nil {
							break
						}
					}
					_, err = s.CloseAndRecv()
					return err
				})
			}
		}},
		{"Navigate", end, func(ctx context.Context, c *kantoclient.Client, r *recorder, _ *rand.Rand) {
			for ctx.Err() == nil {
				timed(r, "Navigate", func() error {
					s, err := c.RoutePlanner().Navigate(ctx)
					if err != nil {
						return err
					}
					for range 20 {
						if err := s.Send(&routeplannerv1.NavigateRequest{Location: &geov1.Location{Latitude: 35.452, Longitude: 139.06}, Destination: viridian}); err != nil {
							break
						}
						if _, err := s.Recv(); err != nil {
							return err
						}
					}
					if err := s.CloseSend(); err != nil {
						return err
					}
					if _, err := s.Recv(); !errors.Is(err, io.EOF) {
						return err
					}
					return nil
				})
			}
		}},
		{"StreamExpedition", end, func(ctx context.Context, c *kantoclient.Client, r *recorder, _ *rand.Rand) {
			for ctx.Err() == nil {
				timed(r, "StreamExpedition", func() error {
					s, err := c.Expedition().StreamExpedition(ctx, &expeditionv1.StreamExpeditionRequest{Origin: pallet, Destination: pewter})
					if err != nil {
						return err
					}
					for {
						if _, err := s.Recv(); err != nil {
							if errors.Is(err, io.EOF) {
								return nil
							}
							return err
						}
					}
				})
			}
		}},
		// Calls the client gives up on midway: the servers must stop the
		// work and free what it held.
		{"cancelled PlanExpedition", []codes.Code{codes.OK, codes.Canceled}, func(ctx context.Context, c *kantoclient.Client, r *recorder, rng *rand.Rand) {
			for ctx.Err() == nil {
				call, cancel := context.WithCancel(context.WithoutCancel(ctx))
				time.AfterFunc(time.Duration(rng.IntN(3000))*time.Microsecond, cancel)
				timed(r, "cancelled PlanExpedition", func() error {
					_, err := c.Expedition().PlanExpedition(call, &expeditionv1.PlanExpeditionRequest{Origin: pallet, Destination: pewter})
					return err
				})
				cancel()
			}
		}},
		// Calls whose deadline passes on the way.
		{"expiring PlanExpedition", []codes.Code{codes.OK, codes.DeadlineExceeded}, func(ctx context.Context, c *kantoclient.Client, r *recorder, rng *rand.Rand) {
			for ctx.Err() == nil {
				call, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Duration(1+rng.IntN(5000))*time.Microsecond)
				timed(r, "expiring PlanExpedition", func() error {
					_, err := c.Expedition().PlanExpedition(call, &expeditionv1.PlanExpeditionRequest{Origin: pallet, Destination: pewter})
					return err
				})
				cancel()
			}
		}},
		{"expiring GetRoutes", append(ok, codes.DeadlineExceeded), func(ctx context.Context, c *kantoclient.Client, r *recorder, rng *rand.Rand) {
			for ctx.Err() == nil {
				call, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Duration(1+rng.IntN(2000))*time.Microsecond)
				timed(r, "expiring GetRoutes", func() error {
					_, err := c.RoutePlanner().GetRoutes(call, &routeplannerv1.GetRoutesRequest{Origin: pallet, Destination: cerulean, MaxRoutes: 3})
					return err
				})
				cancel()
			}
		}},
	}
}

// usage is what a binary uses, from its /metrics.
type usage struct{ rss, goroutines, fds float64 }

func snapshot(env *launcher.Env) map[string]usage {
	out := map[string]usage{}
	for _, p := range env.Processes {
		if p.MetricsAddr == "" {
			continue
		}
		m, err := metrics(p.MetricsAddr)
		if err != nil {
			continue
		}
		out[p.Name] = usage{m["process_resident_memory_bytes"], m["go_goroutines"], m["process_open_fds"]}
	}
	return out
}

// settleTo waits until every binary's goroutines and open file descriptors
// are back within a small slack of the baseline, for at most settle.
func settleTo(env *launcher.Env, base map[string]usage, settle time.Duration) (map[string]usage, bool) {
	deadline := time.Now().Add(settle)
	for {
		now := snapshot(env)
		ok := true
		for name, b := range base {
			n := now[name]
			// The slack covers what lives on between calls by design:
			// the metrics scrape itself, idle keepalive and timers.
			if n.goroutines > b.goroutines+5 || n.fds > b.fds+3 {
				ok = false
			}
		}
		if ok || time.Now().After(deadline) {
			return now, ok
		}
		time.Sleep(250 * time.Millisecond) // polling /metrics; the condition is the counts
	}
}

func metrics(addr string) (map[string]float64, error) {
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	out := map[string]float64{}
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		name, value, ok := strings.Cut(sc.Text(), " ")
		if !ok || strings.HasPrefix(name, "#") || strings.Contains(name, "{") {
			continue
		}
		if v, err := strconv.ParseFloat(value, 64); err == nil {
			out[name] = v
		}
	}
	return out, sc.Err()
}

func report(rec *recorder, kinds []worker, before, during, after map[string]usage) {
	byMethod := map[string][]sample{}
	for _, s := range rec.samples {
		byMethod[s.method] = append(byMethod[s.method], s)
	}
	fmt.Printf("%-26s %9s %9s  %s\n", "method", "calls", "p99", "codes")
	for _, w := range kinds {
		ss := byMethod[w.name]
		durations := make([]time.Duration, len(ss))
		counts := map[codes.Code]int{}
		for i, s := range ss {
			durations[i] = s.took
			counts[s.code]++
		}
		slices.Sort(durations)
		p99 := time.Duration(0)
		if len(durations) > 0 {
			p99 = durations[min(len(durations)-1, len(durations)*99/100)]
		}
		var cs []string
		for c, n := range counts {
			cs = append(cs, fmt.Sprintf("%v=%d", c, n))
		}
		sort.Strings(cs)
		fmt.Printf("%-26s %9d %9s  %s\n", w.name, len(ss), p99.Round(10*time.Microsecond), strings.Join(cs, " "))
	}
	fmt.Printf("\n%-13s %26s %26s %26s\n", "binary", "RSS MiB before/load/after", "goroutines", "open fds")
	names := make([]string, 0, len(before))
	for n := range before {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		b, d, a := before[n], during[n], after[n]
		fmt.Printf("%-13s %26s %26s %26s\n", n,
			fmt.Sprintf("%.0f / %.0f / %.0f", b.rss/(1<<20), d.rss/(1<<20), a.rss/(1<<20)),
			fmt.Sprintf("%.0f / %.0f / %.0f", b.goroutines, d.goroutines, a.goroutines),
			fmt.Sprintf("%.0f / %.0f / %.0f", b.fds, d.fds, a.fds))
	}
}
