package platform

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Endpoint is the HTTP server every Kanto binary runs on its metrics
// address: GET /metrics for Prometheus and GET /healthz, 200 "ok" while
// the binary is ready and 503 with the reason while it is not.
type Endpoint struct {
	srv    *http.Server
	logger *slog.Logger
	done   chan struct{}
}

// NewEndpoint returns the endpoint of registry's metrics and of healthy,
// which returns nil while the binary is ready, or why it is not.
func NewEndpoint(registry *prometheus.Registry, healthy func(*http.Request) error, logger *slog.Logger) *Endpoint {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(registry, promhttp.HandlerOpts{}))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if err := healthy(r); err != nil {
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write([]byte("ok\n"))
	})
	return &Endpoint{
		srv:    &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second, WriteTimeout: 30 * time.Second},
		logger: logger,
		done:   make(chan struct{}),
	}
}

// Start serves the endpoint on lis in the background until Shutdown.
func (e *Endpoint) Start(lis net.Listener) {
	go func() {
		defer close(e.done)
		if err := e.srv.Serve(lis); err != nil && !errors.Is(err, http.ErrServerClosed) {
			e.logger.Error("metrics endpoint failed", "error", err)
		}
	}()
}

// Shutdown stops the endpoint, giving requests in flight a second.
func (e *Endpoint) Shutdown() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	err := e.srv.Shutdown(ctx)
	<-e.done
	if err != nil {
		return fmt.Errorf("metrics endpoint shutdown: %w", err)
	}
	return nil
}

// Listen listens on addr: a TCP host:port (port 0 picks a free one), or
// "fd:N", a listening socket the process inherited as file descriptor N.
// The launcher binds the gRPC ports itself and hands them over that way,
// so it knows every address before it starts any binary.
func Listen(addr string) (net.Listener, error) {
	fdText, ok := strings.CutPrefix(addr, "fd:")
	if !ok {
		return net.Listen("tcp", addr)
	}
	fd, err := strconv.ParseUint(fdText, 10, 31)
	if err != nil || fd < 3 {
		return nil, fmt.Errorf("listen address %q: want fd:N with N at least 3", addr)
	}
	f := os.NewFile(uintptr(fd), addr)
	if f == nil {
		return nil, fmt.Errorf("listen address %q: no such file descriptor", addr)
	}
	defer f.Close() // FileListener holds a duplicate
	lis, err := net.FileListener(f)
	if err != nil {
		return nil, fmt.Errorf("listen address %q: %w", addr, err)
	}
	return lis, nil
}

// WriteAddrFile writes addrs to path as one JSON object, such as
// {"grpc":"127.0.0.1:41001","metrics":"127.0.0.1:41002"}, atomically (a
// temporary file renamed into place), so a reader polling for path never
// sees a partial file.
func WriteAddrFile(path string, addrs map[string]string) error {
	b, err := json.Marshal(addrs)
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
