// Package faults injects latency and errors into gRPC calls, so tests and
// demos can replay the deadline, cancellation and retry scenarios of a
// chain of services.
//
// It is not part of production binaries. The platform's servers take an
// injector through platform.WithFaultInjector, which tests use directly;
// the -faults flag (and so KANTO_<BINARY>_FAULTS) exists only in binaries
// built with -tags kantofaults, which `make build` puts in
// .build/bin/kantofaults for the launcher, kanto-testenv. A binary built
// without the tag fails at start when its KANTO_<BINARY>_FAULTS is set,
// rather than run without the faults a test relies on.
package faults

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Faults is a parsed fault spec. It is safe for concurrent use.
//
// A spec is a comma-separated list of rules METHOD=ACTION, where METHOD is
// a method's short name (GetRoutes), its full name
// (/kanto.routeplanner.v1.RoutePlannerService/GetRoutes) or * for every
// method, and ACTION is a latency, "300ms", or an error: a status code
// name, "UNAVAILABLE", optionally with the fraction of calls it hits,
// "UNAVAILABLE@0.25", or with the number of first calls it hits,
// "UNAVAILABLE#2" (the first two calls fail, later ones pass, which makes
// a retry test deterministic). A method's latency applies before its
// error. Example: "GetRoutes=300ms,ListEncounters=UNAVAILABLE@0.5".
type Faults struct {
	spec    string
	latency map[string]time.Duration
	errs    map[string]*faultError
}

type faultError struct {
	code codes.Code
	rate float64
	// first, when positive, limits the error to the first calls; hits
	// counts the calls it has seen.
	first int64
	hits  atomic.Int64
}

// Parse parses a fault spec; the empty spec injects nothing.
func Parse(spec string) (*Faults, error) {
	f := &Faults{spec: spec, latency: map[string]time.Duration{}, errs: map[string]*faultError{}}
	for _, rule := range strings.Split(spec, ",") {
		rule = strings.TrimSpace(rule)
		if rule == "" {
			continue
		}
		method, action, ok := strings.Cut(rule, "=")
		if !ok || method == "" || action == "" {
			return nil, fmt.Errorf("fault rule %q: want METHOD=ACTION", rule)
		}
		if d, err := time.ParseDuration(action); err == nil {
			if d < 0 {
				return nil, fmt.Errorf("fault rule %q: negative latency", rule)
			}
			f.latency[method] = d
			continue
		}
		e := &faultError{rate: 1}
		name := action
		if n, rateText, ok := strings.Cut(action, "@"); ok {
			r, err := strconv.ParseFloat(rateText, 64)
			if err != nil || r <= 0 || r > 1 {
				return nil, fmt.Errorf("fault rule %q: rate must be in (0, 1]", rule)
			}
			name, e.rate = n, r
		} else if n, countText, ok := strings.Cut(action, "#"); ok {
			c, err := strconv.ParseInt(countText, 10, 64)
			if err != nil || c < 1 {
				return nil, fmt.Errorf("fault rule %q: the number of first calls must be a positive integer", rule)
			}
			name, e.first = n, c
		}
		code, ok := codeByName[strings.ToUpper(name)]
		if !ok || code == codes.OK {
			return nil, fmt.Errorf("fault rule %q: %q is neither a duration nor an error code name", rule, name)
		}
		e.code = code
		f.errs[method] = e
	}
	return f, nil
}

// Empty reports whether f injects nothing.
func (f *Faults) Empty() bool { return f == nil || len(f.latency)+len(f.errs) == 0 }

// String returns the spec f was parsed from.
func (f *Faults) String() string { return f.spec }

// Inject applies the faults configured for fullMethod: it waits for the
// injected latency, then returns the injected error, if any. The latency
// waits on ctx, like real work that stops when its caller gives up.
func (f *Faults) Inject(ctx context.Context, fullMethod string) error {
	if f.Empty() {
		return nil
	}
	short := fullMethod[strings.LastIndex(fullMethod, "/")+1:]
	if d, ok := lookup(f.latency, fullMethod, short); ok && d > 0 {
		timer := time.NewTimer(d)
		defer timer.Stop()
		select {
		case <-timer.C:
		case <-ctx.Done():
			return status.FromContextError(ctx.Err()).Err()
		}
	}
	if e, ok := lookup(f.errs, fullMethod, short); ok {
		if e.first > 0 {
			if e.hits.Add(1) > e.first {
				return nil
			}
		} else if rand.Float64() >= e.rate {
			return nil
		}
		return status.Errorf(e.code, "injected fault: %s", e.code)
	}
	return nil
}

// lookup finds the rule of a method by its full name, its short name or
// the wildcard, in that order.
func lookup[V any](rules map[string]V, full, short string) (V, bool) {
	for _, k := range []string{full, short, "*"} {
		if v, ok := rules[k]; ok {
			return v, true
		}
	}
	var zero V
	return zero, false
}

var codeByName = func() map[string]codes.Code {
	m := map[string]codes.Code{}
	for c := codes.OK; c <= codes.Unauthenticated; c++ {
		m[strings.ToUpper(toSnake(c.String()))] = c
	}
	m["CANCELLED"] = codes.Canceled
	return m
}()

// toSnake turns a code's Go name (DeadlineExceeded) into its canonical
// name (DEADLINE_EXCEEDED).
func toSnake(s string) string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 && r >= 'A' && r <= 'Z' {
			b.WriteByte('_')
		}
		b.WriteRune(r)
	}
	return b.String()
}
