package gateway_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
	"github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1/pokedexv1kanto"
	"github.com/kanto-api/kanto/services/gateway/internal/gateway"
	"github.com/kanto-api/kanto/services/platform"
	"github.com/kanto-api/kanto/services/platform/faults"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// fakePokedex answers GetPokemon for #25 and records what it was called
// with: the remaining deadline and the incoming metadata. DeletePokemon
// waits for its caller to give up.
type fakePokedex struct {
	pokedexv1.UnimplementedPokemonServiceServer
	calls chan call
}

type call struct {
	budget time.Duration
	md     metadata.MD
}

func (f *fakePokedex) GetPokemon(ctx context.Context, req *pokedexv1.GetPokemonRequest) (*pokedexv1.GetPokemonResponse, error) {
	deadline, _ := ctx.Deadline()
	md, _ := metadata.FromIncomingContext(ctx)
	f.calls <- call{budget: time.Until(deadline), md: md}
	if req.GetId() != 25 {
		return nil, status.Errorf(codes.NotFound, "no Pokémon #%d", req.GetId())
	}
	return &pokedexv1.GetPokemonResponse{Pokemon: &pokedexv1.Pokemon{Id: 25, Name: "Pikachu", Types: []pokedexv1.PokemonType{pokedexv1.PokemonType_POKEMON_TYPE_ELECTRIC}}}, nil
}

func (f *fakePokedex) DeletePokemon(ctx context.Context, _ *pokedexv1.DeletePokemonRequest) (*pokedexv1.DeletePokemonResponse, error) {
	<-ctx.Done()
	return nil, status.FromContextError(ctx.Err()).Err()
}

// syncBuffer is a log destination the servers and the test share.
type syncBuffer struct {
	mu  sync.Mutex // guards buf
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// lines returns the JSON log lines with message msg and request id id.
func (b *syncBuffer) lines(t *testing.T, msg, id string) []map[string]any {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []map[string]any
	sc := bufio.NewScanner(bytes.NewReader(b.buf.Bytes()))
	for sc.Scan() {
		var line map[string]any
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatalf("log line %q: %v", sc.Text(), err)
		}
		if line["msg"] == msg && line["request_id"] == id {
			out = append(out, line)
		}
	}
	return out
}

// env is a gateway in front of one Pokédex, each with its JSON log.
type env struct {
	base        string
	fake        *fakePokedex
	gatewayLogs *syncBuffer
	pokedexLogs *syncBuffer
}

func jsonLogger(w io.Writer, service string) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug})).With("service", service)
}

// startGateway serves a fake Pokédex on the platform, with the faults of
// spec injected, and a gateway in front of it, both on 127.0.0.1:0; the
// other services are down. configure adjusts the gateway's configuration.
func startGateway(t *testing.T, spec string, configure func(*gateway.Config)) *env {
	t.Helper()
	e := &env{fake: &fakePokedex{calls: make(chan call, 10)}, gatewayLogs: &syncBuffer{}, pokedexLogs: &syncBuffer{}}
	glis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	scfg := platform.DefaultServerConfig("", "")
	scfg.GRPCListener = glis
	var opts []platform.Option
	if spec != "" {
		f, err := faults.Parse(spec)
		if err != nil {
			t.Fatal(err)
		}
		opts = append(opts, platform.WithFaultInjector(f))
	}
	srv, err := platform.NewServer(scfg, jsonLogger(e.pokedexLogs, "pokedex"), opts...)
	if err != nil {
		t.Fatal(err)
	}
	srv.RegisterService(&pokedexv1.PokemonService_ServiceDesc, e.fake)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 2)
	go func() { done <- srv.Serve(ctx) }()

	hlis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cfg := gateway.DefaultConfig()
	cfg.HTTPListener = hlis
	cfg.MetricsAddr = ""
	// Nothing listens on port 1: the other services are down.
	for svc := range cfg.Upstreams.Targets {
		cfg.Upstreams.Targets[svc] = "127.0.0.1:1"
	}
	cfg.Upstreams.Targets[pokedexv1kanto.PokemonServiceInfo.Name] = glis.Addr().String()
	cfg.DefaultTimeout = 2 * time.Second
	cfg.MaxTimeout = 3 * time.Second
	cfg.WriteTimeout = 20 * time.Second
	cfg.MaxBodyBytes = 1024
	if configure != nil {
		configure(&cfg)
	}
	go func() { done <- gateway.Run(ctx, cfg, jsonLogger(e.gatewayLogs, "gateway")) }()
	t.Cleanup(func() {
		cancel()
		for range 2 {
			if err := <-done; err != nil {
				t.Errorf("serve: %v", err)
			}
		}
	})
	e.base = "http://" + hlis.Addr().String()
	return e
}

