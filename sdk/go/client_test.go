package kanto_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
	routeplannerv1 "github.com/kanto-api/kanto/gen/go/kanto/routeplanner/v1"
	"github.com/kanto-api/kanto/gen/go/serviceconfig"
	kanto "github.com/kanto-api/kanto/sdk/go"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/keepalive"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/resolver"
	"google.golang.org/grpc/resolver/manual"
	"google.golang.org/grpc/status"
)

// newClient connects a plaintext client to addr for every service and
// closes it when the test ends.
func newClient(t *testing.T, addr string, opts ...kanto.Option) *kanto.Client {
	t.Helper()
	client, err := kanto.NewClient(addr, append([]kanto.Option{kanto.WithInsecure()}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := client.Close(); err != nil {
			t.Error(err)
		}
	})
	return client
}

// methodConfig returns the timeout and retry maxAttempts the shared
// service config declares for a method, so the tests check the SDK against
// the file rather than against copies of its numbers.
func methodConfig(t *testing.T, svcConfig, service, method string) (timeout time.Duration, maxAttempts int) {
	t.Helper()
	var sc struct {
		MethodConfig []struct {
			Name []struct {
				Service string `json:"service"`
				Method  string `json:"method"`
			} `json:"name"`
			Timeout     string `json:"timeout"`
			RetryPolicy *struct {
				MaxAttempts int `json:"maxAttempts"`
			} `json:"retryPolicy"`
		} `json:"methodConfig"`
	}
	if err := json.Unmarshal([]byte(svcConfig), &sc); err != nil {
		t.Fatal(err)
	}
	// An exact method name wins over a service-wide entry, as in gRPC.
	for _, exact := range []bool{true, false} {
		for _, mc := range sc.MethodConfig {
			for _, n := range mc.Name {
				if n.Service != service || (exact && n.Method != method) || (!exact && n.Method != "") {
					continue
				}
				if mc.Timeout != "" {
					d, err := time.ParseDuration(mc.Timeout)
					if err != nil {
						t.Fatal(err)
					}
					timeout = d
				}
				maxAttempts = 1
				if mc.RetryPolicy != nil {
					maxAttempts = mc.RetryPolicy.MaxAttempts
				}
				return timeout, maxAttempts
			}
		}
	}
	t.Fatalf("no method config for %s/%s", service, method)
	return 0, 0
}

