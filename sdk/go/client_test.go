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
	"github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1/pokedexv1kanto"
	routeplannerv1 "github.com/kanto-api/kanto/gen/go/kanto/routeplanner/v1"
	"github.com/kanto-api/kanto/gen/go/kantoclient"
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

// pokedexConfig is the Pokédex's service config, as generated from
// proto/kanto/pokedex/v1/service_config.json.
var pokedexConfig = pokedexv1kanto.PokemonServiceInfo.ServiceConfig

// newClient connects a plaintext umbrella client to addr for every service
// and closes it when the test ends.
func newClient(t *testing.T, addr string, opts ...kanto.Option) *kantoclient.Client {
	t.Helper()
	client, err := kantoclient.New(append([]kanto.Option{kanto.WithInsecure(), kanto.WithTarget(addr)}, opts...)...)
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

func TestNewValidatesOptions(t *testing.T) {
	t.Parallel()
	const pokedex = "kanto.pokedex.v1.PokemonService"
	tests := []struct {
		name    string
		opts    []kanto.Option
		wantErr string // "" for success
	}{
		{name: "defaults: every service at its default host"},
		{name: "one target for all", opts: []kanto.Option{kanto.WithTarget("kanto.example.com:443")}},
		{name: "one target per service", opts: []kanto.Option{kanto.WithServiceTarget(pokedex, "a:1"), kanto.WithTarget("b:2")}},
		{name: "dns scheme", opts: []kanto.Option{kanto.WithTarget("dns:///kanto.example.com:443")}},
		{name: "token over TLS", opts: []kanto.Option{kanto.WithTarget("kanto.example.com:443"), kanto.WithToken("t")}},
		{name: "token over plaintext to loopback", opts: []kanto.Option{kanto.WithInsecure(), kanto.WithToken("t"), kanto.WithTarget("127.0.0.1:1")}},
		{name: "token over plaintext to localhost by default", opts: []kanto.Option{kanto.WithInsecure(), kanto.WithToken("t")}},
		{name: "token over plaintext elsewhere", opts: []kanto.Option{kanto.WithInsecure(), kanto.WithToken("t"), kanto.WithTarget("kanto.example.com:80")},
			wantErr: "a bearer token is sent only over TLS or to a loopback address, and kanto.example.com:80 is neither"},
		{name: "token over plaintext to one remote service", opts: []kanto.Option{kanto.WithInsecure(), kanto.WithToken("t"), kanto.WithServiceTarget(pokedex, "10.0.0.8:50051")},
			wantErr: pokedex + ": a bearer token is sent only over TLS or to a loopback address, and 10.0.0.8:50051 is neither"},
		{name: "service target without a name", opts: []kanto.Option{kanto.WithServiceTarget("", "a:1")}, wantErr: "both must be set"},
		{name: "tls and insecure", opts: []kanto.Option{kanto.WithTLS(nil), kanto.WithInsecure()}, wantErr: "exclude each other"},
		{name: "empty token", opts: []kanto.Option{kanto.WithToken("")}, wantErr: "empty bearer token"},
		{name: "negative timeout", opts: []kanto.Option{kanto.WithDefaultTimeout(-time.Second)}, wantErr: "negative default timeout"},
		{name: "negative stream timeout", opts: []kanto.Option{kanto.WithDefaultStreamTimeout(-time.Second)}, wantErr: "negative default stream timeout"},
		{name: "keepalive below server minimum", opts: []kanto.Option{kanto.WithKeepalive(keepalive.ClientParameters{Time: time.Second, Timeout: time.Second})}, wantErr: "below the servers' minimum"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, err := kantoclient.New(tt.opts...)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("New: %v", err)
				}
				if err := client.Close(); err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("New error = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

// TestDialWithoutDefaultHost checks that a service the schema gives no
// default host needs a target.
func TestDialWithoutDefaultHost(t *testing.T) {
	t.Parallel()
	info := kanto.ServiceInfo{Name: "kanto.lab.v1.LabService"}
	if _, err := kanto.Dial(info, kanto.WithInsecure()); err == nil || !strings.Contains(err.Error(), "no target for kanto.lab.v1.LabService") {
		t.Fatalf("Dial error = %v, want no target", err)
	}
	conn, err := kanto.Dial(info, kanto.WithInsecure(), kanto.WithTarget("127.0.0.1:1"))
	if err != nil {
		t.Fatal(err)
	}
	if err := conn.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestIsLoopback(t *testing.T) {
	t.Parallel()
	for target, want := range map[string]bool{
		"127.0.0.1:50051":               true,
		"127.8.9.10:1":                  true,
		"localhost:50051":               true,
		"LOCALHOST":                     true,
		"[::1]:50051":                   true,
		"::1":                           true,
		"dns:///localhost:50051":        true,
		"dns://8.8.8.8/127.0.0.1:50051": true,
		"passthrough:///127.0.0.1:1":    true,
		"unix:///run/kanto.sock":        true,
		"unix:kanto.sock":               true,
		"unix-abstract:kanto":           true,
		"kanto.example.com:443":         false,
		"10.0.0.1:50051":                false,
		"[2001:db8::1]:443":             false,
		"dns:///kanto.example.com:443":  false,
		"localhost.example.com:1":       false,
		"127.0.0.1.example.com:1":       false,
		"xds:///kanto.example.com":      false,
		"kantotest:///127.0.0.1:1":      false,
		"0.0.0.0:50051":                 false,
		"":                              false,
	} {
		if got := kanto.IsLoopback(target); got != want {
			t.Errorf("IsLoopback(%q) = %v, want %v", target, got, want)
		}
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
	getTimeout, _ := methodConfig(t, pokedexConfig, "kanto.pokedex.v1.PokemonService", "GetPokemon")
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
			// The default is for methods without a timeout of their own.
			name:   "a default shorter than the service config's timeout",
			opts:   []kanto.Option{kanto.WithDefaultTimeout(2 * time.Second), kanto.WithDefaultStreamTimeout(2 * time.Second)},
			unary:  window{getTimeout - time.Second, getTimeout},
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
			if _, err := client.Pokemon().GetPokemon(ctx, &pokedexv1.GetPokemonRequest{Id: 25}); err != nil {
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

// TestDefaultDeadlineYieldsToServiceConfig checks that the SDK's default
// deadline is for methods the service config gives no timeout: one with a
// timeout longer than the default keeps it.
func TestDefaultDeadlineYieldsToServiceConfig(t *testing.T) {
	t.Parallel()
	var getLeft, listLeft atomic.Int64
	addr := startFake(t, &fakePokedex{
		GetPokemonFn: func(ctx context.Context, _ *pokedexv1.GetPokemonRequest) (*pokedexv1.GetPokemonResponse, error) {
			dl, _ := ctx.Deadline()
			getLeft.Store(int64(time.Until(dl)))
			return &pokedexv1.GetPokemonResponse{}, nil
		},
		ListPokemonFn: func(ctx context.Context, _ *pokedexv1.ListPokemonRequest) (*pokedexv1.ListPokemonResponse, error) {
			dl, _ := ctx.Deadline()
			listLeft.Store(int64(time.Until(dl)))
			return &pokedexv1.ListPokemonResponse{}, nil
		},
	}, nil)
	info := pokedexv1kanto.PokemonServiceInfo
	info.ServiceConfig = `{"methodConfig": [{"name": [{"service": "kanto.pokedex.v1.PokemonService", "method": "GetPokemon"}], "timeout": "40s"}]}`
	conn, err := kanto.Dial(info, kanto.WithInsecure(), kanto.WithTarget(addr))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	client := pokedexv1kanto.NewPokemonClient(conn)
	if _, err := client.GetPokemon(t.Context(), &pokedexv1.GetPokemonRequest{Id: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := client.ListPokemon(t.Context(), &pokedexv1.ListPokemonRequest{}); err != nil {
		t.Fatal(err)
	}
	if got := time.Duration(getLeft.Load()); got <= 35*time.Second || got > 40*time.Second {
		t.Errorf("GetPokemon (40s in the service config): deadline in %v, want its own 40s", got)
	}
	if got := time.Duration(listLeft.Load()); got <= 25*time.Second || got > kanto.DefaultTimeout {
		t.Errorf("ListPokemon (no timeout in the service config): deadline in %v, want the default %v", got, kanto.DefaultTimeout)
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
		{name: "client token", opts: []kanto.Option{kanto.WithToken("s3cret")}, want: []string{"Bearer s3cret"}},
		{name: "per-call header wins", opts: []kanto.Option{kanto.WithToken("s3cret")}, callMD: []string{"authorization", "Bearer other"}, want: []string{"Bearer other"}},
		{name: "per-call header without client token", callMD: []string{"authorization", "Bearer other"}, want: []string{"Bearer other"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client := newClient(t, addr, tt.opts...)
			ctx := t.Context()
			if tt.callMD != nil {
				ctx = metadata.AppendToOutgoingContext(ctx, tt.callMD...)
			}
			if _, err := client.Pokemon().GetPokemon(ctx, &pokedexv1.GetPokemonRequest{Id: 25}); err != nil {
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
	_, getAttempts := methodConfig(t, pokedexConfig, svc, "GetPokemon")
	_, updateAttempts := methodConfig(t, pokedexConfig, svc, "UpdatePokemon")
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
				_, err := client.Pokemon().GetPokemon(ctx, &pokedexv1.GetPokemonRequest{Id: 25})
				return err
			},
			plan: plan{failures: getAttempts - 1, code: codes.Unavailable}, wantCode: codes.OK, wantAttempts: getAttempts,
		},
		{
			name: "unavailable on every attempt",
			call: func(ctx context.Context) error {
				_, err := client.Pokemon().GetPokemon(ctx, &pokedexv1.GetPokemonRequest{Id: 25})
				return err
			},
			plan: plan{failures: 100, code: codes.Unavailable}, wantCode: codes.Unavailable, wantAttempts: getAttempts,
		},
		{
			name: "other codes are not retried",
			call: func(ctx context.Context) error {
				_, err := client.Pokemon().GetPokemon(ctx, &pokedexv1.GetPokemonRequest{Id: 25})
				return err
			},
			plan: plan{failures: 1, code: codes.Internal}, wantCode: codes.Internal, wantAttempts: 1,
		},
		{
			name: "methods without a retry policy are not retried",
			call: func(ctx context.Context) error {
				_, err := client.Pokemon().UpdatePokemon(ctx, &pokedexv1.UpdatePokemonRequest{})
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
	if _, n := methodConfig(t, pokedexConfig, "kanto.pokedex.v1.PokemonService", "CreatePokemon"); n < 2 {
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
		if _, err := client.Pokemon().CreatePokemon(t.Context(), req); err != nil {
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
		if _, err := client.Pokemon().CreatePokemon(t.Context(), req); err != nil {
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

func TestListPokemonItems(t *testing.T) {
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
			for p, err := range client.Pokemon().ListPokemonItems(t.Context(), req) {
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

// TestListPokemonPages checks the pages iterator: every page once, a nil
// request, and the guard against a server that answers a page with the
// token it was given.
func TestListPokemonPages(t *testing.T) {
	t.Parallel()
	var loop atomic.Bool
	addr := startFake(t, &fakePokedex{ListPokemonFn: func(_ context.Context, req *pokedexv1.ListPokemonRequest) (*pokedexv1.ListPokemonResponse, error) {
		if loop.Load() {
			return &pokedexv1.ListPokemonResponse{Pokemon: []*pokedexv1.Pokemon{{Id: 1}}, NextPageToken: "same"}, nil
		}
		switch req.GetPageToken() {
		case "":
			return &pokedexv1.ListPokemonResponse{Pokemon: []*pokedexv1.Pokemon{{Id: 1}, {Id: 2}}, NextPageToken: "p2"}, nil
		case "p2":
			return &pokedexv1.ListPokemonResponse{Pokemon: []*pokedexv1.Pokemon{{Id: 3}}}, nil
		}
		return nil, status.Errorf(codes.InvalidArgument, "unknown token %q", req.GetPageToken())
	}}, nil)
	client := newClient(t, addr)

	var sizes []int
	for page, err := range client.Pokemon().ListPokemonPages(t.Context(), nil) {
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, len(page.GetPokemon()))
	}
	if !slices.Equal(sizes, []int{2, 1}) {
		t.Errorf("page sizes = %v, want [2 1]", sizes)
	}

	loop.Store(true)
	var pages int
	var errs []error
	for _, err := range client.Pokemon().ListPokemonPages(t.Context(), &pokedexv1.ListPokemonRequest{}) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		pages++
	}
	// The first page ("" → "same"), the second ("same" → "same") is
	// yielded, then the loop is noticed.
	if pages != 2 || len(errs) != 1 || !errors.Is(errs[0], kanto.ErrPageTokenLoop) {
		t.Errorf("pages = %d, errors = %v; want 2 pages, then ErrPageTokenLoop", pages, errs)
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
	_, wireErr := client.Pokemon().CreatePokemon(t.Context(), &pokedexv1.CreatePokemonRequest{})

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
		if _, err := client.Pokemon().GetPokemon(ctx, &pokedexv1.GetPokemonRequest{Id: 1}); err != nil {
			t.Fatalf("after %d and %d calls to the two servers: %v", hits[0].Load(), hits[1].Load(), err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
