package app_test

import (
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// startGateway starts the REST gateway in front of the chain's expedition
// service and returns its base URL.
func startGateway(t *testing.T, c *chain, args ...string) string {
	t.Helper()
	addrFile := filepath.Join(t.TempDir(), "gateway.addr")
	cmd := exec.Command(filepath.Join(binDir, "gateway"), append([]string{
		"-http-addr", "127.0.0.1:0", "-addr-file", addrFile, "-expedition-addr", c.expedition.addr,
	}, args...)...)
	cmd.Env = serviceEnv()
	logs := newLogStream()
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatalf("start gateway: %v", err)
	}
	exited := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		logs.close()
		close(exited)
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(waitBound):
			_ = cmd.Process.Kill()
			<-exited
		}
	})
	var addr string
	waitUntil(t, "the gateway's address file", func() bool {
		b, err := os.ReadFile(addrFile)
		addr = strings.TrimSpace(string(b))
		return err == nil && addr != ""
	})
	return "http://" + addr
}

// TestRESTDeadlinePropagates shows that a REST call carries a deadline
// down the chain exactly as a gRPC call does: the client's Grpc-Timeout,
// capped by the gateway, or the gateway's default.
func TestRESTDeadlinePropagates(t *testing.T) {
	t.Parallel()
	c := startChain(t, chainFlags{planner: []string{"-faults", "GetRoutes=2s"}})
	base := startGateway(t, c, "-default-timeout", "400ms", "-max-timeout", "600ms")
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
			req, err := http.NewRequestWithContext(t.Context(), "POST", base+"/v1/expeditions:plan", strings.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("X-Request-Id", id)
			if tc.header != "" {
				req.Header.Set("Grpc-Timeout", tc.header)
			}
			start := time.Now()
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			elapsed := time.Since(start)
			if resp.StatusCode != http.StatusGatewayTimeout {
				t.Errorf("status %d, want 504 Gateway Timeout", resp.StatusCode)
			}
			if elapsed > tc.wantBudget+margin {
				t.Errorf("the REST call failed after %v, more than %v past its %v deadline", elapsed, margin, tc.wantBudget)
			}
			exp := c.expedition.logs.wait(t, "expedition", rpcLine("PlanExpedition", id))
			planner := c.planner.logs.wait(t, "planner", rpcLine("GetRoutes", id))
			if exp.budget() > tc.wantBudget || planner.budget() > exp.budget() {
				t.Errorf("budgets: expedition %v, planner %v; want at most %v, shrinking down the chain", exp.budget(), planner.budget(), tc.wantBudget)
			}
			if !endedByDeadline(planner) || planner.Duration > planner.budget()+margin {
				t.Errorf("the planner's call ended %s after %v; want it stopped at its %v deadline", planner.Code, planner.Duration, planner.budget())
			}
			c.pokedex.assertNoCall(t, id)
			t.Logf("REST call failed after %v; expedition budget %v, planner budget %v, planner stopped after %v",
				elapsed.Round(time.Millisecond), exp.budget().Round(time.Millisecond), planner.budget().Round(time.Millisecond), planner.Duration.Round(time.Millisecond))
		})
	}
}
