package svcconfig_test

import (
	"encoding/json"
	"testing"

	"github.com/kanto-api/kanto/plugins/internal/svcconfig"
)

// FuzzParse feeds arbitrary bytes to the service config loader, as a
// service_config.json may hold: it must never panic; what it accepts has
// positive timeouts and retry policies gRPC would apply, and its part for
// a service is valid JSON.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		`{}`, `{"methodConfig": []}`, `[]`, `{"methodConfig": [{"name": [{}], "timeout": "1s"}]}`,
		`{"methodConfig": [{"name": [{"service": "a.v1.S", "method": "M"}], "timeout": "0.5s", "retryPolicy": {"maxAttempts": 3, "initialBackoff": "0.1s", "maxBackoff": "1s", "backoffMultiplier": 2, "retryableStatusCodes": ["UNAVAILABLE"]}}]}`,
		`{"methodConfig": [{"name": [{"service": "a.v1.S"}], "timeout": "1e400s"}]}`,
		`{"methodConfig": [{"name": [{"service": "a.v1.S"}], "timeout": "-1s"}]}`,
		`{"methodConfig": [{"name": [{"service": "a.v1.S"}], "retryPolicy": {"maxAttempts": 2, "initialBackoff": "NaNs", "maxBackoff": "1s", "backoffMultiplier": 1e999, "retryableStatusCodes": ["UNAVAILABLE"]}}]}`,
	} {
		f.Add([]byte(seed), "a.v1.S", "M")
	}
	f.Fuzz(func(t *testing.T, data []byte, service, method string) {
		c, err := svcconfig.Parse("service_config.json", data)
		if err != nil {
			return
		}
		p := c.Policy(service, method)
		if p.Timeout < 0 {
			t.Fatalf("negative timeout %v accepted", p.Timeout)
		}
		if r := p.Retry; r != nil && (r.MaxAttempts < 2 || r.InitialBackoff <= 0 || r.MaxBackoff <= 0 || r.BackoffMultiplier <= 0 || len(r.RetryableStatusCodes) == 0) {
			t.Fatalf("a retry policy gRPC would ignore was accepted: %+v", r)
		}
		part, err := c.For(service)
		if err != nil {
			t.Fatalf("For(%q): %v", service, err)
		}
		if !json.Valid([]byte(part)) {
			t.Fatalf("For(%q) = %q, not JSON", service, part)
		}
	})
}
