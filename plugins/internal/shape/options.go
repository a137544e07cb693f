package shape

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go/buf/validate"
	"google.golang.org/genproto/googleapis/api/annotations"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// FieldBehaviors returns the google.api.field_behavior values of f, as
// their enum names (REQUIRED, OUTPUT_ONLY, ...), in the order written.
func FieldBehaviors(f protoreflect.FieldDescriptor) []string {
	opts := f.Options()
	if opts == nil || !proto.HasExtension(opts, annotations.E_FieldBehavior) {
		return nil
	}
	var out []string
	for _, b := range proto.GetExtension(opts, annotations.E_FieldBehavior).([]annotations.FieldBehavior) {
		out = append(out, b.String())
	}
	return out
}

// DefaultHost returns the google.api.default_host of s: the address the
// service listens on unless told otherwise, and the SDKs' default target.
func DefaultHost(s protoreflect.ServiceDescriptor) string {
	opts := s.Options()
	if opts == nil || !proto.HasExtension(opts, annotations.E_DefaultHost) {
		return ""
	}
	return proto.GetExtension(opts, annotations.E_DefaultHost).(string)
}

// HTTPRule is one REST binding of a method (google.api.http).
type HTTPRule struct {
	// Method is the HTTP verb: GET, PUT, POST, DELETE, PATCH, or a custom
	// verb's name.
	Method string
	// Path is the URL path template, for example "/v1/pokemon/{id}".
	Path string
	// Body and ResponseBody are the rule's body and response_body.
	Body, ResponseBody string
}

// String formats the rule as "GET /v1/pokemon/{id}", with the body.
func (r HTTPRule) String() string {
	s := r.Method + " " + r.Path
	if r.Body != "" {
		s += " (body: " + r.Body + ")"
	}
	return s
}

// HTTPRules returns m's REST bindings: the google.api.http rule, then its
// additional_bindings.
func HTTPRules(m protoreflect.MethodDescriptor) []HTTPRule {
	opts := m.Options()
	if opts == nil || !proto.HasExtension(opts, annotations.E_Http) {
		return nil
	}
	rule := proto.GetExtension(opts, annotations.E_Http).(*annotations.HttpRule)
	out := []HTTPRule{httpRule(rule)}
	for _, b := range rule.GetAdditionalBindings() {
		out = append(out, httpRule(b))
	}
	return out
}

func httpRule(r *annotations.HttpRule) HTTPRule {
	h := HTTPRule{Body: r.GetBody(), ResponseBody: r.GetResponseBody()}
	switch p := r.GetPattern().(type) {
	case *annotations.HttpRule_Get:
		h.Method, h.Path = "GET", p.Get
	case *annotations.HttpRule_Put:
		h.Method, h.Path = "PUT", p.Put
	case *annotations.HttpRule_Post:
		h.Method, h.Path = "POST", p.Post
	case *annotations.HttpRule_Delete:
		h.Method, h.Path = "DELETE", p.Delete
	case *annotations.HttpRule_Patch:
		h.Method, h.Path = "PATCH", p.Patch
	case *annotations.HttpRule_Custom:
		h.Method, h.Path = p.Custom.GetKind(), p.Custom.GetPath()
	}
	return h
}

// A Rule is one protovalidate constraint of a field or message, named by
// the id protovalidate reports when it fails (the `reason` of a field
// violation), so that the documentation and the errors use the same words.
type Rule struct {
	// ID is the rule's path in the rules message, for example
	// "string.max_len", "repeated.items.int32.gte", "required", or a CEL
	// rule's own id.
	ID string
	// Value is the rule's value as written in the schema: `512`,
	// `"^[a-z]+$"`, `[0]`, `true`; for a CEL rule, its message.
	Value string
}

// String formats the rule as "id = value", or "id: message" for CEL.
func (r Rule) String() string {
	return r.ID + " = " + r.Value
}

// FieldRules returns the protovalidate rules of f in a stable order (the
// order of the rules message's fields, depth first), or nil.
func FieldRules(f protoreflect.FieldDescriptor) []Rule {
	opts := f.Options()
	if opts == nil || !proto.HasExtension(opts, validate.E_Field) {
		return nil
	}
	return lowerBoundsFirst(rulesOf(proto.GetExtension(opts, validate.E_Field).(*validate.FieldRules).ProtoReflect(), ""))
}

// lowerBoundsFirst moves gt and gte bounds before lt and lte ones, so a
// range reads "gte = 1, lte = 9999" rather than in the rules message's
// field order, which puts the upper bound first.
func lowerBoundsFirst(rules []Rule) []Rule {
	isLower := func(r Rule) bool { return strings.HasSuffix(r.ID, ".gt") || strings.HasSuffix(r.ID, ".gte") }
	isUpper := func(r Rule) bool { return strings.HasSuffix(r.ID, ".lt") || strings.HasSuffix(r.ID, ".lte") }
	for i := 0; i+1 < len(rules); i++ {
		if isUpper(rules[i]) && isLower(rules[i+1]) && path(rules[i].ID) == path(rules[i+1].ID) {
			rules[i], rules[i+1] = rules[i+1], rules[i]
		}
	}
	return rules
}

