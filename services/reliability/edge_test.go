package reliability

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	geov1 "github.com/kanto-api/kanto/gen/go/kanto/geo/v1"
	routeplannerv1 "github.com/kanto-api/kanto/gen/go/kanto/routeplanner/v1"
	"github.com/kanto-api/kanto/services/launcher"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

// TestSlowloris trickles a request's headers into the gateway, a byte at a
// time, never finishing them: the gateway closes the connection once its
// header timeout passes, instead of holding it open for the client.
func TestSlowloris(t *testing.T) {
	t.Parallel()
	const headerTimeout = time.Second
	env := startKanto(t, launcher.Setting{Binary: "gateway", Flag: "read-header-timeout", Value: headerTimeout.String(), Override: true})
	u, err := url.Parse(env.GatewayURL)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "GET /v1/pokemon/25 HTTP/1.1\r\nHost: kanto\r\n"); err != nil {
		t.Fatal(err)
	}
	closed := make(chan error, 1)
	go func() {
		// The gateway answers nothing but closing (or a 408); a read that
		// ends is the condition this test waits on.
		_, err := io.ReadAll(conn)
		closed <- err
	}()
	start := time.Now()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-closed:
			t.Logf("slowloris: the gateway closed the connection after %v (header timeout %v)", time.Since(start).Round(10*time.Millisecond), headerTimeout)
			return
		case <-tick.C:
			if _, err := io.WriteString(conn, "X"); err != nil {
				t.Logf("slowloris: the gateway closed the connection after %v (header timeout %v): %v", time.Since(start).Round(10*time.Millisecond), headerTimeout, err)
				return
			}
		case <-time.After(waitBound):
			t.Fatalf("the gateway kept a connection whose headers never end open for %v", waitBound)
		}
	}
}

// TestOversizeHeadersAtTheEdge sends the gateway a request with a 100 KiB
// header: it answers 431 and serves the next request.
func TestOversizeHeadersAtTheEdge(t *testing.T) {
	t.Parallel()
	env := startKanto(t)
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, env.GatewayURL+"/v1/pokemon/25", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Padding", strings.Repeat("a", 100<<10))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Fatalf("status %d, want 431", resp.StatusCode)
	}
	resp, err = http.Get(env.GatewayURL + "/v1/pokemon/25")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("the next request: status %d, want 200", resp.StatusCode)
	}
}

// TestClientThatNeverReads opens many WatchRoutes streams and never reads
// them, while the route planner sends a new route at every condition
// change (every 5 ms here). HTTP/2 flow control stops each stream's sender
// once the client's window is full, so the route planner's memory stays
// within a bound: 64 MiB over what it used before, for 200 streams.
func TestClientThatNeverReads(t *testing.T) {
	t.Parallel()
	const streams, bound = 200, 64 << 20
	env := startKanto(t, launcher.Setting{Binary: "routeplanner", Flag: "conditions-interval", Value: "5ms", Override: true})
	planner := env.Process("routeplanner")
	before := residentBytes(t, planner.MetricsAddr)

	conn, err := grpc.NewClient(planner.Addr, grpc.WithTransportCredentials(insecure.NewCredentials()),
		// A small window, fixed: the client reads nothing, so whatever the
		// server sends beyond it must wait on the server's side.
		grpc.WithInitialWindowSize(64<<10), grpc.WithInitialConnWindowSize(64<<10))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	client := routeplannerv1.NewRoutePlannerServiceClient(conn)
	for range streams {
		if _, err := client.WatchRoutes(ctx, &routeplannerv1.WatchRoutesRequest{
			Origin:      &geov1.PlaceRef{PlaceId: "pallet-town"},
			Destination: &geov1.PlaceRef{PlaceId: "cerulean-city"},
		}); err != nil {
			t.Fatal(err)
		}
	}
	// Sample the route planner's memory while a thousand condition changes
	// go by (5 s at 5 ms), then check the peak.
	var peak int64
	for range 10 {
		time.Sleep(500 * time.Millisecond) // sampling, not waiting for an event
		peak = max(peak, residentBytes(t, planner.MetricsAddr))
	}
	t.Logf("never-reading client: route planner RSS %d MiB before, peak %d MiB with %d unread streams (bound +%d MiB)", before>>20, peak>>20, streams, bound>>20)
	if peak-before > bound {
		t.Errorf("the route planner grew by %d MiB with %d unread streams; the bound is %d MiB", (peak-before)>>20, streams, bound>>20)
	}
	cancel()
	// Still serving.
	if _, err := client.GetRoutes(t.Context(), &routeplannerv1.GetRoutesRequest{Origin: &geov1.PlaceRef{PlaceId: "pallet-town"}, Destination: &geov1.PlaceRef{PlaceId: "viridian-city"}}); err != nil {
		t.Fatal(err)
	}
}

// residentBytes reads process_resident_memory_bytes from a binary's
// metrics endpoint.
func residentBytes(t *testing.T, metricsAddr string) int64 {
	t.Helper()
	v, err := metric(metricsAddr, "process_resident_memory_bytes")
	if err != nil {
		t.Fatal(err)
	}
	return int64(v)
}

// metric reads one unlabelled sample from a Prometheus text endpoint.
func metric(addr, name string) (float64, error) {
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if value, ok := strings.CutPrefix(sc.Text(), name+" "); ok {
			return strconv.ParseFloat(value, 64)
		}
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	return 0, errors.New(fmt.Sprint(name, " not found at ", addr))
}
