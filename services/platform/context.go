package platform

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"regexp"
)

// RequestIDKey is the metadata key that carries a request id between
// services and back to the client; the REST gateway reads and answers it
// as the X-Request-Id header.
const RequestIDKey = "x-request-id"

type requestIDKey struct{}

// NewContextWithRequestID returns ctx carrying the request id. The client
// connections of Dial send it on with every call made with that context.
func NewContextWithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestIDFromContext returns the request id in ctx, or "".
func RequestIDFromContext(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// validRequestID keeps client-supplied ids printable and short, so a
// client cannot inject log lines or bloat metadata through them.
var validRequestID = regexp.MustCompile(`^[A-Za-z0-9._:-]{1,128}$`)

// RequestID returns the request id a caller sent, if it is valid (1 to
// 128 letters, digits and ._:-), or else a fresh one: a caller cannot
// inject log lines or bloat metadata through it.
func RequestID(sent string) string {
	if sent != "" && validRequestID.MatchString(sent) {
		return sent
	}
	return NewRequestID()
}

// NewRequestID returns a fresh request id: 32 random hex digits.
func NewRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b[:])
}
