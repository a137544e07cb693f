// Package svcconfig reads gRPC service config files (the
// service_config.json next to each proto package) and answers, per
// method, the call policy gRPC derives from them: the timeout and the
// retry policy, by gRPC's matching rules (an entry naming the method wins
// over one naming its service, which wins over the default entry).
package svcconfig

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// A Config is one parsed service config file.
type Config struct {
	// Path is where the file was read from, for messages.
	Path string
	// MethodConfigs are the file's methodConfig entries, in order.
	MethodConfigs []MethodConfig
	// Other holds the file's top-level keys other than methodConfig
	// (loadBalancingConfig, retryThrottling, ...), kept as written.
	Other map[string]json.RawMessage
}

// A Name is one entry of a methodConfig's name list. An empty Method
// names the whole service; an empty Service names every method.
type Name struct {
	Service string `json:"service,omitempty"`
	Method  string `json:"method,omitempty"`
}

// A MethodConfig is one methodConfig entry.
type MethodConfig struct {
	Names []Name
	// Timeout is 0 when the entry sets none.
	Timeout time.Duration
	Retry   *RetryPolicy
	// Raw is the entry as written, for re-encoding it.
	Raw map[string]json.RawMessage
}

// A RetryPolicy is a methodConfig's retryPolicy.
type RetryPolicy struct {
	MaxAttempts       int
	InitialBackoff    time.Duration
	MaxBackoff        time.Duration
	BackoffMultiplier float64
	// RetryableStatusCodes are upper snake case code names (UNAVAILABLE).
	RetryableStatusCodes []string
}

// Policy is the call policy of one method.
type Policy struct {
	// Timeout is 0 when the method has none.
	Timeout time.Duration
	// Retry is nil when failed calls are not retried.
	Retry *RetryPolicy
}

// codeNames are the gRPC status code names a retry policy may list.
var codeNames = []string{
	"CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND",
	"ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION",
	"ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS",
	"UNAUTHENTICATED",
}

// Parse parses a service config file's contents. It checks what gRPC
// would reject (bad durations, a retry policy gRPC ignores) so that a
// mistake fails generation instead of silently disabling retries.
func Parse(path string, data []byte) (*Config, error) {
	var top map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&top); err != nil {
		return nil, fmt.Errorf("%s: not a JSON object: %w", path, err)
	}
	c := &Config{Path: path, Other: map[string]json.RawMessage{}}
	for k, v := range top {
		if k != "methodConfig" {
			c.Other[k] = v
		}
	}
	var entries []map[string]json.RawMessage
	if raw, ok := top["methodConfig"]; ok {
		if err := json.Unmarshal(raw, &entries); err != nil {
			return nil, fmt.Errorf("%s: methodConfig must be a list of objects: %w", path, err)
		}
	}
	for i, raw := range entries {
		mc, err := parseMethodConfig(raw)
		if err != nil {
			return nil, fmt.Errorf("%s: methodConfig[%d]: %w", path, i, err)
		}
		c.MethodConfigs = append(c.MethodConfigs, mc)
	}
	return c, nil
}

func parseMethodConfig(raw map[string]json.RawMessage) (MethodConfig, error) {
	mc := MethodConfig{Raw: raw}
	for k := range raw {
		switch k {
		case "name", "timeout", "retryPolicy", "waitForReady", "maxRequestMessageBytes", "maxResponseMessageBytes":
		case "hedgingPolicy":
			return mc, errors.New("hedgingPolicy is not supported by every Kanto SDK; use retryPolicy")
		default:
			return mc, fmt.Errorf("unknown key %q", k)
		}
	}
	if err := json.Unmarshal(raw["name"], &mc.Names); err != nil || len(mc.Names) == 0 {
		return mc, errors.New(`"name" must be a non-empty list of {"service", "method"} objects`)
	}
	for _, n := range mc.Names {
		if n.Service == "" && n.Method != "" {
			return mc, fmt.Errorf("name {method: %q} has no service", n.Method)
		}
	}
	if t, ok := raw["timeout"]; ok {
		d, err := parseDuration(t)
		if err != nil {
			return mc, fmt.Errorf("timeout: %w", err)
		}
		if d <= 0 {
			return mc, errors.New("timeout must be positive")
		}
		mc.Timeout = d
	}
	if r, ok := raw["retryPolicy"]; ok {
		p, err := parseRetryPolicy(r)
		if err != nil {
			return mc, fmt.Errorf("retryPolicy: %w", err)
		}
		mc.Retry = p
	}
	return mc, nil
}