func TestNewClientValidatesOptions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		target  string
		opts    []kanto.Option
		wantErr string // "" for success
	}{
		{name: "defaults", target: "pokedex.example.com:443"},
		{name: "one target per service", opts: []kanto.Option{
			kanto.WithPokedexTarget("a:1"), kanto.WithRoutePlannerTarget("b:2"), kanto.WithExpeditionTarget("c:3"),
		}},
		{name: "dns scheme", target: "dns:///pokedex.example.com:443"},
		{name: "plaintext token allowed explicitly", target: "127.0.0.1:1", opts: []kanto.Option{kanto.WithInsecure(), kanto.WithInsecureToken("t")}},
		{name: "no target", wantErr: "no target for the Pokédex service"},
		{name: "a service without target", opts: []kanto.Option{kanto.WithPokedexTarget("a:1"), kanto.WithExpeditionTarget("c:3")}, wantErr: "no target for the route planner service"},
		{name: "tls and insecure", target: "a:1", opts: []kanto.Option{kanto.WithTLS(nil), kanto.WithInsecure()}, wantErr: "exclude each other"},
		{name: "token over plaintext", target: "a:1", opts: []kanto.Option{kanto.WithInsecure(), kanto.WithToken("t")}, wantErr: "use WithInsecureToken"},
		{name: "empty token", target: "a:1", opts: []kanto.Option{kanto.WithToken("")}, wantErr: "empty bearer token"},
		{name: "negative timeout", target: "a:1", opts: []kanto.Option{kanto.WithDefaultTimeout(-time.Second)}, wantErr: "negative default timeout"},
		{name: "negative stream timeout", target: "a:1", opts: []kanto.Option{kanto.WithDefaultStreamTimeout(-time.Second)}, wantErr: "negative default stream timeout"},
		{name: "keepalive below server minimum", target: "a:1", opts: []kanto.Option{kanto.WithKeepalive(keepalive.ClientParameters{Time: time.Second, Timeout: time.Second})}, wantErr: "below the servers' minimum"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, err := kanto.NewClient(tt.target, tt.opts...)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("NewClient: %v", err)
				}
				if err := client.Close(); err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("NewClient error = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestDefaultDeadline(t *testing.T) {
	t.Parallel()
	// The server reports how much time the call had left when it arrived,
	// or -1 for no deadline.
	remaining := func(ctx context.Context) time.Duration {
		if dl, ok := ctx.Deadline(); ok {
			return time.Until(dl)
		}
		return -1
	}
	var unaryLeft, streamLeft atomic.Int64
	addr := startFake(t,
		&fakePokedex{GetPokemonFn: func(ctx context.Context, _ *pokedexv1.GetPokemonRequest) (*pokedexv1.GetPokemonResponse, error) {
			unaryLeft.Store(int64(remaining(ctx)))
			return &pokedexv1.GetPokemonResponse{}, nil
		}},
		&fakeRoutePlanner{NavigateFn: func(s grpc.BidiStreamingServer[routeplannerv1.NavigateRequest, routeplannerv1.NavigateResponse]) error {
			streamLeft.Store(int64(remaining(s.Context())))
			return nil
		}},
	)
	getTimeout, _ := methodConfig(t, serviceconfig.Pokedex, "kanto.pokedex.v1.PokemonService", "GetPokemon")
	if getTimeout == 0 || getTimeout >= kanto.DefaultTimeout {
		t.Fatalf("test assumes GetPokemon's service config timeout (%v) is below DefaultTimeout", getTimeout)
	}
	// A bound (lo, hi]; lo < 0 and hi < 0 stands for "no deadline".
	type window struct{ lo, hi time.Duration }
	none := window{-2, -1}
	tests := []struct {
		name       string
		opts       []kanto.Option
		callerTime time.Duration // 0: the caller sets no deadline
		unary      window
		stream     window
	}{
		{
			name:   "defaults: service config timeout for unary, none for streams",
			unary:  window{getTimeout - time.Second, getTimeout},
			stream: none,
		},
		{
			name:   "default shorter than the service config",
			opts:   []kanto.Option{kanto.WithDefaultTimeout(2 * time.Second), kanto.WithDefaultStreamTimeout(2 * time.Second)},
			unary:  window{time.Second, 2 * time.Second},
			stream: window{time.Second, 2 * time.Second},
		},
		{
			name:       "the caller's deadline is kept",
			opts:       []kanto.Option{kanto.WithDefaultTimeout(2 * time.Second), kanto.WithDefaultStreamTimeout(2 * time.Second)},
			callerTime: 3 * time.Second,
			unary:      window{2500 * time.Millisecond, 3 * time.Second},
			stream:     window{2500 * time.Millisecond, 3 * time.Second},
		},
		{
			name:   "disabled default",
			opts:   []kanto.Option{kanto.WithDefaultTimeout(0)},
			unary:  window{getTimeout - time.Second, getTimeout},
			stream: none,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Not parallel: the fake's recorders are shared.
			client := newClient(t, addr, tt.opts...)
			ctx := t.Context()
			if tt.callerTime > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tt.callerTime)
				defer cancel()
			}
			if _, err := client.Pokedex().GetPokemon(ctx, &pokedexv1.GetPokemonRequest{Id: 25}); err != nil {
				t.Fatal(err)
			}
			stream, err := client.RoutePlanner().Navigate(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := stream.Recv(); !errors.Is(err, io.EOF) {
				t.Fatalf("Navigate Recv = %v, want io.EOF", err)
			}
			for _, c := range []struct {
				what string
				got  time.Duration
				want window
			}{
				{"unary", time.Duration(unaryLeft.Load()), tt.unary},
				{"stream", time.Duration(streamLeft.Load()), tt.stream},
			} {
				if c.want == none {
					if c.got != -1 {
						t.Errorf("%s call: deadline in %v, want none", c.what, c.got)
					}
					continue
				}
				if c.got <= c.want.lo || c.got > c.want.hi {
					t.Errorf("%s call: deadline in %v, want within (%v, %v]", c.what, c.got, c.want.lo, c.want.hi)
				}
			}
		})
	}
}

