package shape_test

import (
	"strings"
	"testing"

	"github.com/kanto-api/kanto/plugins/internal/shape"
	tp "github.com/kanto-api/kanto/plugins/internal/testproto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"
)

const (
	tString  = descriptorpb.FieldDescriptorProto_TYPE_STRING
	tInt32   = descriptorpb.FieldDescriptorProto_TYPE_INT32
	tInt64   = descriptorpb.FieldDescriptorProto_TYPE_INT64
	tMessage = descriptorpb.FieldDescriptorProto_TYPE_MESSAGE
)

// method builds package shapetest with one service whose method M takes
// Req and returns Resp.
func method(t *testing.T, req, resp *descriptorpb.DescriptorProto, clientStream, serverStream bool, level descriptorpb.MethodOptions_IdempotencyLevel) protoreflect.MethodDescriptor {
	t.Helper()
	req.Name, resp.Name = strPtr("Req"), strPtr("Resp")
	m := tp.Method("shapetest", "M", "Req", "Resp", clientStream, serverStream)
	if level != descriptorpb.MethodOptions_IDEMPOTENCY_UNKNOWN {
		tp.Idempotent(m, level)
	}
	item := tp.Message("Item")
	fd := tp.Descriptor(t, tp.File("shapetest/s.proto", "shapetest", []*descriptorpb.DescriptorProto{req, resp, item}, tp.Service("S", m)))
	return fd.Services().Get(0).Methods().Get(0)
}

func strPtr(s string) *string { return &s }

func listRequest() *descriptorpb.DescriptorProto {
	return tp.Message("", tp.Field("page_size", 1, tInt32, ""), tp.Field("page_token", 2, tString, ""), tp.Field("filter", 3, tString, ""))
}

func listResponse(extra ...*descriptorpb.FieldDescriptorProto) *descriptorpb.DescriptorProto {
	return tp.Message("", append([]*descriptorpb.FieldDescriptorProto{
		tp.Repeated("items", 1, tMessage, ".shapetest.Item"),
		tp.Field("next_page_token", 2, tString, ""),
		tp.Field("total_size", 3, tInt32, ""),
	}, extra...)...)
}

func TestDetectPagination(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		req, resp    *descriptorpb.DescriptorProto
		serverStream bool
		wantItems    string
		wantProblem  string // "" when there is none
	}{
		{name: "AIP-158", req: listRequest(), resp: listResponse(), wantItems: "items"},
		{name: "repeated scalars", req: listRequest(), resp: tp.Message("", tp.Repeated("names", 1, tString, ""), tp.Field("next_page_token", 2, tString, "")), wantItems: "names"},
		{name: "no pattern at all", req: tp.Message("", tp.Field("id", 1, tString, "")), resp: tp.Message("", tp.Repeated("items", 1, tString, ""))},
		{name: "no next_page_token", req: listRequest(), resp: tp.Message("", tp.Repeated("items", 1, tMessage, ".shapetest.Item")),
			wantProblem: "shapetest.Resp has no field next_page_token"},
		{name: "page_size of another type", req: tp.Message("", tp.Field("page_size", 1, tInt64, ""), tp.Field("page_token", 2, tString, "")), resp: listResponse(),
			wantProblem: "shapetest.Req.page_size must be a singular int32, not int64"},
		{name: "two repeated fields", req: listRequest(), resp: listResponse(tp.Repeated("more", 4, tString, "")),
			wantProblem: "must have exactly one repeated (non-map) field, the items; it has 2 (items, more)"},
		{name: "streaming", req: listRequest(), resp: listResponse(), serverStream: true,
			wantProblem: "a paginated method must be unary, but M is server_stream"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p, problems := shape.DetectPagination(method(t, tt.req, tt.resp, false, tt.serverStream, 0))
			switch {
			case tt.wantProblem != "":
				if p != nil || !strings.Contains(strings.Join(problems, "\n"), tt.wantProblem) {
					t.Errorf("DetectPagination = %v, %q; want no pagination and a problem containing %q", p, problems, tt.wantProblem)
				}
			case tt.wantItems != "":
				if p == nil || len(problems) > 0 || string(p.Items.Name()) != tt.wantItems {
					t.Errorf("DetectPagination = %v, %q; want items %q", p, problems, tt.wantItems)
				}
			default:
				if p != nil || len(problems) > 0 {
					t.Errorf("DetectPagination = %v, %q; want nothing", p, problems)
				}
			}
		})
	}
}

func TestDetectRequestIDAndRetrySafe(t *testing.T) {
	t.Parallel()
	resp := func() *descriptorpb.DescriptorProto { return tp.Message("") }
	tests := []struct {
		name         string
		req          *descriptorpb.DescriptorProto
		clientStream bool
		level        descriptorpb.MethodOptions_IdempotencyLevel
		wantID       bool
		wantProblem  string
		wantSafe     bool
	}{
		{name: "request_id", req: tp.Message("", tp.Field("request_id", 1, tString, "")), wantID: true, wantSafe: true},
		{name: "none", req: tp.Message("", tp.Field("id", 1, tString, ""))},
		{name: "no side effects", req: tp.Message(""), level: descriptorpb.MethodOptions_NO_SIDE_EFFECTS, wantSafe: true},
		{name: "idempotent", req: tp.Message(""), level: descriptorpb.MethodOptions_IDEMPOTENT, wantSafe: true},
		{name: "request_id of another type", req: tp.Message("", tp.Field("request_id", 1, tInt64, "")),
			wantProblem: "shapetest.Req.request_id must be a singular string, not int64"},
		{name: "request_id of a client stream", req: tp.Message("", tp.Field("request_id", 1, tString, "")), clientStream: true,
			wantProblem: "only a unary method's request id can be filled in by an SDK"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := method(t, tt.req, resp(), tt.clientStream, false, tt.level)
			rid, problems := shape.DetectRequestID(m)
			if (rid != nil) != tt.wantID {
				t.Errorf("DetectRequestID = %v, want one: %v", rid, tt.wantID)
			}
			if got := strings.Join(problems, "\n"); (tt.wantProblem == "") != (got == "") || !strings.Contains(got, tt.wantProblem) {
				t.Errorf("problems = %q, want %q", got, tt.wantProblem)
			}
			if got := shape.RetrySafe(m); got != tt.wantSafe {
				t.Errorf("RetrySafe = %v, want %v", got, tt.wantSafe)
			}
		})
	}
}

func TestKindOf(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		client, server bool
		want           string
	}{{false, false, "unary"}, {false, true, "server_stream"}, {true, false, "client_stream"}, {true, true, "bidi_stream"}} {
		m := method(t, tp.Message(""), tp.Message(""), tt.client, tt.server, 0)
		if got := shape.KindOf(m).String(); got != tt.want {
			t.Errorf("KindOf(client %v, server %v) = %s, want %s", tt.client, tt.server, got, tt.want)
		}
	}
}
