package platform

import (
	"context"
	"log/slog"
	"runtime/debug"
	"strings"
	"time"

	"buf.build/go/protovalidate"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/peer"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
)

// The interceptors run in this order, outermost first:
//
//	observe   request id, deadline budget, log line and metrics of the call
//	recover   a panic becomes INTERNAL; the process stays up
//	faults    injected latency and errors (WithFaultInjector: tests, demos)
//	budget    too little deadline left: DEADLINE_EXCEEDED before any work
//	authorize the service's policy (WithAuthorizer), if it has one
//	validate  protovalidate rules of every request message
//
// so that every failure below observe, panics included, is logged and
// counted with its final code, and no unauthenticated caller learns how
// its request would have been validated.

type interceptors struct {
	codec     utf8Codec
	logger    *slog.Logger
	metrics   *metrics
	validator protovalidate.Validator
	authorize Authorizer    // nil: every call is allowed
	faults    FaultInjector // nil: none
	minBudget time.Duration
}

func (i *interceptors) unary(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (resp any, err error) {
	ctx, done := i.observe(ctx, info.FullMethod)
	defer func() {
		echoRequestID(ctx, err == nil)
		done(err)
	}()
	defer i.recover(ctx, info.FullMethod, &err)
	// Taken first, so that no fault stays noted for a call that fails
	// before its request is validated.
	utf8Fault := i.codec.takeFault(req)
	if err := i.inject(ctx, info.FullMethod); err != nil {
		return nil, err
	}
	if err := i.check(ctx, info.FullMethod); err != nil {
		return nil, err
	}
	if utf8Fault != nil {
		return nil, utf8Fault
	}
	if err := i.validate(req); err != nil {
		return nil, err
	}
	return handler(ctx, req)
}

func (i *interceptors) stream(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) (err error) {
	ctx, done := i.observe(ss.Context(), info.FullMethod)
	wrapped := &validatingStream{ServerStream: ss, ctx: ctx, i: i}
	defer func() {
		if !wrapped.sentHeader {
			echoRequestID(ctx, false)
		}
		done(err)
	}()
	defer i.recover(ctx, info.FullMethod, &err)
	if err := i.inject(ctx, info.FullMethod); err != nil {
		return err
	}
	if err := i.check(ctx, info.FullMethod); err != nil {
		return err
	}
	return handler(srv, wrapped)
}

// observe gives the call a request id (the caller's, if it sent a valid
// one), echoes it in the response headers, and returns the function that
// logs and counts the call when it ends.
func (i *interceptors) observe(ctx context.Context, method string) (context.Context, func(error)) {
	start := time.Now()
	md, _ := metadata.FromIncomingContext(ctx)
	id := RequestID(firstValue(md, RequestIDKey))
	ctx = NewContextWithRequestID(ctx, id)

	attrs := []slog.Attr{slog.String("method", method), slog.String("request_id", id)}
	if p, ok := peer.FromContext(ctx); ok && p.Addr != nil {
		attrs = append(attrs, slog.String("peer", p.Addr.String()))
	}
	// The budget this hop received: how long the caller's deadline left it.
	if deadline, ok := ctx.Deadline(); ok {
		attrs = append(attrs, slog.Duration("deadline_budget", time.Until(deadline)))
	}
	attrs = append(attrs, clientAttrs(md)...)
	service, name := splitMethod(method)
	i.metrics.started(service, name)
	i.logger.LogAttrs(ctx, slog.LevelDebug, "rpc started", attrs...)
	return ctx, func(err error) {
		elapsed := time.Since(start)
		code := status.Code(err)
		// A caller whose deadline passed usually resets the stream before
		// the server's own timer fires, which reaches the handler as a
		// cancellation: count it as what it is.
		if deadline, ok := ctx.Deadline(); ok && code == codes.Canceled && !time.Now().Before(deadline) {
			code = codes.DeadlineExceeded
		}
		i.metrics.handled(service, name, code, elapsed)
		level := slog.LevelInfo
		switch code {
		case codes.OK, codes.Canceled, codes.InvalidArgument, codes.NotFound, codes.AlreadyExists,
			codes.Unauthenticated, codes.PermissionDenied, codes.FailedPrecondition, codes.OutOfRange:
		case codes.Internal, codes.Unknown, codes.DataLoss:
			level = slog.LevelError
		default:
			level = slog.LevelWarn
		}
		all := append(attrs, slog.String("code", code.String()), slog.Duration("duration", elapsed))
		if err != nil && code != codes.OK {
			all = append(all, slog.String("error", status.Convert(err).Message()))
		}
		i.logger.LogAttrs(ctx, level, "rpc", all...)
	}
}

// recover turns a panic in a handler into INTERNAL with a generic message,
// and logs the panic value with its stack.
func (i *interceptors) recover(ctx context.Context, method string, err *error) {
	if r := recover(); r != nil {
		i.metrics.panics.Inc()
		i.logger.ErrorContext(ctx, "panic in handler", "method", method, "request_id", RequestIDFromContext(ctx),
			"panic", r, "stack", string(debug.Stack()))
		*err = status.Error(codes.Internal, "internal error")
	}
}

func (i *interceptors) inject(ctx context.Context, method string) error {
	if i.faults == nil {
		return nil
	}
	return i.faults.Inject(ctx, method)
}

// check refuses calls whose deadline is nearly spent, then asks the
// service's authorizer.
func (i *interceptors) check(ctx context.Context, method string) error {
	if i.minBudget > 0 {
		if deadline, ok := ctx.Deadline(); ok {
			if left := time.Until(deadline); left < i.minBudget {
				return status.Errorf(codes.DeadlineExceeded, "deadline budget %v is below this service's minimum of %v", left.Round(time.Microsecond), i.minBudget)
			}
		}
	}
	if i.authorize == nil {
		return nil
	}
	return i.authorize(ctx, method)
}

func (i *interceptors) validate(msg any) error {
	m, ok := msg.(proto.Message)
	if !ok {
		return nil
	}
	err := i.validator.Validate(m)
	if err == nil {
		return nil
	}
	if verr, ok := ValidationError(err); ok {
		return ValidationStatus(verr).Err()
	}
	// A rule that cannot be compiled or evaluated is a server bug, not the
	// client's fault.
	i.logger.Error("validation failed to run", "error", err)
	return status.Error(codes.Internal, "internal error")
}

// validatingStream validates every message the client sends on a stream and
// carries the context with the request id.
type validatingStream struct {
	grpc.ServerStream
	ctx context.Context
	i   *interceptors
	// sentHeader records that the request id went out in the headers, with
	// the first message. Streams are used by one goroutine at a time for
	// sending, as grpc-go requires, so it needs no lock.
	sentHeader bool
}

func (s *validatingStream) Context() context.Context { return s.ctx }

func (s *validatingStream) SendMsg(m any) error {
	if !s.sentHeader {
		s.sentHeader = true
		echoRequestID(s.ctx, true)
	}
	return s.ServerStream.SendMsg(m)
}

// echoRequestID returns the request id to the caller: in the response
// headers of a call that sends a response, and in the trailers of a call
// that fails without one. Headers must not go out before an error: a
// client that has received headers treats the call as committed and will
// not retry it, so an UNAVAILABLE would never be retried.
func echoRequestID(ctx context.Context, inHeader bool) {
	md := metadata.Pairs(RequestIDKey, RequestIDFromContext(ctx))
	if inHeader {
		_ = grpc.SetHeader(ctx, md)
	} else {
		_ = grpc.SetTrailer(ctx, md)
	}
}

func (s *validatingStream) RecvMsg(m any) error {
	if err := s.ServerStream.RecvMsg(m); err != nil {
		return err
	}
	if err := s.i.codec.takeFault(m); err != nil {
		return err
	}
	return s.i.validate(m)
}

func splitMethod(full string) (service, method string) {
	full = strings.TrimPrefix(full, "/")
	if i := strings.LastIndex(full, "/"); i >= 0 {
		return full[:i], full[i+1:]
	}
	return "unknown", full
}
