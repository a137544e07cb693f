package kanto

import (
	"context"
	"fmt"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/proto"
)

// A MethodKind is one of the four gRPC call shapes.
type MethodKind int

// The call shapes.
const (
	Unary MethodKind = iota
	ServerStream
	ClientStream
	BidiStream
)

// String returns the kind as the conformance vectors name it: unary,
// server_stream, client_stream or bidi_stream.
func (k MethodKind) String() string {
	switch k {
	case Unary:
		return "unary"
	case ServerStream:
		return "server_stream"
	case ClientStream:
		return "client_stream"
	case BidiStream:
		return "bidi_stream"
	}
	return fmt.Sprintf("MethodKind(%d)", int(k))
}

// A Method is one RPC as data, bound to a generated client: a program
// that chooses the method at run time (the conformance runners, a CLI)
// calls it through the client's own method, with everything the SDK adds.
// The generated clients' Methods return them; exactly one of the call
// fields is set, per Kind.
type Method struct {
	// Service is the service's full name; Name the RPC's name.
	Service, Name string
	Kind          MethodKind
	// NewRequest returns an empty request message.
	NewRequest func() proto.Message

	Unary        func(ctx context.Context, req proto.Message, opts ...grpc.CallOption) (proto.Message, error)
	ServerStream func(ctx context.Context, req proto.Message, opts ...grpc.CallOption) (RecvStream, error)
	ClientStream func(ctx context.Context, opts ...grpc.CallOption) (SendStream, error)
	BidiStream   func(ctx context.Context, opts ...grpc.CallOption) (SendRecvStream, error)
}

// FullName returns the method's gRPC path, "/<service>/<name>".
func (m Method) FullName() string { return "/" + m.Service + "/" + m.Name }

// A RecvStream is the receiving side of a server stream: Recv returns
// each response, then io.EOF or the call's error.
type RecvStream interface {
	Recv() (proto.Message, error)
}

// A SendStream is a client stream: Send each request, then CloseAndRecv
// returns the response.
type SendStream interface {
	Send(proto.Message) error
	CloseAndRecv() (proto.Message, error)
}

// A SendRecvStream is a bidirectional stream.
type SendRecvStream interface {
	Send(proto.Message) error
	Recv() (proto.Message, error)
	CloseSend() error
}

// message constrains P to a pointer to M that is a generated message.
type message[M any] interface {
	*M
	proto.Message
}

// newOf returns an empty message of P's type.
func newOf[M any, P message[M]]() proto.Message { return P(new(M)) }

// cast converts a dynamic request to the method's type, or explains why
// it cannot.
func cast[P proto.Message](service, name string, m proto.Message) (P, error) {
	p, ok := m.(P)
	if !ok {
		var want P
		return want, fmt.Errorf("kanto: /%s/%s takes a %s, not a %T", service, name, want.ProtoReflect().Descriptor().FullName(), m)
	}
	return p, nil
}

// UnaryMethod describes a unary RPC called through call.
func UnaryMethod[Req any, PReq message[Req], Resp proto.Message](service, name string, call func(context.Context, PReq, ...grpc.CallOption) (Resp, error)) Method {
	return Method{
		Service: service, Name: name, Kind: Unary, NewRequest: newOf[Req, PReq],
		Unary: func(ctx context.Context, req proto.Message, opts ...grpc.CallOption) (proto.Message, error) {
			r, err := cast[PReq](service, name, req)
			if err != nil {
				return nil, err
			}
			resp, err := call(ctx, r, opts...)
			if err != nil {
				return nil, err // not a typed nil in a non-nil interface
			}
			return resp, nil
		},
	}
}

// ServerStreamMethod describes a server-streaming RPC called through call.
func ServerStreamMethod[Req any, PReq message[Req], Resp any, PResp message[Resp]](service, name string, call func(context.Context, PReq, ...grpc.CallOption) (grpc.ServerStreamingClient[Resp], error)) Method {
	return Method{
		Service: service, Name: name, Kind: ServerStream, NewRequest: newOf[Req, PReq],
		ServerStream: func(ctx context.Context, req proto.Message, opts ...grpc.CallOption) (RecvStream, error) {
			r, err := cast[PReq](service, name, req)
			if err != nil {
				return nil, err
			}
			s, err := call(ctx, r, opts...)
			if err != nil {
				return nil, err
			}
			return recvStream[Resp, PResp]{recv: s.Recv}, nil
		},
	}
}

// ClientStreamMethod describes a client-streaming RPC called through call.
func ClientStreamMethod[Req any, PReq message[Req], Resp any, PResp message[Resp]](service, name string, call func(context.Context, ...grpc.CallOption) (grpc.ClientStreamingClient[Req, Resp], error)) Method {
	return Method{
		Service: service, Name: name, Kind: ClientStream, NewRequest: newOf[Req, PReq],
		ClientStream: func(ctx context.Context, opts ...grpc.CallOption) (SendStream, error) {
			s, err := call(ctx, opts...)
			if err != nil {
				return nil, err
			}
			return sendStream[Req, PReq, Resp, PResp]{service: service, name: name, s: s}, nil
		},
	}
}

// BidiStreamMethod describes a bidirectional-streaming RPC called through
// call.
func BidiStreamMethod[Req any, PReq message[Req], Resp any, PResp message[Resp]](service, name string, call func(context.Context, ...grpc.CallOption) (grpc.BidiStreamingClient[Req, Resp], error)) Method {
	return Method{
		Service: service, Name: name, Kind: BidiStream, NewRequest: newOf[Req, PReq],
		BidiStream: func(ctx context.Context, opts ...grpc.CallOption) (SendRecvStream, error) {
			s, err := call(ctx, opts...)
			if err != nil {
				return nil, err
			}
			return sendRecvStream[Req, PReq, Resp, PResp]{
				service: service, name: name, s: s,
				recvStream: recvStream[Resp, PResp]{recv: s.Recv},
			}, nil
		},
	}
}

type recvStream[Resp any, PResp message[Resp]] struct {
	recv func() (*Resp, error)
}

func (s recvStream[Resp, PResp]) Recv() (proto.Message, error) {
	m, err := s.recv()
	if err != nil {
		return nil, err
	}
	return PResp(m), nil
}

type sendStream[Req any, PReq message[Req], Resp any, PResp message[Resp]] struct {
	service, name string
	s             grpc.ClientStreamingClient[Req, Resp]
}

func (s sendStream[Req, PReq, Resp, PResp]) Send(m proto.Message) error {
	r, err := cast[PReq](s.service, s.name, m)
	if err != nil {
		return err
	}
	return s.s.Send((*Req)(r))
}

func (s sendStream[Req, PReq, Resp, PResp]) CloseAndRecv() (proto.Message, error) {
	m, err := s.s.CloseAndRecv()
	if err != nil {
		return nil, err
	}
	return PResp(m), nil
}

type sendRecvStream[Req any, PReq message[Req], Resp any, PResp message[Resp]] struct {
	recvStream[Resp, PResp]
	service, name string
	s             grpc.BidiStreamingClient[Req, Resp]
}

func (s sendRecvStream[Req, PReq, Resp, PResp]) Send(m proto.Message) error {
	r, err := cast[PReq](s.service, s.name, m)
	if err != nil {
		return err
	}
	return s.s.Send((*Req)(r))
}

func (s sendRecvStream[Req, PReq, Resp, PResp]) CloseSend() error { return s.s.CloseSend() }
