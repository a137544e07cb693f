// Package shape recognises the API patterns of a schema that Kanto's SDK
// generator builds on: AIP-158 pagination, AIP-155 request ids, which
// methods are safe to retry, and the documentation a field carries in its
// options (google.api.field_behavior and protovalidate rules).
//
// It works on protoreflect descriptors only, so the code generator
// (protoc-gen-kanto) and Kanto's buf check plugin use the same detection:
// what the generator relies on is exactly what lint enforces.
package shape

import (
	"fmt"
	"strings"

	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"
)

// Field names of the patterns, as the AIPs spell them.
const (
	PageSizeField      = "page_size"
	PageTokenField     = "page_token"
	NextPageTokenField = "next_page_token"
	RequestIDField     = "request_id"
)

// A Kind is one of the four gRPC call shapes.
type Kind int

// The call shapes, in the order the gRPC documentation lists them.
const (
	Unary Kind = iota
	ServerStream
	ClientStream
	BidiStream
)

// String returns the kind's name as the conformance vectors spell it:
// unary, server_stream, client_stream or bidi_stream.
func (k Kind) String() string {
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
	return fmt.Sprintf("Kind(%d)", int(k))
}

// KindOf returns the call shape of m.
func KindOf(m protoreflect.MethodDescriptor) Kind {
	switch {
	case m.IsStreamingClient() && m.IsStreamingServer():
		return BidiStream
	case m.IsStreamingServer():
		return ServerStream
	case m.IsStreamingClient():
		return ClientStream
	}
	return Unary
}

// Pagination is an AIP-158 list method: a unary method whose request has
// `int32 page_size` and `string page_token`, and whose response has
// `string next_page_token` and exactly one repeated field, the items.
type Pagination struct {
	PageSize      protoreflect.FieldDescriptor
	PageToken     protoreflect.FieldDescriptor
	NextPageToken protoreflect.FieldDescriptor
	// Items is the response's one repeated field (not a map).
	Items protoreflect.FieldDescriptor
}