func parseRetryPolicy(raw json.RawMessage) (*RetryPolicy, error) {
	var r struct {
		MaxAttempts          *int            `json:"maxAttempts"`
		InitialBackoff       json.RawMessage `json:"initialBackoff"`
		MaxBackoff           json.RawMessage `json:"maxBackoff"`
		BackoffMultiplier    *float64        `json:"backoffMultiplier"`
		RetryableStatusCodes []string        `json:"retryableStatusCodes"`
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return nil, err
	}
	// The rules of gRFC A6, which gRPC applies by ignoring the policy.
	if r.MaxAttempts == nil || *r.MaxAttempts < 2 {
		return nil, errors.New("maxAttempts must be at least 2")
	}
	p := &RetryPolicy{MaxAttempts: *r.MaxAttempts}
	var err error
	if p.InitialBackoff, err = parseDuration(r.InitialBackoff); err != nil || p.InitialBackoff <= 0 {
		return nil, fmt.Errorf("initialBackoff must be a positive duration: %v", orInvalid(err))
	}
	if p.MaxBackoff, err = parseDuration(r.MaxBackoff); err != nil || p.MaxBackoff <= 0 {
		return nil, fmt.Errorf("maxBackoff must be a positive duration: %v", orInvalid(err))
	}
	if r.BackoffMultiplier == nil || *r.BackoffMultiplier <= 0 || math.IsInf(*r.BackoffMultiplier, 0) {
		return nil, errors.New("backoffMultiplier must be positive")
	}
	p.BackoffMultiplier = *r.BackoffMultiplier
	if len(r.RetryableStatusCodes) == 0 {
		return nil, errors.New("retryableStatusCodes must not be empty")
	}
	for _, c := range r.RetryableStatusCodes {
		if !slices.Contains(codeNames, c) {
			return nil, fmt.Errorf("retryableStatusCodes: %q is not a gRPC status code name (such as UNAVAILABLE)", c)
		}
		p.RetryableStatusCodes = append(p.RetryableStatusCodes, c)
	}
	return p, nil
}

func orInvalid(err error) error {
	if err == nil {
		return errors.New("not positive")
	}
	return err
}

// parseDuration parses the JSON form of google.protobuf.Duration: a string
// of decimal seconds ending in "s", such as "0.1s" or "5s".
func parseDuration(raw json.RawMessage) (time.Duration, error) {
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return 0, fmt.Errorf("%s is not a duration string like \"5s\"", strings.TrimSpace(string(raw)))
	}
	num, ok := strings.CutSuffix(s, "s")
	if !ok {
		return 0, fmt.Errorf("%q is not a duration like \"5s\"", s)
	}
	secs, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsNaN(secs) || math.IsInf(secs, 0) || secs < 0 || secs > 315576000000 {
		return 0, fmt.Errorf("%q is not a duration like \"5s\"", s)
	}
	return time.Duration(math.Round(secs * 1e9)), nil
}

// Policy returns the call policy of service/method by gRPC's matching
// rules: the entry naming the method, else the one naming the service,
// else the default entry (an empty name). The zero Policy means none.
func (c *Config) Policy(service, method string) Policy {
	for _, key := range []Name{{service, method}, {service, ""}, {"", ""}} {
		for _, mc := range c.MethodConfigs {
			if slices.Contains(mc.Names, key) {
				return Policy{Timeout: mc.Timeout, Retry: mc.Retry}
			}
		}
	}
	return Policy{}
}

// Services returns every service the file's entries name, in order of
// first appearance.
func (c *Config) Services() []string {
	var out []string
	for _, mc := range c.MethodConfigs {
		for _, n := range mc.Names {
			if n.Service != "" && !slices.Contains(out, n.Service) {
				out = append(out, n.Service)
			}
		}
	}
	return out
}

// For returns the part of the config that concerns service: its entries
// with their names narrowed to the service (and the default entry), plus
// the file's other top-level keys, as compact JSON with sorted keys. An
// SDK hands it to its gRPC library as the channel's default service
// config, so each service's client carries its own policy.
func (c *Config) For(service string) (string, error) {
	top := map[string]any{}
	for k, v := range c.Other {
		top[k] = v
	}
	var entries []map[string]any
	for _, mc := range c.MethodConfigs {
		var names []Name
		for _, n := range mc.Names {
			if n.Service == service || n.Service == "" {
				names = append(names, n)
			}
		}
		if len(names) == 0 {
			continue
		}
		e := map[string]any{}
		for k, v := range mc.Raw {
			e[k] = v
		}
		e["name"] = names
		entries = append(entries, e)
	}
	if len(entries) > 0 {
		top["methodConfig"] = entries
	}
	b, err := json.Marshal(top)
	if err != nil {
		return "", err
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, b); err != nil {
		return "", err
	}
	return compact.String(), nil
}

// FormatDuration writes d as a service config duration ("5s", "0.1s").
func FormatDuration(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + "s"
}