func TestBearerToken(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex // guards got
	var got []string
	addr := startFake(t, &fakePokedex{GetPokemonFn: func(ctx context.Context, _ *pokedexv1.GetPokemonRequest) (*pokedexv1.GetPokemonResponse, error) {
		md, _ := metadata.FromIncomingContext(ctx)
		mu.Lock()
		got = md.Get("authorization")
		mu.Unlock()
		return &pokedexv1.GetPokemonResponse{}, nil
	}}, nil)
	tests := []struct {
		name   string
		opts   []kanto.Option
		callMD []string
		want   []string
	}{
		{name: "no token", want: nil},
		{name: "client token", opts: []kanto.Option{kanto.WithInsecureToken("s3cret")}, want: []string{"Bearer s3cret"}},
		{name: "per-call header wins", opts: []kanto.Option{kanto.WithInsecureToken("s3cret")}, callMD: []string{"authorization", "Bearer other"}, want: []string{"Bearer other"}},
		{name: "per-call header without client token", callMD: []string{"authorization", "Bearer other"}, want: []string{"Bearer other"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client := newClient(t, addr, tt.opts...)
			ctx := t.Context()
			if tt.callMD != nil {
				ctx = metadata.AppendToOutgoingContext(ctx, tt.callMD...)
			}
			if _, err := client.Pokedex().GetPokemon(ctx, &pokedexv1.GetPokemonRequest{Id: 25}); err != nil {
				t.Fatal(err)
			}
			mu.Lock()
			defer mu.Unlock()
			if !slices.Equal(got, tt.want) {
				t.Errorf("authorization = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRetryOnUnavailable(t *testing.T) {
	t.Parallel()
	const svc = "kanto.pokedex.v1.PokemonService"
	_, getAttempts := methodConfig(t, serviceconfig.Pokedex, svc, "GetPokemon")
	_, updateAttempts := methodConfig(t, serviceconfig.Pokedex, svc, "UpdatePokemon")
	if getAttempts < 3 || updateAttempts != 1 {
		t.Fatalf("test assumes GetPokemon retries at least twice (maxAttempts %d) and UpdatePokemon never (%d)", getAttempts, updateAttempts)
	}

	// failures says how many attempts of the next call fail and with what.
	type plan struct {
		failures int
		code     codes.Code
	}
	var mu sync.Mutex // guards p and attempts
	var p plan
	var attempts int
	handle := func() error {
		mu.Lock()
		defer mu.Unlock()
		attempts++
		if attempts <= p.failures {
			return status.Error(p.code, "injected")
		}
		return nil
	}
	addr := startFake(t, &fakePokedex{
		GetPokemonFn: func(context.Context, *pokedexv1.GetPokemonRequest) (*pokedexv1.GetPokemonResponse, error) {
			if err := handle(); err != nil {
				return nil, err
			}
			return &pokedexv1.GetPokemonResponse{Pokemon: &pokedexv1.Pokemon{Id: 25, Name: "Pikachu"}}, nil
		},
		UpdatePokemonFn: func(context.Context, *pokedexv1.UpdatePokemonRequest) (*pokedexv1.UpdatePokemonResponse, error) {
			if err := handle(); err != nil {
				return nil, err
			}
			return &pokedexv1.UpdatePokemonResponse{}, nil
		},
	}, nil)
	client := newClient(t, addr)

	tests := []struct {
		name         string
		call         func(context.Context) error
		plan         plan
		wantCode     codes.Code
		wantAttempts int
	}{
		{
			name: "unavailable then success",
			call: func(ctx context.Context) error {
				_, err := client.Pokedex().GetPokemon(ctx, &pokedexv1.GetPokemonRequest{Id: 25})
				return err
			},
			plan: plan{failures: getAttempts - 1, code: codes.Unavailable}, wantCode: codes.OK, wantAttempts: getAttempts,
		},
		{
			name: "unavailable on every attempt",
			call: func(ctx context.Context) error {
				_, err := client.Pokedex().GetPokemon(ctx, &pokedexv1.GetPokemonRequest{Id: 25})
				return err
			},
			plan: plan{failures: 100, code: codes.Unavailable}, wantCode: codes.Unavailable, wantAttempts: getAttempts,
		},
		{
			name: "other codes are not retried",
			call: func(ctx context.Context) error {
				_, err := client.Pokedex().GetPokemon(ctx, &pokedexv1.GetPokemonRequest{Id: 25})
				return err
			},
			plan: plan{failures: 1, code: codes.Internal}, wantCode: codes.Internal, wantAttempts: 1,
		},
		{
			name: "methods without a retry policy are not retried",
			call: func(ctx context.Context) error {
				_, err := client.Pokedex().UpdatePokemon(ctx, &pokedexv1.UpdatePokemonRequest{})
				return err
			},
			plan: plan{failures: 1, code: codes.Unavailable}, wantCode: codes.Unavailable, wantAttempts: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mu.Lock()
			p, attempts = tt.plan, 0
			mu.Unlock()
			err := tt.call(t.Context())
			if got := kanto.Code(err); got != tt.wantCode {
				t.Errorf("code = %v (%v), want %v", got, err, tt.wantCode)
			}
			mu.Lock()
			defer mu.Unlock()
			if attempts != tt.wantAttempts {
				t.Errorf("attempts = %d, want %d", attempts, tt.wantAttempts)
			}
		})
	}
}

var uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestCreatePokemonRequestID(t *testing.T) {
	t.Parallel()
	if _, n := methodConfig(t, serviceconfig.Pokedex, "kanto.pokedex.v1.PokemonService", "CreatePokemon"); n < 2 {
		t.Fatalf("test assumes the service config retries CreatePokemon on UNAVAILABLE (maxAttempts %d)", n)
	}
	var mu sync.Mutex // guards ids
	var ids []string
	addr := startFake(t, &fakePokedex{CreatePokemonFn: func(_ context.Context, req *pokedexv1.CreatePokemonRequest) (*pokedexv1.CreatePokemonResponse, error) {
		mu.Lock()
		defer mu.Unlock()
		ids = append(ids, req.GetRequestId())
		if len(ids) == 1 {
			// The first attempt fails as if the server were restarting.
			return nil, status.Error(codes.Unavailable, "injected")
		}
		return &pokedexv1.CreatePokemonResponse{Pokemon: req.GetPokemon()}, nil
	}}, nil)
	client := newClient(t, addr)

	t.Run("filled when empty and kept across retries", func(t *testing.T) {
		req := &pokedexv1.CreatePokemonRequest{Pokemon: &pokedexv1.Pokemon{Id: 2001, Name: "Kantomon"}}
		if _, err := client.Pokedex().CreatePokemon(t.Context(), req); err != nil {
			t.Fatal(err)
		}
		mu.Lock()
		defer mu.Unlock()
		if len(ids) != 2 || ids[0] != ids[1] || !uuidPattern.MatchString(ids[0]) {
			t.Errorf("request ids of the attempts = %q, want the same UUID twice", ids)
		}
		if req.GetRequestId() != "" {
			t.Errorf("the caller's request was modified: request_id %q", req.GetRequestId())
		}
		ids = nil
	})
	t.Run("the caller's is kept", func(t *testing.T) {
		req := &pokedexv1.CreatePokemonRequest{Pokemon: &pokedexv1.Pokemon{Id: 2001}, RequestId: "mine-1"}
		if _, err := client.Pokedex().CreatePokemon(t.Context(), req); err != nil {
			t.Fatal(err)
		}
		mu.Lock()
		defer mu.Unlock()
		if !slices.Equal(ids, []string{"mine-1", "mine-1"}) {
			t.Errorf("request ids of the attempts = %q, want mine-1 twice", ids)
		}
	})
}

func TestNewRequestID(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for range 1000 {
		id := kanto.NewRequestID()
		if !uuidPattern.MatchString(id) {
			t.Fatalf("NewRequestID() = %q, not a version 4 UUID", id)
		}
		if seen[id] {
			t.Fatalf("NewRequestID() repeated %q", id)
		}
		seen[id] = true
	}
}

func TestAllPokemon(t *testing.T) {
	t.Parallel()
	const total = 7
	var mu sync.Mutex // guards tokens and failPage
	var tokens []string
	failPage := -1
	addr := startFake(t, &fakePokedex{ListPokemonFn: func(_ context.Context, req *pokedexv1.ListPokemonRequest) (*pokedexv1.ListPokemonResponse, error) {
		mu.Lock()
		defer mu.Unlock()
		tokens = append(tokens, req.GetPageToken())
		if req.GetType() != pokedexv1.PokemonType_POKEMON_TYPE_ELECTRIC {
			return nil, status.Error(codes.InvalidArgument, "the filter was lost between pages")
		}
		if len(tokens)-1 == failPage {
			return nil, status.Error(codes.Internal, "injected")
		}
		start := 0
		if req.GetPageToken() != "" {
			start, _ = strconv.Atoi(req.GetPageToken())
		}
		size := int(req.GetPageSize())
		if size == 0 {
			size = 3
		}
		resp := &pokedexv1.ListPokemonResponse{TotalSize: total}
		for i := start; i < min(start+size, total); i++ {
			resp.Pokemon = append(resp.Pokemon, &pokedexv1.Pokemon{Id: int32(i + 1)})
		}
		if start+size < total {
			resp.NextPageToken = strconv.Itoa(start + size)
		}
		return resp, nil
	}}, nil)
	client := newClient(t, addr)

	tests := []struct {
		name       string
		pageSize   int32
		stopAfter  int // 0: read everything
		failPage   int // -1: no failure
		wantIDs    []int32
		wantErr    bool
		wantTokens []string
	}{
		{name: "every page", failPage: -1, wantIDs: []int32{1, 2, 3, 4, 5, 6, 7}, wantTokens: []string{"", "3", "6"}},
		{name: "page size passed on", pageSize: 4, failPage: -1, wantIDs: []int32{1, 2, 3, 4, 5, 6, 7}, wantTokens: []string{"", "4"}},
		{name: "early stop makes no more calls", stopAfter: 4, failPage: -1, wantIDs: []int32{1, 2, 3, 4}, wantTokens: []string{"", "3"}},
		{name: "error on the second page", failPage: 1, wantIDs: []int32{1, 2, 3}, wantErr: true, wantTokens: []string{"", "3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mu.Lock()
			tokens, failPage = nil, tt.failPage
			mu.Unlock()
			req := &pokedexv1.ListPokemonRequest{PageSize: tt.pageSize, Type: pokedexv1.PokemonType_POKEMON_TYPE_ELECTRIC}
			var ids []int32
			var errs []error
			for p, err := range client.Pokedex().AllPokemon(t.Context(), req) {
				if err != nil {
					errs = append(errs, err)
					continue
				}
				ids = append(ids, p.GetId())
				if len(ids) == tt.stopAfter {
					break
				}
			}
			if !slices.Equal(ids, tt.wantIDs) {
				t.Errorf("ids = %v, want %v", ids, tt.wantIDs)
			}
			if tt.wantErr != (len(errs) == 1) || len(errs) > 1 {
				t.Errorf("errors = %v, want one: %v", errs, tt.wantErr)
			}
			mu.Lock()
			defer mu.Unlock()
			if !slices.Equal(tokens, tt.wantTokens) {
				t.Errorf("page tokens asked = %q, want %q", tokens, tt.wantTokens)
			}
			if req.GetPageToken() != "" {
				t.Errorf("the caller's request was modified: page_token %q", req.GetPageToken())
			}
		})
	}
}

func TestFieldViolations(t *testing.T) {
	t.Parallel()
	badRequest := &errdetails.BadRequest{FieldViolations: []*errdetails.BadRequest_FieldViolation{
		{Field: "pokemon.name", Reason: "string.min_len", Description: "too short"},
		{Field: "pokemon.base_stats.hp", Reason: "int32.gte_lte", Description: "out of range"},
	}}
	want := []kanto.FieldViolation{
		{Field: "pokemon.name", Reason: "string.min_len", Description: "too short"},
		{Field: "pokemon.base_stats.hp", Reason: "int32.gte_lte", Description: "out of range"},
	}
	addr := startFake(t, &fakePokedex{CreatePokemonFn: func(context.Context, *pokedexv1.CreatePokemonRequest) (*pokedexv1.CreatePokemonResponse, error) {
		st, err := status.New(codes.InvalidArgument, "invalid request").WithDetails(badRequest)
		if err != nil {
			return nil, err
		}
		return nil, st.Err()
	}}, nil)
	client := newClient(t, addr)
	_, wireErr := client.Pokedex().CreatePokemon(t.Context(), &pokedexv1.CreatePokemonRequest{})

	tests := []struct {
		name string
		err  error
		want []kanto.FieldViolation
	}{
		{name: "over the wire", err: wireErr, want: want},
		{name: "wrapped", err: fmt.Errorf("create: %w", wireErr), want: want},
		{name: "nil", err: nil, want: nil},
		{name: "not a status", err: errors.New("boom"), want: nil},
		{name: "status without details", err: status.Error(codes.InvalidArgument, "bad"), want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := kanto.FieldViolations(tt.err); !slices.Equal(got, tt.want) {
				t.Errorf("FieldViolations = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestCode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		err  error
		want codes.Code
	}{
		{nil, codes.OK},
		{status.Error(codes.NotFound, "x"), codes.NotFound},
		{fmt.Errorf("wrapped: %w", status.Error(codes.PermissionDenied, "x")), codes.PermissionDenied},
		{context.DeadlineExceeded, codes.DeadlineExceeded},
		{fmt.Errorf("wrapped: %w", context.Canceled), codes.Canceled},
		{errors.New("boom"), codes.Unknown},
	}
	for _, tt := range tests {
		if got := kanto.Code(tt.err); got != tt.want {
			t.Errorf("Code(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

// TestRoundRobin checks that calls are spread over every address a target
// resolves to, which gRPC's default policy (pick_first) would not do.
func TestRoundRobin(t *testing.T) {
	t.Parallel()
	var hits [2]atomic.Int64
	var addrs []resolver.Address
	for i := range hits {
		addrs = append(addrs, resolver.Address{Addr: startFake(t, &fakePokedex{
			GetPokemonFn: func(context.Context, *pokedexv1.GetPokemonRequest) (*pokedexv1.GetPokemonResponse, error) {
				hits[i].Add(1)
				return &pokedexv1.GetPokemonResponse{}, nil
			},
		}, nil)})
	}
	r := manual.NewBuilderWithScheme("kantotest")
	r.InitialState(resolver.State{Addresses: addrs})
	client := newClient(t, r.Scheme()+":///pokedex", kanto.WithGRPCDialOptions(grpc.WithResolvers(r)))

	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	for hits[0].Load() == 0 || hits[1].Load() == 0 {
		if _, err := client.Pokedex().GetPokemon(ctx, &pokedexv1.GetPokemonRequest{Id: 1}); err != nil {
			t.Fatalf("after %d and %d calls to the two servers: %v", hits[0].Load(), hits[1].Load(), err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