func do(t *testing.T, method, url string, header map[string]string, body string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

func TestGateway(t *testing.T) {
	t.Parallel()
	e := startGateway(t, "", nil)
	base, fake := e.base, e.fake
	// The first call connects to the Pokédex; the budgets below must not
	// include that, on a loaded machine.
	do(t, "GET", base+"/v1/pokemon/25", nil, "")
	<-fake.calls

	t.Run("GET a Pokémon as JSON", func(t *testing.T) {
		resp, body := do(t, "GET", base+"/v1/pokemon/25", map[string]string{"X-Request-Id": "rest-1"}, "")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d: %s", resp.StatusCode, body)
		}
		var got struct {
			Pokemon struct {
				ID    int      `json:"id"`
				Name  string   `json:"name"`
				Types []string `json:"types"`
			} `json:"pokemon"`
		}
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			t.Fatal(err)
		}
		if got.Pokemon.Name != "Pikachu" || got.Pokemon.Types[0] != "POKEMON_TYPE_ELECTRIC" {
			t.Errorf("body = %s", body)
		}
		if resp.Header.Get("X-Request-Id") != "rest-1" {
			t.Errorf("X-Request-Id = %q, want rest-1", resp.Header.Get("X-Request-Id"))
		}
		c := <-fake.calls
		if c.budget <= time.Second || c.budget > 2*time.Second {
			t.Errorf("default deadline reached the service as %v, want about 2s", c.budget)
		}
	})

	t.Run("gRPC errors map to HTTP status and a JSON body", func(t *testing.T) {
		resp, body := do(t, "GET", base+"/v1/pokemon/26", nil, "")
		<-fake.calls
		if resp.StatusCode != http.StatusNotFound {
			t.Fatalf("status %d, want 404: %s", resp.StatusCode, body)
		}
		var st struct {
			Code    int    `json:"code"`
			Message string `json:"message"`
		}
		if err := json.Unmarshal([]byte(body), &st); err != nil || st.Code != int(codes.NotFound) || !strings.Contains(st.Message, "#26") {
			t.Errorf("body = %s (%v)", body, err)
		}
	})

	t.Run("validation errors are 400 with field violations", func(t *testing.T) {
		resp, body := do(t, "GET", base+"/v1/pokemon/0", nil, "")
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, `"field":"id"`) {
			t.Errorf("status %d, body %s", resp.StatusCode, body)
		}
	})

	t.Run("a client's Grpc-Timeout is honoured but capped", func(t *testing.T) {
		do(t, "GET", base+"/v1/pokemon/25", map[string]string{"Grpc-Timeout": "1S"}, "")
		if c := <-fake.calls; c.budget > time.Second || c.budget < 500*time.Millisecond {
			t.Errorf("1S header reached the service as %v", c.budget)
		}
		do(t, "GET", base+"/v1/pokemon/25", map[string]string{"Grpc-Timeout": "1H"}, "")
		if c := <-fake.calls; c.budget > 3*time.Second || c.budget < 2500*time.Millisecond {
			t.Errorf("1H header reached the service as %v, want the 3s cap", c.budget)
		}
		resp, body := do(t, "GET", base+"/v1/pokemon/25", map[string]string{"Grpc-Timeout": "soon"}, "")
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("bad Grpc-Timeout: status %d, body %s", resp.StatusCode, body)
		}
	})

	t.Run("only allow-listed headers become metadata", func(t *testing.T) {
		do(t, "GET", base+"/v1/pokemon/25", map[string]string{
			"Grpc-Metadata-X-User": "admin",
			"X-User":               "admin",
			"X-Forwarded-For":      "10.0.0.1",
			"Authorization":        "Bearer t",
			"User-Agent":           "kanto-cli/2.0",
		}, "")
		c := <-fake.calls
		for key := range c.md {
			switch key {
			case "authorization", "x-forwarded-for", "x-forwarded-host", ":authority", "content-type", "user-agent", "grpc-accept-encoding", "x-request-id", "grpcgateway-user-agent":
			case "x-user":
				t.Errorf("metadata x-user = %v reached the service", c.md[key])
			default:
				t.Errorf("metadata %q = %v reached the service", key, c.md[key])
			}
		}
		if got := c.md.Get("x-forwarded-for"); len(got) != 1 || strings.Contains(got[0], "10.0.0.1") {
			t.Errorf("x-forwarded-for = %v, want only the true peer", got)
		}
		if got := c.md.Get("authorization"); len(got) != 1 || got[0] != "Bearer t" {
			t.Errorf("authorization = %v", got)
		}
		// The HTTP client's user agent, for the services' logs.
		if got := c.md.Get("grpcgateway-user-agent"); len(got) != 1 || got[0] != "kanto-cli/2.0" {
			t.Errorf("grpcgateway-user-agent = %v, want the HTTP client's", got)
		}
	})

	t.Run("request bodies are bounded", func(t *testing.T) {
		big := `{"name":"` + strings.Repeat("a", 4096) + `"}`
		resp, body := do(t, "POST", base+"/v1/pokemon", map[string]string{"Content-Type": "application/json"}, big)
		if resp.StatusCode < 400 || resp.StatusCode >= 500 {
			t.Errorf("oversized body: status %d, body %s", resp.StatusCode, body)
		}
	})

	t.Run("healthz names the services that are down", func(t *testing.T) {
		// Only the Pokédex runs behind this gateway.
		resp, body := do(t, "GET", base+"/healthz", nil, "")
		if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "expedition, routeplanner") || strings.Contains(body, "pokedex") {
			t.Errorf("status %d, body %s; want 503 naming expedition and routeplanner", resp.StatusCode, body)
		}
	})

	t.Run("the OpenAPI document is served", func(t *testing.T) {
		resp, body := do(t, "GET", base+"/openapi.json", nil, "")
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, `"/v1/pokemon/{id}"`) {
			t.Errorf("status %d, body starts %.100s", resp.StatusCode, body)
		}
	})
}

