package svcconfig_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kanto-api/kanto/plugins/internal/svcconfig"
)

const good = `{
  "loadBalancingConfig": [{"round_robin": {}}],
  "methodConfig": [
    {"name": [{"service": "a.v1.S", "method": "Get"}, {"service": "b.v1.T", "method": "Get"}], "timeout": "2.5s",
     "retryPolicy": {"maxAttempts": 3, "initialBackoff": "0.1s", "maxBackoff": "1s", "backoffMultiplier": 2, "retryableStatusCodes": ["UNAVAILABLE"]}},
    {"name": [{"service": "a.v1.S"}], "timeout": "10s"},
    {"name": [{}], "timeout": "30s"}
  ]
}`

func TestPolicy(t *testing.T) {
	t.Parallel()
	c, err := svcconfig.Parse("good.json", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		service, method string
		timeout         time.Duration
		retries         bool
	}{
		{"a.v1.S", "Get", 2500 * time.Millisecond, true}, // the method's own entry
		{"a.v1.S", "List", 10 * time.Second, false},      // the service's entry
		{"c.v1.U", "Get", 30 * time.Second, false},       // the default entry
		{"b.v1.T", "Get", 2500 * time.Millisecond, true},
	}
	for _, tt := range tests {
		p := c.Policy(tt.service, tt.method)
		if p.Timeout != tt.timeout || (p.Retry != nil) != tt.retries {
			t.Errorf("Policy(%s, %s) = %+v, want timeout %v, retries %v", tt.service, tt.method, p, tt.timeout, tt.retries)
		}
	}
	if got := strings.Join(c.Services(), ","); got != "a.v1.S,b.v1.T" {
		t.Errorf("Services = %s", got)
	}
}

func TestFor(t *testing.T) {
	t.Parallel()
	c, err := svcconfig.Parse("good.json", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.For("a.v1.S")
	if err != nil {
		t.Fatal(err)
	}
	// b.v1.T's name is dropped from the shared entry; the default entry
	// and the other top-level keys stay.
	want := `{"loadBalancingConfig":[{"round_robin":{}}],"methodConfig":[{"name":[{"service":"a.v1.S","method":"Get"}],"retryPolicy":{"maxAttempts":3,"initialBackoff":"0.1s","maxBackoff":"1s","backoffMultiplier":2,"retryableStatusCodes":["UNAVAILABLE"]},"timeout":"2.5s"},{"name":[{"service":"a.v1.S"}],"timeout":"10s"},{"name":[{}],"timeout":"30s"}]}`
	if got != want {
		t.Errorf("For =\n%s\nwant\n%s", got, want)
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	entry := func(s string) string { return `{"methodConfig": [` + s + `]}` }
	retry := func(s string) string {
		return entry(`{"name": [{"service": "a.v1.S"}], "retryPolicy": ` + s + `}`)
	}
	tests := []struct{ name, config, want string }{
		{"not JSON", `{`, "not a JSON object"},
		{"unknown key", entry(`{"name": [{"service": "a.v1.S"}], "timeOut": "1s"}`), `unknown key "timeOut"`},
		{"no name", entry(`{"timeout": "1s"}`), `"name" must be a non-empty list`},
		{"method without service", entry(`{"name": [{"method": "Get"}]}`), "has no service"},
		{"bad timeout", entry(`{"name": [{"service": "a.v1.S"}], "timeout": "5"}`), `"5" is not a duration`},
		{"zero timeout", entry(`{"name": [{"service": "a.v1.S"}], "timeout": "0s"}`), "timeout must be positive"},
		{"hedging", entry(`{"name": [{"service": "a.v1.S"}], "hedgingPolicy": {}}`), "hedgingPolicy is not supported"},
		{"one attempt", retry(`{"maxAttempts": 1, "initialBackoff": "1s", "maxBackoff": "1s", "backoffMultiplier": 2, "retryableStatusCodes": ["UNAVAILABLE"]}`), "maxAttempts must be at least 2"},
		{"no backoff", retry(`{"maxAttempts": 2, "maxBackoff": "1s", "backoffMultiplier": 2, "retryableStatusCodes": ["UNAVAILABLE"]}`), "initialBackoff must be a positive duration"},
		{"no codes", retry(`{"maxAttempts": 2, "initialBackoff": "1s", "maxBackoff": "1s", "backoffMultiplier": 2}`), "retryableStatusCodes must not be empty"},
		{"unknown code", retry(`{"maxAttempts": 2, "initialBackoff": "1s", "maxBackoff": "1s", "backoffMultiplier": 2, "retryableStatusCodes": ["UNAVALABLE"]}`), `"UNAVALABLE" is not a gRPC status code name`},
		{"unknown retry key", retry(`{"maxAttempts": 2, "initialBackoff": "1s", "maxBackoff": "1s", "backoffMultiplier": 2, "retryableStatusCodes": ["UNAVAILABLE"], "perAttemptTimeout": "1s"}`), "unknown field"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := svcconfig.Parse("x/service_config.json", []byte(tt.config))
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "x/service_config.json") {
				t.Errorf("Parse error = %v, want one naming the file and containing %q", err, tt.want)
			}
		})
	}
}

func TestFormatDuration(t *testing.T) {
	t.Parallel()
	for d, want := range map[time.Duration]string{5 * time.Second: "5s", 100 * time.Millisecond: "0.1s", 2500 * time.Millisecond: "2.5s"} {
		if got := svcconfig.FormatDuration(d); got != want {
			t.Errorf("FormatDuration(%v) = %s, want %s", d, got, want)
		}
	}
}
