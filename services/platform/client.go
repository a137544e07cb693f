package platform

import (
	"context"
	"log/slog"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// clientInterceptors returns the dial options a binary uses for its calls
// to other services: the request id of the incoming call travels on, and
// every downstream call is logged with the deadline budget it was given,
// so the hops of one request can be followed by its request id. The
// deadline itself needs no help: gRPC sends the context's deadline with
// every call.
func clientInterceptors(logger *slog.Logger) []grpc.DialOption {
	return []grpc.DialOption{
		grpc.WithChainUnaryInterceptor(func(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
			ctx = outgoingRequestID(ctx)
			start := time.Now()
			err := invoker(ctx, method, req, reply, cc, opts...)
			logDownstream(ctx, logger, method, cc.Target(), start, err)
			return err
		}),
		grpc.WithChainStreamInterceptor(func(ctx context.Context, desc *grpc.StreamDesc, cc *grpc.ClientConn, method string, streamer grpc.Streamer, opts ...grpc.CallOption) (grpc.ClientStream, error) {
			ctx = outgoingRequestID(ctx)
			stream, err := streamer(ctx, desc, cc, method, opts...)
			if err != nil {
				logDownstream(ctx, logger, method, cc.Target(), time.Now(), err)
			}
			return stream, err
		}),
	}
}

func outgoingRequestID(ctx context.Context) context.Context {
	if id := RequestIDFromContext(ctx); id != "" {
		return metadata.AppendToOutgoingContext(ctx, RequestIDKey, id)
	}
	return ctx
}

func logDownstream(ctx context.Context, logger *slog.Logger, method, target string, start time.Time, err error) {
	code := status.Code(err)
	if deadline, ok := ctx.Deadline(); ok && code == codes.Canceled && !time.Now().Before(deadline) {
		code = codes.DeadlineExceeded // the caller's deadline passed: see observe
	}
	attrs := []slog.Attr{
		slog.String("method", method),
		slog.String("target", target),
		slog.String("request_id", RequestIDFromContext(ctx)),
		slog.String("code", code.String()),
		slog.Duration("duration", time.Since(start)),
	}
	if deadline, ok := ctx.Deadline(); ok {
		// What was left for this hop when it was called.
		attrs = append(attrs, slog.Duration("deadline_budget", deadline.Sub(start)))
	}
	logger.LogAttrs(ctx, slog.LevelDebug, "downstream call", attrs...)
}
