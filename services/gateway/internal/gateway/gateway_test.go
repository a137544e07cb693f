package gateway_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
	"github.com/kanto-api/kanto/services/gateway/internal/gateway"
	"github.com/kanto-api/kanto/services/platform"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// fakePokedex answers GetPokemon for #25 and records what it was called
// with: the remaining deadline and the incoming metadata.
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

func startGateway(t *testing.T) (string, *fakePokedex) {
	t.Helper()
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	fake := &fakePokedex{calls: make(chan call, 10)}
	srv, err := platform.NewServer(platform.DefaultConfig("127.0.0.1:0", ""), logger)
	if err != nil {
		t.Fatal(err)
	}
	srv.RegisterService(&pokedexv1.PokemonService_ServiceDesc, fake)
	glis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 2)
	go func() { done <- srv.Serve(ctx, glis) }()

	cfg := gateway.DefaultConfig()
	// Nothing listens on port 1: the other services are down.
	for svc := range cfg.Targets {
		cfg.Targets[svc] = "127.0.0.1:1"
	}
	cfg.Targets[pokedexv1.PokemonService_ServiceDesc.ServiceName] = glis.Addr().String()
	cfg.DefaultTimeout = 5 * time.Second
	cfg.MaxTimeout = 10 * time.Second
	cfg.WriteTimeout = 20 * time.Second
	cfg.MaxBodyBytes = 1024
	gw, err := gateway.New(ctx, cfg, logger)
	if err != nil {
		t.Fatal(err)
	}
	hlis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { done <- gw.Serve(ctx, hlis) }()
	t.Cleanup(func() {
		cancel()
		for range 2 {
			if err := <-done; err != nil {
				t.Errorf("serve: %v", err)
			}
		}
		gw.Close()
	})
	return "http://" + hlis.Addr().String(), fake
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
	base, fake := startGateway(t)

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
		if c.budget <= 4*time.Second || c.budget > 5*time.Second {
			t.Errorf("default deadline reached the service as %v, want about 5s", c.budget)
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
		do(t, "GET", base+"/v1/pokemon/25", map[string]string{"Grpc-Timeout": "2S"}, "")
		if c := <-fake.calls; c.budget > 2*time.Second || c.budget < time.Second {
			t.Errorf("2S header reached the service as %v", c.budget)
		}
		do(t, "GET", base+"/v1/pokemon/25", map[string]string{"Grpc-Timeout": "1H"}, "")
		if c := <-fake.calls; c.budget > 10*time.Second || c.budget < 9*time.Second {
			t.Errorf("1H header reached the service as %v, want the 10s cap", c.budget)
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
