package platform_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"sync"
	"testing"

	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
	"github.com/kanto-api/kanto/gen/goserver/kantoregistry"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
)

// syncBuffer is a bytes.Buffer that the server's logger and the test can
// use at once.
type syncBuffer struct {
	mu  sync.Mutex // guards buf
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// rpcLines returns the "rpc" log lines written so far, decoded.
func (b *syncBuffer) rpcLines(t *testing.T) []map[string]any {
	t.Helper()
	return b.lines(t, "rpc")
}

// lines returns the log lines with message msg written so far, decoded.
func (b *syncBuffer) lines(t *testing.T, msg string) []map[string]any {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	var lines []map[string]any
	sc := bufio.NewScanner(bytes.NewReader(b.buf.Bytes()))
	for sc.Scan() {
		var line map[string]any
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatalf("log line %q: %v", sc.Text(), err)
		}
		if line["msg"] == msg {
			lines = append(lines, line)
		}
	}
	return lines
}

func newDebugLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

func TestServicesLogTheCallersSDKAndSchemaRevision(t *testing.T) {
	t.Parallel()
	h := start(t, testConfig(), &fakePokedex{GetPokemonFn: func(context.Context, *pokedexv1.GetPokemonRequest) (*pokedexv1.GetPokemonResponse, error) {
		return &pokedexv1.GetPokemonResponse{}, nil
	}}, &fakePlanner{})
	cases := []struct {
		name, userAgent string
		// viaGateway is the HTTP client's user agent, as the REST gateway
		// forwards it.
		viaGateway string
		want       map[string]any
	}{
		{
			name:      "current SDK",
			userAgent: "kanto-sdk-python/1.4.0 kanto-schema/" + kantoregistry.SchemaRevision,
			want:      map[string]any{"sdk": "kanto-sdk-python", "sdk_version": "1.4.0", "schema_revision": kantoregistry.SchemaRevision, "schema_skew": nil},
		},
		{
			name:      "SDK generated from another schema",
			userAgent: "kanto-sdk-java/0.9.1 kanto-schema/0123456789ab",
			want:      map[string]any{"sdk": "kanto-sdk-java", "sdk_version": "0.9.1", "schema_revision": "0123456789ab", "schema_skew": true},
		},
		{
			name:       "REST client behind the gateway",
			userAgent:  "gateway-internal/1",
			viaGateway: "kanto-sdk-typescript/2.0.0 kanto-schema/" + kantoregistry.SchemaRevision,
			want:       map[string]any{"sdk": "kanto-sdk-typescript", "sdk_version": "2.0.0", "user_agent": "kanto-sdk-typescript/2.0.0 kanto-schema/" + kantoregistry.SchemaRevision},
		},
		{
			name:      "not a Kanto SDK",
			userAgent: "curl-ish/8.0",
			want:      map[string]any{"sdk": nil, "sdk_version": nil, "schema_revision": nil, "schema_skew": nil},
		},
	}
	for _, tc := range cases {
		conn, err := grpc.NewClient(h.addr, grpc.WithTransportCredentials(insecure.NewCredentials()), grpc.WithUserAgent(tc.userAgent))
		if err != nil {
			t.Fatal(err)
		}
		ctx := t.Context()
		if tc.viaGateway != "" {
			ctx = metadata.AppendToOutgoingContext(ctx, "grpcgateway-user-agent", tc.viaGateway)
		}
		_, err = pokedexv1.NewPokemonServiceClient(conn).GetPokemon(ctx, &pokedexv1.GetPokemonRequest{Id: 1})
		conn.Close()
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
	}
	lines := h.logs.rpcLines(t)
	if len(lines) != len(cases) {
		t.Fatalf("%d rpc log lines, want %d", len(lines), len(cases))
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			line := lines[i]
			// grpc-go appends its own product token to the one we set.
			if ua, _ := line["user_agent"].(string); tc.viaGateway == "" && !bytes.HasPrefix([]byte(ua), []byte(tc.userAgent+" grpc-go/")) {
				t.Errorf("user_agent = %q, want %q followed by grpc-go's token", ua, tc.userAgent)
			}
			for key, want := range tc.want {
				if got := line[key]; got != want {
					t.Errorf("%s = %v, want %v", key, got, want)
				}
			}
		})
	}
}