// TestRESTCallsFollowTheServiceConfig shows the gateway's calls go through
// the services' call policy: a method's timeout from the service config
// caps a longer request deadline, and UNAVAILABLE is retried.
func TestRESTCallsFollowTheServiceConfig(t *testing.T) {
	t.Parallel()
	t.Run("the method's timeout caps the request's deadline", func(t *testing.T) {
		t.Parallel()
		e := startGateway(t, "", func(cfg *gateway.Config) {
			cfg.DefaultTimeout, cfg.MaxTimeout, cfg.WriteTimeout = 20*time.Second, 30*time.Second, 40*time.Second
		})
		do(t, "GET", e.base+"/v1/pokemon/25", nil, "") // connects
		<-e.fake.calls
		do(t, "GET", e.base+"/v1/pokemon/25", nil, "")
		// GetPokemon's timeout in kanto/pokedex/v1/service_config.json.
		if c := <-e.fake.calls; c.budget > 5*time.Second || c.budget < 3*time.Second {
			t.Errorf("a 20s request reached GetPokemon as %v, want its 5s method timeout", c.budget)
		}
	})
	t.Run("UNAVAILABLE is retried", func(t *testing.T) {
		t.Parallel()
		e := startGateway(t, "GetPokemon=UNAVAILABLE#2", nil)
		resp, body := do(t, "GET", e.base+"/v1/pokemon/25", map[string]string{"X-Request-Id": "retry-1"}, "")
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Pikachu") {
			t.Fatalf("status %d, body %s; want Pikachu after two retried UNAVAILABLE answers", resp.StatusCode, body)
		}
		var codes []any
		for _, l := range e.pokedexLogs.lines(t, "rpc", "retry-1") {
			codes = append(codes, l["code"])
		}
		if len(codes) != 3 || codes[0] != "Unavailable" || codes[2] != "OK" {
			t.Errorf("the Pokédex logged %v for the request, want Unavailable, Unavailable, OK", codes)
		}
	})
	t.Run("retries end after the policy's attempts", func(t *testing.T) {
		t.Parallel()
		e := startGateway(t, "GetPokemon=UNAVAILABLE", nil)
		resp, body := do(t, "GET", e.base+"/v1/pokemon/25", map[string]string{"X-Request-Id": "retry-2"}, "")
		if resp.StatusCode != http.StatusServiceUnavailable {
			t.Errorf("status %d, body %s; want 503", resp.StatusCode, body)
		}
		// maxAttempts in the service config.
		if n := len(e.pokedexLogs.lines(t, "rpc", "retry-2")); n != 4 {
			t.Errorf("the Pokédex saw %d attempts, want 4", n)
		}
	})
}