// DetectPagination reports whether m is an AIP-158 list method. If it is
// not, but carries some of the pattern's fields (so that it looks like an
// attempt), problems says what is missing or wrong; a method with none of
// the fields gives neither a Pagination nor problems.
func DetectPagination(m protoreflect.MethodDescriptor) (p *Pagination, problems []string) {
	in, out := m.Input(), m.Output()
	size := in.Fields().ByName(PageSizeField)
	token := in.Fields().ByName(PageTokenField)
	next := out.Fields().ByName(NextPageTokenField)
	if size == nil && token == nil && next == nil {
		return nil, nil
	}
	if KindOf(m) != Unary {
		problems = append(problems, fmt.Sprintf("a paginated method must be unary, but %s is %s", m.Name(), KindOf(m)))
	}
	check := func(f protoreflect.FieldDescriptor, msg protoreflect.MessageDescriptor, name string, kind protoreflect.Kind) {
		switch {
		case f == nil:
			problems = append(problems, fmt.Sprintf("%s has no field %s", msg.FullName(), name))
		case f.Kind() != kind || f.Cardinality() == protoreflect.Repeated:
			problems = append(problems, fmt.Sprintf("%s must be a singular %s, not %s", f.FullName(), kind, describeType(f)))
		case f.ContainingOneof() != nil && !f.HasOptionalKeyword():
			problems = append(problems, fmt.Sprintf("%s must not be in a oneof", f.FullName()))
		}
	}
	check(size, in, PageSizeField, protoreflect.Int32Kind)
	check(token, in, PageTokenField, protoreflect.StringKind)
	check(next, out, NextPageTokenField, protoreflect.StringKind)
	var repeated []protoreflect.FieldDescriptor
	fields := out.Fields()
	for i := range fields.Len() {
		if f := fields.Get(i); f.Cardinality() == protoreflect.Repeated && !f.IsMap() {
			repeated = append(repeated, f)
		}
	}
	if len(repeated) != 1 {
		names := make([]string, len(repeated))
		for i, f := range repeated {
			names[i] = string(f.Name())
		}
		problems = append(problems, fmt.Sprintf("%s must have exactly one repeated (non-map) field, the items; it has %d%s",
			out.FullName(), len(repeated), listSuffix(names)))
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return &Pagination{PageSize: size, PageToken: token, NextPageToken: next, Items: repeated[0]}, nil
}

// RequestID is an AIP-155 request id: a top-level `string request_id`
// field of a request, which makes retries of the method safe because the
// server answers a repeated id with the first attempt's result.
type RequestID struct {
	Field protoreflect.FieldDescriptor
}

// DetectRequestID reports whether m's request carries an AIP-155 request
// id. A request_id field of another type gives problems instead. Lint
// asks more of it (see RequestIDBounds); the generator needs only this.
func DetectRequestID(m protoreflect.MethodDescriptor) (*RequestID, []string) {
	f := m.Input().Fields().ByName(RequestIDField)
	if f == nil {
		return nil, nil
	}
	if f.Kind() != protoreflect.StringKind || f.Cardinality() == protoreflect.Repeated {
		return nil, []string{fmt.Sprintf("%s must be a singular string, not %s", f.FullName(), describeType(f))}
	}
	if f.ContainingOneof() != nil && !f.HasOptionalKeyword() {
		return nil, []string{fmt.Sprintf("%s must not be in a oneof", f.FullName())}
	}
	if KindOf(m) != Unary {
		return nil, []string{fmt.Sprintf("%s: only a unary method's request id can be filled in by an SDK, but %s is %s", f.FullName(), m.Name(), KindOf(m))}
	}
	return &RequestID{Field: f}, nil
}

// Idempotency returns m's idempotency_level option.
func Idempotency(m protoreflect.MethodDescriptor) descriptorpb.MethodOptions_IdempotencyLevel {
	opts, ok := m.Options().(*descriptorpb.MethodOptions)
	if !ok || opts == nil {
		return descriptorpb.MethodOptions_IDEMPOTENCY_UNKNOWN
	}
	return opts.GetIdempotencyLevel()
}

// RetrySafe reports whether an SDK may retry m after a failure it cannot
// tell apart from one where the server acted: true when the schema says
// the method has no side effects or is idempotent, or when its request
// carries an AIP-155 request id (which the SDKs fill in before the first
// attempt and keep across retries). A retry policy in a service config for
// any other method is refused by the generator.
func RetrySafe(m protoreflect.MethodDescriptor) bool {
	switch Idempotency(m) {
	case descriptorpb.MethodOptions_NO_SIDE_EFFECTS, descriptorpb.MethodOptions_IDEMPOTENT:
		return true
	}
	rid, _ := DetectRequestID(m)
	return rid != nil
}

// Deprecated reports whether d carries `deprecated = true`.
func Deprecated(d protoreflect.Descriptor) bool {
	switch o := d.Options().(type) {
	case *descriptorpb.MethodOptions:
		return o.GetDeprecated()
	case *descriptorpb.ServiceOptions:
		return o.GetDeprecated()
	case *descriptorpb.FieldOptions:
		return o.GetDeprecated()
	case *descriptorpb.MessageOptions:
		return o.GetDeprecated()
	case *descriptorpb.EnumOptions:
		return o.GetDeprecated()
	case *descriptorpb.EnumValueOptions:
		return o.GetDeprecated()
	case *descriptorpb.FileOptions:
		return o.GetDeprecated()
	}
	return false
}

// describeType names a field's type for messages: "repeated string",
// "int64", "message kanto.geo.v1.Location".
func describeType(f protoreflect.FieldDescriptor) string {
	var b strings.Builder
	if f.IsMap() {
		return "a map"
	}
	if f.Cardinality() == protoreflect.Repeated {
		b.WriteString("repeated ")
	}
	switch f.Kind() {
	case protoreflect.MessageKind, protoreflect.GroupKind:
		b.WriteString(string(f.Message().FullName()))
	case protoreflect.EnumKind:
		b.WriteString(string(f.Enum().FullName()))
	default:
		b.WriteString(f.Kind().String())
	}
	return b.String()
}

func listSuffix(names []string) string {
	if len(names) == 0 {
		return ""
	}
	return " (" + strings.Join(names, ", ") + ")"
}