// path is a rule id without its last element: "int32" of "int32.gte".
func path(id string) string {
	if i := strings.LastIndex(id, "."); i >= 0 {
		return id[:i]
	}
	return ""
}

// MessageRules returns the message-level protovalidate rules of m (CEL
// rules and oneof rules), or nil.
func MessageRules(m protoreflect.MessageDescriptor) []Rule {
	opts := m.Options()
	if opts == nil || !proto.HasExtension(opts, validate.E_Message) {
		return nil
	}
	return rulesOf(proto.GetExtension(opts, validate.E_Message).(*validate.MessageRules).ProtoReflect(), "")
}

// OneofRequired reports whether a oneof must have one field set
// (buf.validate.oneof.required).
func OneofRequired(o protoreflect.OneofDescriptor) bool {
	opts := o.Options()
	if opts == nil || !proto.HasExtension(opts, validate.E_Oneof) {
		return false
	}
	return proto.GetExtension(opts, validate.E_Oneof).(*validate.OneofRules).GetRequired()
}

// rulesOf flattens a rules message into Rules. A CEL rule (buf.validate.Rule)
// becomes one Rule named by its id; nested rule messages (string, int32,
// repeated.items, map.keys, ...) contribute their fields under their path.
func rulesOf(m protoreflect.Message, prefix string) []Rule {
	var out []Rule
	fields := m.Descriptor().Fields()
	for i := range fields.Len() {
		fd := fields.Get(i)
		if !m.Has(fd) {
			continue
		}
		name := prefix + string(fd.Name())
		v := m.Get(fd)
		switch {
		case fd.Message() != nil && fd.Message().FullName() == "buf.validate.Rule":
			if fd.IsList() {
				for j := range v.List().Len() {
					out = append(out, celRule(v.List().Get(j).Message()))
				}
			} else {
				out = append(out, celRule(v.Message()))
			}
		case fd.Message() != nil && !fd.IsList() && !fd.IsMap() && isWellKnownValue(fd.Message().FullName()):
			out = append(out, Rule{ID: name, Value: formatWKT(v.Message())})
		case fd.Message() != nil && !fd.IsList() && !fd.IsMap():
			out = append(out, rulesOf(v.Message(), name+".")...)
		case fd.IsList():
			items := make([]string, v.List().Len())
			for j := range items {
				items[j] = formatScalar(fd, v.List().Get(j))
			}
			out = append(out, Rule{ID: name, Value: "[" + strings.Join(items, ", ") + "]"})
		default:
			out = append(out, Rule{ID: name, Value: formatScalar(fd, v)})
		}
	}
	return out
}

func celRule(m protoreflect.Message) Rule {
	get := func(name protoreflect.Name) string {
		fd := m.Descriptor().Fields().ByName(name)
		if fd == nil {
			return ""
		}
		return m.Get(fd).String()
	}
	id, msg, expr := get("id"), get("message"), get("expression")
	if id == "" {
		id = "cel"
	}
	if msg == "" {
		msg = expr
	}
	return Rule{ID: id, Value: strconv.Quote(msg)}
}

// isWellKnownValue reports whether rules of this type hold a value rather
// than further rules (duration and timestamp bounds).
func isWellKnownValue(name protoreflect.FullName) bool {
	return name == "google.protobuf.Duration" || name == "google.protobuf.Timestamp"
}

// formatWKT formats a Duration or Timestamp bound as seconds.
func formatWKT(m protoreflect.Message) string {
	fields := m.Descriptor().Fields()
	secs := m.Get(fields.ByName("seconds")).Int()
	nanos := m.Get(fields.ByName("nanos")).Int()
	if m.Descriptor().FullName() == "google.protobuf.Duration" {
		return strconv.FormatFloat(float64(secs)+float64(nanos)/1e9, 'f', -1, 64) + "s"
	}
	return fmt.Sprintf("%d.%09ds since the Unix epoch", secs, nanos)
}

func formatScalar(fd protoreflect.FieldDescriptor, v protoreflect.Value) string {
	switch fd.Kind() {
	case protoreflect.StringKind:
		return strconv.Quote(v.String())
	case protoreflect.BytesKind:
		return strconv.Quote(string(v.Bytes()))
	case protoreflect.FloatKind, protoreflect.DoubleKind:
		f := v.Float()
		if math.IsInf(f, 0) || math.IsNaN(f) {
			return fmt.Sprint(f)
		}
		return strconv.FormatFloat(f, 'g', -1, 64)
	case protoreflect.EnumKind:
		if ev := fd.Enum().Values().ByNumber(v.Enum()); ev != nil {
			return string(ev.Name())
		}
		return strconv.Itoa(int(v.Enum()))
	}
	return v.String()
}
