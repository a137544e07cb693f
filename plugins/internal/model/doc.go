package model

import (
	"fmt"
	"strings"

	"github.com/kanto-api/kanto/plugins/internal/shape"
	"github.com/kanto-api/kanto/plugins/internal/svcconfig"
)

// The sentences below are the same in every SDK's documentation; each
// emitter only escapes them and adds its comment markers.

// PolicyText says how the SDKs call the method: its default deadline and
// what is retried, for example "Deadline: 5s unless the call sets an
// earlier one. Retried on UNAVAILABLE, up to 4 attempts in all (backoff
// 0.1s to 1s, ×2)." It is "" when the service config says nothing.
func (m *Method) PolicyText() string {
	var parts []string
	if m.Policy.Timeout > 0 {
		parts = append(parts, fmt.Sprintf("Deadline: %s unless the call sets an earlier one.", svcconfig.FormatDuration(m.Policy.Timeout)))
	}
	if r := m.Policy.Retry; r != nil {
		when := ""
		if m.Kind != shape.Unary {
			// gRPC commits a stream, and stops retrying it, once the
			// first response arrives.
			when = " before the first response"
		}
		parts = append(parts, fmt.Sprintf("Retried on %s%s, up to %d attempts in all (backoff %s to %s, ×%s).",
			strings.Join(r.Codes, ", "), when, r.MaxAttempts,
			svcconfig.FormatDuration(r.InitialBackoff), svcconfig.FormatDuration(r.MaxBackoff),
			strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%f", r.BackoffMultiplier), "0"), ".")))
	} else if m.Kind == shape.Unary || m.Policy.Timeout > 0 {
		parts = append(parts, "Not retried.")
	}
	return strings.Join(parts, " ")
}

// RequestIDText says what the SDK does with the request id, or "".
func (m *Method) RequestIDText() string {
	if m.RequestID == nil {
		return ""
	}
	return fmt.Sprintf("If %s is empty, the SDK sets it to a fresh UUID, and keeps that value across every retry of the call, so that a retry cannot create twice (AIP-155).", m.RequestID.Desc.Name())
}

// HTTPText lists the method's REST bindings, "GET /v1/pokemon/{id}", or "".
func (m *Method) HTTPText() string {
	if len(m.HTTP) == 0 {
		return ""
	}
	rules := make([]string, len(m.HTTP))
	for i, r := range m.HTTP {
		rules[i] = r.String()
	}
	return "REST: " + strings.Join(rules, "; ") + "."
}

// Text describes the field in one line: its name and type, then its
// behaviours and validation rules, for example
// "id (int32): REQUIRED; int32.gte = 1, int32.lte = 9999".
func (f FieldDoc) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s)", f.Name, f.Type)
	var notes []string
	if f.Deprecated {
		notes = append(notes, "deprecated")
	}
	if f.Oneof != "" {
		notes = append(notes, "oneof "+f.Oneof)
	}
	notes = append(notes, f.Behaviors...)
	if len(f.Rules) > 0 {
		rules := make([]string, len(f.Rules))
		for i, r := range f.Rules {
			rules[i] = r.String()
		}
		notes = append(notes, strings.Join(rules, ", "))
	}
	if len(notes) > 0 {
		b.WriteString(": ")
		b.WriteString(strings.Join(notes, "; "))
	}
	return b.String()
}

// FieldsText lists the request's fields, one line each (see
// FieldDoc.Text), then its message-level rules; nil for an empty request.
func (m *Method) FieldsText() []string {
	var out []string
	for _, f := range m.RequestFields {
		out = append(out, f.Text())
	}
	for _, r := range m.RequestRules {
		out = append(out, "(message) "+r.String())
	}
	return out
}
