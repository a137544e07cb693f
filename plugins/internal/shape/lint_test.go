package shape_test

import (
	"slices"
	"strings"
	"testing"

	"buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go/buf/validate"
	"github.com/kanto-api/kanto/plugins/internal/shape"
	tp "github.com/kanto-api/kanto/plugins/internal/testproto"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/descriptorpb"
)

func TestRequestIDBounds(t *testing.T) {
	t.Parallel()
	str := func(r *validate.StringRules) *validate.FieldRules {
		return &validate.FieldRules{Type: &validate.FieldRules_String_{String_: r}}
	}
	tests := []struct {
		name  string
		rules *validate.FieldRules
		want  []string // parts of the problems, in order
	}{
		{name: "max_len and pattern", rules: str(&validate.StringRules{MaxLen: proto.Uint64(64), Pattern: proto.String("^[a-z]*$")})},
		{name: "len and pattern", rules: str(&validate.StringRules{Len: proto.Uint64(26), Pattern: proto.String("^[A-Z0-9]*$")})},
		{name: "uuid", rules: str(&validate.StringRules{WellKnown: &validate.StringRules_Uuid{Uuid: true}})},
		{name: "no rules", want: []string{"has no length bound", "has no pattern"}},
		{name: "max_len only", rules: str(&validate.StringRules{MaxLen: proto.Uint64(64)}), want: []string{"has no pattern"}},
		{name: "pattern only", rules: str(&validate.StringRules{Pattern: proto.String("^a$")}), want: []string{"has no length bound"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := tp.Field("request_id", 1, tString, "")
			if tt.rules != nil {
				f.Options = &descriptorpb.FieldOptions{}
				proto.SetExtension(f.Options, validate.E_Field, tt.rules)
			}
			fd := tp.Descriptor(t, tp.File("shapetest/r.proto", "shapetest", []*descriptorpb.DescriptorProto{tp.Message("Req", f)}))
			got := shape.RequestIDBounds(fd.Messages().Get(0).Fields().Get(0))
			ok := len(got) == len(tt.want)
			for i := 0; ok && i < len(got); i++ {
				ok = strings.Contains(got[i], tt.want[i])
			}
			if !ok {
				t.Errorf("RequestIDBounds = %q, want problems containing %q", got, tt.want)
			}
		})
	}
}

func TestPathVariablesAndRouteKey(t *testing.T) {
	t.Parallel()
	tests := []struct {
		rule shape.HTTPRule
		vars []string
		key  string
	}{
		{shape.HTTPRule{Method: "GET", Path: "/v1/pokemon/{id}"}, []string{"id"}, "GET /v1/pokemon/*"},
		{shape.HTTPRule{Method: "GET", Path: "/v1/pokemon/{id=*}"}, []string{"id"}, "GET /v1/pokemon/*"},
		{shape.HTTPRule{Method: "PATCH", Path: "/v1/{pokemon.name=shelves/*/books/*}:update"}, []string{"pokemon.name"}, "PATCH /v1/shelves/*/books/*:update"},
		{shape.HTTPRule{Method: "GET", Path: "/v1/a/{x}/b/{y}"}, []string{"x", "y"}, "GET /v1/a/*/b/*"},
		{shape.HTTPRule{Method: "GET", Path: "/v1/pokemon"}, nil, "GET /v1/pokemon"},
	}
	for _, tt := range tests {
		if got := shape.PathVariables(tt.rule.Path); !slices.Equal(got, tt.vars) {
			t.Errorf("PathVariables(%q) = %q, want %q", tt.rule.Path, got, tt.vars)
		}
		if got := shape.RouteKey(tt.rule); got != tt.key {
			t.Errorf("RouteKey(%v) = %q, want %q", tt.rule, got, tt.key)
		}
	}
}

func TestResolveFieldPath(t *testing.T) {
	t.Parallel()
	fd := tp.Descriptor(t, tp.File("shapetest/p.proto", "shapetest", []*descriptorpb.DescriptorProto{
		tp.Message("Req", tp.Field("id", 1, tString, ""), tp.Field("thing", 2, tMessage, ".shapetest.Thing"), tp.Repeated("things", 3, tMessage, ".shapetest.Thing")),
		tp.Message("Thing", tp.Field("name", 1, tString, "")),
	}))
	req := fd.Messages().Get(0)
	for path, want := range map[string]string{
		"id":          "",
		"thing.name":  "",
		"name":        `shapetest.Req has no field "name"`,
		"thing.x":     `shapetest.Thing has no field "x"`,
		"id.x":        "shapetest.Req.id is not a singular message",
		"things.name": "shapetest.Req.things is not a singular message",
	} {
		f, problem := shape.ResolveFieldPath(req, path)
		if !strings.HasPrefix(problem, want) || (want == "") != (f != nil) || (want == "" && problem != "") {
			t.Errorf("ResolveFieldPath(%q) = %v, %q; want problem %q", path, f, problem, want)
		}
	}
}
