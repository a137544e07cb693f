package platform

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Faults injects latency and errors into calls, so the deadline and
// cancellation scenarios of a chain of services can be replayed in tests
// and demos. It is off unless configured.
//
// A spec is a comma-separated list of rules METHOD=ACTION, where METHOD is
// a method's short name (GetRoutes), its full name
// (/kanto.routeplanner.v1.RoutePlannerService/GetRoutes) or * for every
// method, and ACTION is either a latency, "300ms", or an error,
// "UNAVAILABLE" or "UNAVAILABLE@0.25" (a status code name, optionally with
// the fraction of calls it hits). A method's latency applies before its
// error. Example: "GetRoutes=300ms,ListEncounters=UNAVAILABLE@0.5".
type Faults struct {
	latency map[string]time.Duration
	errs    map[string]faultError
}

type faultError struct {
	code codes.Code
	rate float64
}

// ParseFaults parses a fault spec; the empty spec injects nothing.
func ParseFaults(spec string) (*Faults, error) {
	f := &Faults{latency: map[string]time.Duration{}, errs: map[string]faultError{}}
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
		name, rateText, hasRate := strings.Cut(action, "@")
		code, ok := codeByName[strings.ToUpper(name)]
		if !ok || code == codes.OK {
			return nil, fmt.Errorf("fault rule %q: %q is neither a duration nor an error code name", rule, name)
		}
		rate := 1.0
		if hasRate {
			r, err := strconv.ParseFloat(rateText, 64)
			if err != nil || r <= 0 || r > 1 {
				return nil, fmt.Errorf("fault rule %q: rate must be in (0, 1]", rule)
			}
			rate = r
		}
		f.errs[method] = faultError{code: code, rate: rate}
	}
	return f, nil
}

// Empty reports whether f injects nothing.
func (f *Faults) Empty() bool { return f == nil || len(f.latency)+len(f.errs) == 0 }

// inject applies the faults configured for fullMethod. Injected latency
// waits on ctx, like real work that stops when its caller gives up.
func (f *Faults) inject(ctx context.Context, fullMethod string) error {
	if f.Empty() {
		return nil
	}
	_, short := splitMethod(fullMethod)
	if d, ok := f.lookupLatency(fullMethod, short); ok && d > 0 {
		timer := time.NewTimer(d)
		defer timer.Stop()
		select {
		case <-timer.C:
		case <-ctx.Done():
			return status.FromContextError(ctx.Err()).Err()
		}
	}
	if e, ok := f.lookupError(fullMethod, short); ok && rand.Float64() < e.rate {
		return status.Errorf(e.code, "injected fault: %s", e.code)
	}
	return nil
}

func (f *Faults) lookupLatency(full, short string) (time.Duration, bool) {
	for _, k := range []string{full, short, "*"} {
		if d, ok := f.latency[k]; ok {
			return d, true
		}
	}
	return 0, false
}

func (f *Faults) lookupError(full, short string) (faultError, bool) {
	for _, k := range []string{full, short, "*"} {
		if e, ok := f.errs[k]; ok {
			return e, true
		}
	}
	return faultError{}, false
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
