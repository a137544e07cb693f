package app_test

import (
	"encoding/json"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// restCall makes a REST call through the chain's gateway with request id
// id and returns the response and its body.
func restCall(t *testing.T, c *chain, method, path, id string, header map[string]string, body string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, c.gateway.addr+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Request-Id", id)
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

// httpLine matches the gateway's log line of a REST request.
func httpLine(id string) func(logLine) bool {
	return func(l logLine) bool { return l.Msg == "http" && l.RequestID == id }
}

// TestRESTDeadlinePropagates shows that a REST call carries a deadline
// down the chain exactly as a gRPC call does: the client's Grpc-Timeout,
// capped by the gateway, or the gateway's default; that it fails with 504
// and a message saying the deadline passed; and that the gateway is the
// first hop of the request's log trail.
func TestRESTDeadlinePropagates(t *testing.T) {
	t.Parallel()
	c := startChain(t, chainFlags{
		planner: []string{"-faults", "GetRoutes=2s"},
		gateway: []string{"-default-timeout", "400ms", "-max-timeout", "600ms"},
	})
	body := `{"origin":{"placeId":"pallet-town"},"destination":{"placeId":"viridian-city"}}`

	for _, tc := range []struct {
		name       string
		header     string
		wantBudget time.Duration
	}{
		{"client Grpc-Timeout", "300m", 300 * time.Millisecond},
		{"gateway default", "", 400 * time.Millisecond},
		{"client Grpc-Timeout capped", "1H", 600 * time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id := newRequestID()
			header := map[string]string{}
			if tc.header != "" {
				header["Grpc-Timeout"] = tc.header
			}
			start := time.Now()
			resp, respBody := restCall(t, c, "POST", "/v1/expeditions:plan", id, header, body)
			elapsed := time.Since(start)
			var st struct {
				Message string `json:"message"`
			}
			_ = json.Unmarshal([]byte(respBody), &st)
			if resp.StatusCode != http.StatusGatewayTimeout || !strings.Contains(st.Message, "deadline") || strings.Contains(st.Message, "RST_STREAM") {
				t.Errorf("status %d, body %s; want 504 Gateway Timeout with a message about the deadline", resp.StatusCode, respBody)
			}
			if elapsed > tc.wantBudget+margin {
				t.Errorf("the REST call failed after %v, more than %v past its %v deadline", elapsed, margin, tc.wantBudget)
			}
			gw := c.gateway.logs.wait(t, "gateway", httpLine(id))
			toExp := c.gateway.logs.wait(t, "gateway → expedition", downstreamLine("PlanExpedition", id))
			exp := c.expedition.logs.wait(t, "expedition", rpcLine("PlanExpedition", id))
			planner := c.planner.logs.wait(t, "planner", rpcLine("GetRoutes", id))
			if gw.budget() != tc.wantBudget {
				t.Errorf("the gateway logged a budget of %v, want %v", gw.budget(), tc.wantBudget)
			}
			assertBudgetsShrink(t, hopOf("gateway", gw), hopOf("gateway→expedition", toExp), hopOf("expedition", exp), hopOf("planner", planner))
			if !endedByDeadline(planner) || planner.Duration > planner.budget()+margin {
				t.Errorf("the planner's call ended %s after %v; want it stopped at its %v deadline", planner.Code, planner.Duration, planner.budget())
			}
			c.pokedex.assertNoCall(t, id)
			t.Logf("REST call failed after %v; expedition budget %v, planner budget %v, planner stopped after %v",
				elapsed.Round(time.Millisecond), exp.budget().Round(time.Millisecond), planner.budget().Round(time.Millisecond), planner.Duration.Round(time.Millisecond))
		})
	}
}

// TestRESTRetriedOnUnavailable injects two UNAVAILABLE answers into the
// Pokédex process: the gateway retries per the Pokédex's service config,
// and the client gets the answer; one request id names every attempt, in
// the gateway's log and the Pokédex's.
func TestRESTRetriedOnUnavailable(t *testing.T) {
	t.Parallel()
	c := startChain(t, chainFlags{pokedex: []string{"-faults", "GetPokemon=UNAVAILABLE#2"}})
	id := newRequestID()
	resp, body := restCall(t, c, "GET", "/v1/pokemon/25", id, nil, "")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `"Pikachu"`) {
		t.Fatalf("status %d, body %s; want Pikachu", resp.StatusCode, body)
	}
	if got := resp.Header.Get("X-Request-Id"); got != id {
		t.Errorf("X-Request-Id %q, want %q", got, id)
	}
	attempts := c.pokedex.logs.waitN(t, "Pokédex", 3, rpcLine("GetPokemon", id))
	for i, want := range []string{"Unavailable", "Unavailable", "OK"} {
		if attempts[i].Code != want {
			t.Errorf("attempt %d ended %s, want %s", i+1, attempts[i].Code, want)
		}
	}
	if gw := c.gateway.logs.wait(t, "gateway", httpLine(id)); gw.Status != http.StatusOK {
		t.Errorf("the gateway logged status %d", gw.Status)
	}
	if down := c.gateway.logs.wait(t, "gateway → Pokédex", downstreamLine("GetPokemon", id)); down.Code != "OK" {
		t.Errorf("the gateway's downstream call ended %s", down.Code)
	}

	// scripts/hops.py shows the trail from the log files, the gateway
	// first. The processes write their lines before the test reads them
	// above, so the files hold them too.
	logs, err := filepath.Glob(filepath.Join(c.dir, "*.log"))
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("python3", append([]string{filepath.Join("..", "..", "..", "..", "scripts", "hops.py"), id}, logs...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("hops.py: %v\n%s", err, out)
	}
	rows := strings.Split(strings.TrimSpace(string(out)), "\n")[1:]
	var got []string
	for _, row := range rows {
		f := strings.Fields(row)
		got = append(got, f[1]+" "+f[2]+" "+f[len(f)-1])
	}
	want := []string{"gateway handled 200", "gateway called OK", "pokedex handled Unavailable", "pokedex handled Unavailable", "pokedex handled OK"}
	if !slices.Equal(got, want) {
		t.Errorf("hops.py rows (service, hop, code) %q, want %q:\n%s", got, want, out)
	}
}
