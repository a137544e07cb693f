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
	kanto "github.com/kanto-api/kanto/sdk/go"
)

func TestUserAgentNamesVersionAndSchema(t *testing.T) {
	if !regexp.MustCompile(`^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$`).MatchString(kanto.Version) {
		t.Errorf("Version %q is not a semantic version", kanto.Version)
	}
	rev := pokedexv1kanto.PokemonServiceInfo.SchemaRevision
	if !regexp.MustCompile(`^[0-9a-f]{12}$`).MatchString(rev) {
		t.Errorf("the generated SchemaRevision %q is not 12 hex digits", rev)
	}
	want := "kanto-sdk-go/" + kanto.Version + " kanto-schema/" + rev
	if got := kanto.UserAgentFor(pokedexv1kanto.PokemonServiceInfo); got != want {
		t.Errorf("UserAgentFor = %q, want %q", got, want)
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
	for key, want := range map[string]any{"sdk": "kanto-sdk-go", "sdk_version": kanto.Version, "schema_revision": pokedexv1kanto.PokemonServiceInfo.SchemaRevision, "schema_skew": nil} {
		if got := line[key]; got != want {
			t.Errorf("logged %s = %v, want %v", key, got, want)
		}
	}
	if want := kanto.UserAgentFor(pokedexv1kanto.PokemonServiceInfo); !strings.HasPrefix(line["user_agent"].(string), want+" grpc-go/") {
		t.Errorf("logged user_agent = %q, want %q and grpc-go's token", line["user_agent"], want)
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
