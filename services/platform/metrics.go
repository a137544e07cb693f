package platform

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"google.golang.org/grpc/codes"
)

// metrics are the server's Prometheus metrics, named as the widely used
// go-grpc-prometheus names them so existing dashboards work.
type metrics struct {
	registry *prometheus.Registry
	startedC *prometheus.CounterVec
	handledC *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	panics   prometheus.Counter
}

func newMetrics() *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		startedC: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "grpc_server_started_total",
			Help: "RPCs started on the server.",
		}, []string{"grpc_service", "grpc_method"}),
		handledC: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "grpc_server_handled_total",
			Help: "RPCs completed on the server, by status code.",
		}, []string{"grpc_service", "grpc_method", "grpc_code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "grpc_server_handling_seconds",
			Help:    "Time from the start of an RPC to its end, by status code.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"grpc_service", "grpc_method", "grpc_code"}),
		panics: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "grpc_server_panics_recovered_total",
			Help: "Handler panics turned into INTERNAL.",
		}),
	}
	m.registry.MustRegister(m.startedC, m.handledC, m.latency, m.panics,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *metrics) started(service, method string) {
	m.startedC.WithLabelValues(service, method).Inc()
}

func (m *metrics) handled(service, method string, code codes.Code, elapsed time.Duration) {
	m.handledC.WithLabelValues(service, method, code.String()).Inc()
	m.latency.WithLabelValues(service, method, code.String()).Observe(elapsed.Seconds())
}
