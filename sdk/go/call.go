package kanto

import (
	"context"
	"sync"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"
)

// unaryDefaultDeadline gives a unary call the deadline d when its context
// has none and the service config gives its method no timeout of its own
// (timed reports that; d == 0: never). It is the outermost interceptor, so
// the deadline covers every retry attempt gRPC makes.
func unaryDefaultDeadline(d time.Duration, timed func(method string) bool) grpc.UnaryClientInterceptor {
	return func(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
		if _, ok := ctx.Deadline(); ok || d == 0 || timed(method) {
			return invoker(ctx, method, req, reply, cc, opts...)
		}
		ctx, cancel := context.WithTimeout(ctx, d)
		defer cancel()
		return invoker(ctx, method, req, reply, cc, opts...)
	}
}

// streamDefaultDeadline gives a streaming call the deadline d when its
// context has none (d == 0: never).
func streamDefaultDeadline(d time.Duration) grpc.StreamClientInterceptor {
	return func(ctx context.Context, desc *grpc.StreamDesc, cc *grpc.ClientConn, method string, streamer grpc.Streamer, opts ...grpc.CallOption) (grpc.ClientStream, error) {
		if _, ok := ctx.Deadline(); ok || d == 0 {
			return streamer(ctx, desc, cc, method, opts...)
		}
		ctx, cancel := context.WithTimeout(ctx, d)
		s, err := streamer(ctx, desc, cc, method, opts...)
		if err != nil {
			cancel()
			return nil, err
		}
		// The deadline's timer is released when the stream ends; a stream
		// the caller abandons releases it at the deadline.
		return &cancelOnEnd{ClientStream: s, cancel: cancel}, nil
	}
}

// cancelOnEnd releases a stream's derived context once RecvMsg has
// reported the end of the stream (io.EOF or the call's error).
type cancelOnEnd struct {
	grpc.ClientStream
	cancel context.CancelFunc
	once   sync.Once
}

func (s *cancelOnEnd) RecvMsg(m any) error {
	err := s.ClientStream.RecvMsg(m)
	if err != nil {
		s.once.Do(s.cancel)
	}
	return err
}

// bearerToken is the per-call credential of WithToken.
type bearerToken struct {
	token      string
	requireTLS bool
}

// GetRequestMetadata returns the authorization header, unless the call
// sets one itself in its outgoing metadata.
func (b bearerToken) GetRequestMetadata(ctx context.Context, _ ...string) (map[string]string, error) {
	if md, ok := metadata.FromOutgoingContext(ctx); ok && len(md.Get("authorization")) > 0 {
		return nil, nil
	}
	return map[string]string{"authorization": "Bearer " + b.token}, nil
}

// RequireTransportSecurity reports whether the token may only travel over
// TLS: true unless the connection is plaintext, which Dialer.Dial allows
// with a token only to a loopback address.
func (b bearerToken) RequireTransportSecurity() bool { return b.requireTLS }