// TestRESTDeadlineIs504 lets a request's deadline pass while the service
// works: the client gets 504 with a message that says so, not a transport
// error.
func TestRESTDeadlineIs504(t *testing.T) {
	t.Parallel()
	e := startGateway(t, "", nil)
	resp, body := do(t, "DELETE", e.base+"/v1/pokemon/7", map[string]string{"Grpc-Timeout": "200m"}, "")
	var st struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	}
	if err := json.Unmarshal([]byte(body), &st); err != nil {
		t.Fatalf("body %s: %v", body, err)
	}
	if resp.StatusCode != http.StatusGatewayTimeout || st.Code != int(codes.DeadlineExceeded) ||
		!strings.Contains(st.Message, "deadline of 200ms passed") {
		t.Errorf("status %d, body %s; want 504, DEADLINE_EXCEEDED and a message about the 200ms deadline", resp.StatusCode, body)
	}
}

// TestRequestIDAtEveryHop follows one REST call through the JSON logs: the
// gateway's request line, its downstream call and the service's call
// carry the same request id, which also comes back to the client.
func TestRequestIDAtEveryHop(t *testing.T) {
	t.Parallel()
	e := startGateway(t, "", nil)
	for _, sent := range []string{"trail-1", "", `forged" id`} {
		resp, _ := do(t, "GET", e.base+"/v1/pokemon/25", map[string]string{"X-Request-Id": sent}, "")
		<-e.fake.calls
		id := resp.Header.Get("X-Request-Id")
		if sent == "trail-1" && id != sent || sent != "trail-1" && len(id) != 32 {
			t.Errorf("sent %q, got back %q: want a valid id kept, else a fresh one", sent, id)
		}
		if vals := resp.Header.Values("X-Request-Id"); len(vals) != 1 {
			t.Errorf("X-Request-Id header %v, want one value", vals)
		}
		httpLine := e.gatewayLogs.lines(t, "http", id)
		downstream := e.gatewayLogs.lines(t, "downstream call", id)
		rpc := e.pokedexLogs.lines(t, "rpc", id)
		if len(httpLine) != 1 || len(downstream) != 1 || len(rpc) != 1 {
			t.Fatalf("request %q: %d gateway lines, %d downstream calls, %d service lines; want one of each", id, len(httpLine), len(downstream), len(rpc))
		}
		if httpLine[0]["method"] != "GET /v1/pokemon/25" || httpLine[0]["status"] != float64(200) || httpLine[0]["service"] != "gateway" {
			t.Errorf("gateway line %v", httpLine[0])
		}
		if downstream[0]["method"] != pokedexv1.PokemonService_GetPokemon_FullMethodName || rpc[0]["code"] != "OK" {
			t.Errorf("downstream %v, service %v", downstream[0], rpc[0])
		}
	}
}
