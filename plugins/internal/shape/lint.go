package shape

import (
	"fmt"
	"slices"
	"strings"

	"google.golang.org/protobuf/reflect/protoreflect"
)

// This file holds what lint asks of the shapes beyond what the generator
// needs to recognise them: Kanto's buf check plugin (internal/contract)
// calls these, next to DetectPagination and DetectRequestID, so that a
// schema the generator would silently treat differently fails lint.

// requestIDLength are the protovalidate rules that bound a request id's
// length; requestIDPattern those that restrict its characters. A
// well-known format (uuid, tuuid, ulid) does both.
var (
	requestIDLength  = []string{"string.max_len", "string.len", "string.max_bytes", "string.len_bytes"}
	requestIDPattern = []string{"string.pattern"}
	requestIDFormat  = []string{"string.uuid", "string.tuuid", "string.ulid"}
)

// RequestIDBounds returns what an AIP-155 request id field f lacks: a
// protovalidate bound on its length (string.max_len or string.len, or
// their byte forms) and a pattern (string.pattern), so that a server that
// stores ids to answer retries never stores unbounded or arbitrary text.
// A well-known format (string.uuid, string.tuuid, string.ulid) counts as
// both. It returns nil when f has both.
func RequestIDBounds(f protoreflect.FieldDescriptor) []string {
	var length, pattern bool
	for _, r := range FieldRules(f) {
		switch {
		case slices.Contains(requestIDFormat, r.ID) && r.Value == "true":
			length, pattern = true, true
		case slices.Contains(requestIDLength, r.ID):
			length = true
		case slices.Contains(requestIDPattern, r.ID):
			pattern = true
		}
	}
	var problems []string
	if !length {
		problems = append(problems, fmt.Sprintf("%s has no length bound: give it (buf.validate.field).string.max_len (or string.len, or a format such as string.uuid)", f.FullName()))
	}
	if !pattern {
		problems = append(problems, fmt.Sprintf("%s has no pattern: give it (buf.validate.field).string.pattern (or a format such as string.uuid)", f.FullName()))
	}
	return problems
}

// PathVariables returns the field paths that an HTTP path template binds,
// in order: "id" and "pokemon.id" of "/v1/{id}/x/{pokemon.id=items/*}".
func PathVariables(template string) []string {
	var out []string
	for rest := template; ; {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			return out
		}
		end := strings.IndexByte(rest[open:], '}')
		if end < 0 {
			return out
		}
		v := rest[open+1 : open+end]
		if eq := strings.IndexByte(v, '='); eq >= 0 {
			v = v[:eq]
		}
		out = append(out, strings.TrimSpace(v))
		rest = rest[open+end+1:]
	}
}

// RouteKey returns what the REST edge routes on for r: its verb and its
// path template with every variable replaced by the segments it matches
// ("{id}" and "{name=*}" by "*", "{name=shelves/*}" by "shelves/*"), so
// that two bindings with the same key reach the same handler whatever
// their variables are called.
func RouteKey(r HTTPRule) string {
	var b strings.Builder
	for rest := r.Path; ; {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			b.WriteString(rest)
			break
		}
		end := strings.IndexByte(rest[open:], '}')
		if end < 0 {
			b.WriteString(rest)
			break
		}
		b.WriteString(rest[:open])
		v := rest[open+1 : open+end]
		if eq := strings.IndexByte(v, '='); eq >= 0 {
			b.WriteString(strings.TrimSpace(v[eq+1:]))
		} else {
			b.WriteString("*")
		}
		rest = rest[open+end+1:]
	}
	return r.Method + " " + b.String()
}

// ResolveFieldPath follows a dotted field path ("pokemon.id") from msg and
// returns its last field, or a problem: an element that is not a field,
// or a step through a field that is not a singular message.
func ResolveFieldPath(msg protoreflect.MessageDescriptor, fieldPath string) (protoreflect.FieldDescriptor, string) {
	var f protoreflect.FieldDescriptor
	for i, name := range strings.Split(fieldPath, ".") {
		if i > 0 {
			if f.Message() == nil || f.IsList() || f.IsMap() {
				return nil, fmt.Sprintf("%s is not a singular message, so %q cannot reach into it", f.FullName(), fieldPath)
			}
			msg = f.Message()
		}
		f = msg.Fields().ByName(protoreflect.Name(name))
		if f == nil {
			return nil, fmt.Sprintf("%s has no field %q", msg.FullName(), name)
		}
	}
	return f, ""
}
