package kanto_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
	"github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1/pokedexv1kanto"
	"github.com/kanto-api/kanto/gen/go/serviceconfig"
	kanto "github.com/kanto-api/kanto/sdk/go"
)

func TestUserAgentNamesVersionAndSchema(t *testing.T) {
	if !regexp.MustCompile(`^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$`).MatchString(kanto.Version) {
		t.Errorf("Version %q is not a semantic version", kanto.Version)
	}
	if kanto.SchemaRevision != serviceconfig.SchemaRevision || len(kanto.SchemaRevision) != 12 {
		t.Errorf("SchemaRevision %q, want the generated code's 12-digit %q", kanto.SchemaRevision, serviceconfig.SchemaRevision)
	}
	want := "kanto-sdk-go/" + kanto.Version + " kanto-schema/" + kanto.SchemaRevision
	if kanto.UserAgent != want {
		t.Errorf("UserAgent = %q, want %q", kanto.UserAgent, want)
	}
}

// The services log which SDK release and schema revision each call came
// from; this reads the Pokédex's own log to see that the Go SDK says so.
func TestServicesLogTheSDKUserAgent(t *testing.T) {
	env := startTestEnv(t)
	client, err := pokedexv1kanto.DialPokemon(kanto.WithInsecure(), kanto.WithTarget(env.Targets[pokedexv1kanto.PokemonServiceInfo.Name]))
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	if _, err := client.GetPokemon(t.Context(), &pokedexv1.GetPokemonRequest{Id: 25}); err != nil {
		t.Fatal(err)
	}
	logPath := filepath.Join(env.LogDir, "pokedex.log")
	var line map[string]any
	// The log line is written as the call ends, which may be just after the
	// client has its answer.
	for deadline := time.Now().Add(10 * time.Second); line == nil && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		line = findRPCLine(t, logPath, "/kanto.pokedex.v1.PokemonService/GetPokemon")
	}
	if line == nil {
		t.Fatalf("no GetPokemon line in %s", logPath)
	}
	for key, want := range map[string]any{"sdk": "kanto-sdk-go", "sdk_version": kanto.Version, "schema_revision": kanto.SchemaRevision, "schema_skew": nil} {
		if got := line[key]; got != want {
			t.Errorf("logged %s = %v, want %v", key, got, want)
		}
	}
	if ua, _ := line["user_agent"].(string); !strings.HasPrefix(ua, kanto.UserAgent+" grpc-go/") {
		t.Errorf("logged user_agent = %q, want %q and grpc-go's token", ua, kanto.UserAgent)
	}
}

func findRPCLine(t *testing.T, path, method string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		var line map[string]any
		if json.Unmarshal(sc.Bytes(), &line) == nil && line["msg"] == "rpc" && line["method"] == method {
			return line
		}
	}
	return nil
}
