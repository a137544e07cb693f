package contract_test

import (
	"fmt"
	"strings"
	"testing"

	"buf.build/go/bufplugin/check"
)

// service is a schema with one RPC whose google.api.http option is http
// (empty for none).
func service(http string) string {
	opt := ""
	if http != "" {
		opt = "\n    option (google.api.http) = {" + http + "};"
	}
	return `service S {
  rpc GetThing(GetThingRequest) returns (Thing) {` + opt + `
  }
}
message GetThingRequest {
  string id = 1;
  Thing thing = 2;
}
message Thing {
  string id = 1;
}
`
}

func TestHTTPBindings(t *testing.T) {
	t.Parallel()
	runCases(t, check.RuleTypeBreaking, []testCase{
		{name: "unchanged", previous: service(`get: "/v1/things/{id}"`), current: service(`get: "/v1/things/{id}"`)},
		{name: "comment added", previous: service(`get: "/v1/things/{id}"`), current: "// A comment.\n" + service(`get: "/v1/things/{id}"`)},
		{name: "same template spelled {id=*}", previous: service(`get: "/v1/things/{id}"`), current: service(`get: "/v1/things/{id=*}"`)},
		{name: "binding added", previous: service(""), current: service(`get: "/v1/things/{id}"`)},
		{
			name: "additional binding added", previous: service(`get: "/v1/things/{id}"`),
			current: service(`get: "/v1/things/{id}" additional_bindings {get: "/v1/items/{id}"}`),
		},
		{
			name: "primary binding moved into additional_bindings", previous: service(`get: "/v1/things/{id}"`),
			current: service(`get: "/v2/things/{id}" additional_bindings {get: "/v1/things/{id}"}`),
		},
		{
			name: "path changed", previous: service(`get: "/v1/things/{id}"`), current: service(`get: "/v1/items/{id}"`),
			want: []string{`KANTO_HTTP_BINDING_SAME_PATH: RPC "GetThing" on service "S" changed the path template of HTTP binding "GET /v1/things/{id}" from "/v1/things/{id}" to "/v1/items/{id}".`},
		},
		{
			name: "verb changed", previous: service(`get: "/v1/things/{id}"`), current: service(`post: "/v1/things/{id}"`),
			want: []string{`KANTO_HTTP_BINDING_SAME_VERB: RPC "GetThing" on service "S" changed the HTTP verb of binding "GET /v1/things/{id}" from GET to POST.`},
		},
		{
			name: "custom verb changed", previous: service(`custom: {kind: "HEAD" path: "/v1/things/{id}"}`), current: service(`get: "/v1/things/{id}"`),
			want: []string{`KANTO_HTTP_BINDING_SAME_VERB: from HEAD to GET.`},
		},
		{
			name: "body changed", previous: service(`post: "/v1/things" body: "thing"`), current: service(`post: "/v1/things" body: "*"`),
			want: []string{`KANTO_HTTP_BINDING_SAME_BODY: changed the body of HTTP binding "POST /v1/things" from "thing" to "*".`},
		},
		{
			name: "response_body added", previous: service(`get: "/v1/things/{id}"`), current: service(`get: "/v1/things/{id}" response_body: "id"`),
			want: []string{`KANTO_HTTP_BINDING_SAME_RESPONSE_BODY: changed the response_body of HTTP binding "GET /v1/things/{id}" from none to "id".`},
		},
		{
			name: "binding removed", previous: service(`get: "/v1/things/{id}"`), current: service(""),
			want: []string{`KANTO_HTTP_BINDING_NO_DELETE: RPC "GetThing" on service "S" no longer has an HTTP binding; it had "GET /v1/things/{id}".`},
		},
		{
			name: "additional binding removed", previous: service(`get: "/v1/things/{id}" additional_bindings {get: "/v1/items/{id}"}`),
			current: service(`get: "/v1/things/{id}"`),
			want:    []string{`KANTO_HTTP_BINDING_NO_DELETE: RPC "GetThing" on service "S" no longer has the HTTP binding "GET /v1/items/{id}".`},
		},
		{
			name: "additional binding's path changed", previous: service(`get: "/v1/things/{id}" additional_bindings {get: "/v1/items/{id}"}`),
			current: service(`get: "/v1/things/{id}" additional_bindings {get: "/v1/objects/{id}"}`),
			want:    []string{`KANTO_HTTP_BINDING_SAME_PATH: from "/v1/items/{id}" to "/v1/objects/{id}".`},
		},
	})
}

// field is a schema with message M whose field x has type typ and the
// options opts (empty for none), plus whatever extra declares.
func field(typ, opts string, extra ...string) string {
	if opts != "" {
		opts = " [" + opts + "]"
	}
	return fmt.Sprintf("message M {\n  %s x = 1%s;\n%s}\n\nenum Color {\n  COLOR_UNSPECIFIED = 0;\n  COLOR_RED = 1;\n}\n", typ, opts, strings.Join(extra, ""))
}

func TestValidation(t *testing.T) {
	t.Parallel()
	const (
		tighten = "KANTO_FIELD_VALIDATION_NO_TIGHTEN: "
		req     = "KANTO_FIELD_VALIDATION_NO_ADD_REQUIRED: "
		cel     = "KANTO_VALIDATION_CEL_NO_CHANGE: "
		msg     = "KANTO_MESSAGE_VALIDATION_NO_TIGHTEN: "
	)
	v := func(rules string) string { return "(buf.validate.field)." + rules }
	same := func(name, typ, opts string) testCase {
		return testCase{name: name, previous: field(typ, opts), current: field(typ, opts)}
	}
	change := func(name, typ, before, after string, want ...string) testCase {
		return testCase{name: name, previous: field(typ, before), current: field(typ, after), want: want}
	}
	runCases(t, check.RuleTypeBreaking, []testCase{
		same("unchanged rules", "string", v("string = {min_len: 1, max_len: 64, pattern: \"^[a-z]+$\"}")),
		// Lengths, sizes and counts.
		change("max_len narrowed", "string", v("string.max_len = 512"), v("string.max_len = 16"), tighten+`Field "x" on message "M" tightened string.max_len from 512 to 16.`),
		change("max_len widened", "string", v("string.max_len = 16"), v("string.max_len = 512")),
		change("max_len added", "string", "", v("string.max_len = 16"), tighten+"tightened string.max_len from none to 16."),
		change("max_len removed", "string", v("string.max_len = 16"), ""),
		change("min_len raised", "string", v("string.min_len = 1"), v("string.min_len = 2"), tighten+"tightened string.min_len from 1 to 2."),
		change("min_len lowered", "string", v("string.min_len = 2"), v("string.min_len = 1")),
		change("min_len 0 added", "string", "", v("string.min_len = 0")),
		change("len added", "string", "", v("string.len = 3"), tighten+"tightened string.len from none to 3."),
		change("max_bytes narrowed", "string", v("string.max_bytes = 9"), v("string.max_bytes = 8"), tighten+"string.max_bytes from 9 to 8"),
		change("bytes max_len narrowed", "bytes", v("bytes.max_len = 9"), v("bytes.max_len = 8"), tighten+"bytes.max_len from 9 to 8"),
		change("max_items narrowed", "repeated string", v("repeated.max_items = 10"), v("repeated.max_items = 5"), tighten+"repeated.max_items from 10 to 5"),
		change("min_items raised", "repeated string", "", v("repeated.min_items = 1"), tighten+"repeated.min_items from none to 1"),
		change("max_pairs narrowed", "map<string, string>", v("map.max_pairs = 10"), v("map.max_pairs = 5"), tighten+"map.max_pairs from 10 to 5"),
		change("unique added", "repeated string", "", v("repeated.unique = true"), tighten+"repeated.unique from none to true"),
		// Nested rules.
		change("items max_len narrowed", "repeated string", v("repeated.items.string.max_len = 64"), v("repeated.items.string.max_len = 8"),
			tighten+"repeated.items.string.max_len from 64 to 8"),
		change("items pattern added", "repeated string", v("repeated.min_items = 1"), v("repeated = {min_items: 1, items: {string: {pattern: \"^a\"}}}"),
			tighten+`repeated.items.string.pattern from none to "^a"`),
		change("map keys narrowed", "map<string, int32>", v("map.keys.string.max_len = 9"), v("map.keys.string.max_len = 3"), tighten+"map.keys.string.max_len from 9 to 3"),
		change("map values bounded", "map<string, int32>", "", v("map.values.int32.gte = 0"), tighten+"map.values.int32.gte from none to 0"),
		// Numeric bounds.
		change("lte lowered", "int32", v("int32 = {gte: 0, lte: 1000}"), v("int32 = {gte: 0, lte: 100}"), tighten+"tightened int32.lte from 1000 to 100."),
		change("gte raised", "int32", v("int32 = {gte: 0, lte: 1000}"), v("int32 = {gte: 1, lte: 1000}"), tighten+"tightened int32.gte from 0 to 1."),
		change("range widened", "int32", v("int32 = {gte: 1, lte: 100}"), v("int32 = {gte: 0, lte: 1000}")),
		change("gt 0 is gte 1 for integers", "int32", v("int32.gt = 0"), v("int32.gte = 1")),
		change("lte 9 is lt 10 for integers", "uint64", v("uint64.lte = 9"), v("uint64.lt = 10")),
		change("gt 0 is not gte 1 for doubles", "double", v("double.gt = 0"), v("double.gte = 1"), tighten+"double range from [double.gt = 0] to [double.gte = 1]"),
		change("gte 0 to gt 0 for doubles", "double", v("double.gte = 0"), v("double.gt = 0"), tighten+"double range from [double.gte = 0] to [double.gt = 0]"),
		change("gt 0 to gte 0 for doubles", "double", v("double.gt = 0"), v("double.gte = 0")),
		change("bound added", "int64", "", v("int64.lt = 5"), tighten+"tightened int64.lt from none to 5."),
		change("bound removed", "int64", v("int64 = {gt: 1, lt: 5}"), v("int64.lt = 5")),
		change("exclusive range to inclusive", "int32", v("int32 = {lt: 0, gt: 10}"), v("int32 = {gt: 0, lt: 10}"),
			tighten+"int32 range from [int32.gt = 10, int32.lt = 0] to [int32.gt = 0, int32.lt = 10]"),
		change("exclusive range widened", "int32", v("int32 = {lt: 0, gt: 10}"), v("int32 = {lt: 1, gt: 9}")),
		change("finite added", "float", "", v("float.finite = true"), tighten+"float.finite from none to true"),
		change("duration gte raised", "google.protobuf.Duration", v("duration.gte = {seconds: 1}"), v("duration.gte = {seconds: 2}"), tighten+"duration.gte from 1s to 2s"),
		change("duration lt raised", "google.protobuf.Duration", v("duration.lt = {seconds: 1}"), v("duration.lt = {seconds: 2}")),
		change("timestamp lt_now added", "google.protobuf.Timestamp", "", v("timestamp.lt_now = true"), tighten+"tightened timestamp.lt_now from none to true."),
		change("timestamp within narrowed", "google.protobuf.Timestamp", v("timestamp.within = {seconds: 60}"), v("timestamp.within = {seconds: 30}"), tighten+"timestamp.within from 60s to 30s"),
		// Values.
		change("const added", "string", "", v("string.const = \"a\""), tighten+`string.const from none to "a"`),
		change("in shrunk", "int32", v("int32 = {in: [1, 2, 3]}"), v("int32 = {in: [1, 2]}"), tighten+"int32.in from [1, 2, 3] to [1, 2]. It no longer allows 3."),
		change("in grown", "int32", v("int32 = {in: [1, 2]}"), v("int32 = {in: [1, 2, 3]}")),
		change("in added", "string", "", v("string = {in: [\"a\"]}"), tighten+`string.in from none to ["a"]`),
		change("not_in grown", "string", v("string = {not_in: [\"a\"]}"), v("string = {not_in: [\"a\", \"b\"]}"), tighten+`It now also rejects "b".`),
		change("not_in shrunk", "string", v("string = {not_in: [\"a\", \"b\"]}"), v("string = {not_in: [\"a\"]}")),
		change("enum defined_only added", "Color", "", v("enum.defined_only = true"), tighten+"enum.defined_only from none to true"),
		change("enum in shrunk", "Color", v("enum = {in: [0, 1]}"), v("enum = {in: [1]}"), tighten+"enum.in from [0, 1] to [1]"),
		change("example changed", "string", v("string.example = \"a\""), v("string.example = \"b\"")),
		// Patterns and formats.
		change("pattern added", "string", "", v("string.pattern = \"^[a-z]+$\""), tighten+`tightened string.pattern from none to "^[a-z]+$".`),
		change("pattern changed", "string", v("string.pattern = \"^[a-z]+$\""), v("string.pattern = \"^[a-z]*$\""),
			tighten+`string.pattern from "^[a-z]+$" to "^[a-z]*$". Whether the new pattern matches everything the old one did cannot be decided`),
		change("prefix lengthened", "string", v("string.prefix = \"ab\""), v("string.prefix = \"abc\""), tighten+`string.prefix from "ab" to "abc"`),
		change("prefix shortened", "string", v("string.prefix = \"abc\""), v("string.prefix = \"ab\"")),
		change("suffix added", "bytes", "", v("bytes.suffix = \"z\""), tighten+`bytes.suffix from none to "z"`),
		change("contains changed", "string", v("string.contains = \"b\""), v("string.contains = \"bc\""), tighten+`string.contains from "b" to "bc"`),
		change("not_contains changed", "string", v("string.not_contains = \"bc\""), v("string.not_contains = \"b\""), tighten+`string.not_contains from "bc" to "b"`),
		change("not_contains loosened", "string", v("string.not_contains = \"b\""), v("string.not_contains = \"bc\"")),
		change("email added", "string", "", v("string.email = true"), tighten+"tightened its format from none to string.email."),
		change("uuid to email", "string", v("string.uuid = true"), v("string.email = true"), tighten+"tightened its format from string.uuid to string.email."),
		change("format removed", "string", v("string.uuid = true"), ""),
		change("well_known_regex added", "string", "", v("string.well_known_regex = KNOWN_REGEX_HTTP_HEADER_NAME"),
			tighten+"from none to string.well_known_regex = KNOWN_REGEX_HTTP_HEADER_NAME."),
		change("strict turned on", "string", v("string = {well_known_regex: KNOWN_REGEX_HTTP_HEADER_VALUE, strict: false}"),
			v("string = {well_known_regex: KNOWN_REGEX_HTTP_HEADER_VALUE, strict: true}"), tighten+"string.strict from false to true"),
		change("bytes ipv4 added", "bytes", "", v("bytes.ipv4 = true"), tighten+"from none to bytes.ipv4."),
		// required and ignore.
		change("required added", "string", "", v("required = true"), req+`Field "x" on message "M" became required: required changed from false to true`),
		change("required removed", "string", v("required = true"), ""),
		change("required added to items", "repeated string", "", v("repeated.items.required = true"), req+"tightened repeated.items.required from false to true."),
		{name: "new field without rules", previous: field("string", ""), current: field("string", "", "  string y = 2;\n")},
		{name: "new field with bounds its zero value meets", previous: field("string", ""), current: field("string", "", "  string y = 2 [(buf.validate.field).string.max_len = 3];\n  int32 z = 3 [(buf.validate.field).int32.lte = 9];\n")},
		{
			name: "new fields with rules their zero value fails", previous: field("string", ""),
			current: field("string", "", "  string y = 2 [(buf.validate.field).string.min_len = 1];\n  repeated int32 z = 3 [(buf.validate.field).repeated.min_items = 1];\n  int32 w = 4 [(buf.validate.field).int32.gt = 0];\n"),
			want: []string{
				tighten + `Field "y" on message "M" was added with rules that its unset value fails (string.min_len), so messages valid before, which never set it, are now invalid.`,
				tighten + `Field "z" on message "M" was added with rules that its unset value fails (repeated.min_items)`,
				tighten + `Field "w" on message "M" was added with rules that its unset value fails (int32.gt)`,
			},
		},
		{
			name: "new fields that may stay unset", previous: field("string", ""),
			current: field("string", "", "  optional string y = 2 [(buf.validate.field).string.min_len = 1];\n  string c = 3 [(buf.validate.field).string.min_len = 1, (buf.validate.field).ignore = IGNORE_IF_ZERO_VALUE];\n  google.protobuf.Duration d = 4 [(buf.validate.field).duration.gt = {seconds: 1}];\n"),
		},
		{
			name: "new required field", previous: field("string", ""), current: field("string", "", "  string y = 2 [(buf.validate.field).required = true];\n"),
			want: []string{req + `Field "y" on message "M" was added with (buf.validate.field).required = true`},
		},
		change("ignore always removed", "string", v("ignore = IGNORE_ALWAYS, (buf.validate.field).string.max_len = 3"), v("string.max_len = 3"),
			tighten+"tightened ignore from IGNORE_ALWAYS to IGNORE_UNSPECIFIED."),
		change("ignore if zero removed", "string", v("ignore = IGNORE_IF_ZERO_VALUE, (buf.validate.field).string.min_len = 3"), v("string.min_len = 3"),
			tighten+"tightened ignore from IGNORE_IF_ZERO_VALUE to IGNORE_UNSPECIFIED."),
		change("ignore if zero added", "string", v("string.min_len = 3"), v("ignore = IGNORE_IF_ZERO_VALUE, (buf.validate.field).string.min_len = 3")),
		change("rules added under ignore always", "string", v("ignore = IGNORE_ALWAYS"), v("ignore = IGNORE_ALWAYS, (buf.validate.field).string.max_len = 3")),
		// CEL.
		change("field CEL rule added", "string", "", v(`cel = {id: "x.short", message: "short", expression: "size(this) < 5"}`),
			cel+`Field "x" on message "M" added the CEL rule "x.short" with the expression "size(this) < 5".`),
		change("field CEL expression changed", "string", v(`cel = {id: "x.short", expression: "size(this) < 5"}`), v(`cel = {id: "x.short", expression: "size(this) < 4"}`),
			cel+`changed the expression of the CEL rule "x.short" from "size(this) < 5" to "size(this) < 4". Whether the new expression accepts everything the old one did cannot be decided`),
		change("field CEL message changed", "string", v(`cel = {id: "x.short", message: "a", expression: "size(this) < 5"}`), v(`cel = {id: "x.short", message: "b", expression: "size(this) < 5"}`)),
		change("field CEL rule removed", "string", v(`cel = {id: "x.short", expression: "size(this) < 5"}`), ""),
		change("cel_expression added", "string", "", v(`cel_expression = "size(this) < 5"`), cel+`added a CEL rule with the expression "size(this) < 5"`),
		change("items CEL rule added", "repeated string", "", v(`repeated.items.cel = {id: "i", expression: "this != ''"}`), cel+`added the CEL rule "i" on its repeated.items`),
		{
			name:     "message CEL rule added",
			previous: field("string", ""),
			current:  field("string", "", `  option (buf.validate.message).cel = {id: "m.x", expression: "this.x != ''"};`+"\n"),
			want:     []string{cel + `Message "M" added the CEL rule "m.x" with the expression "this.x != ''".`},
		},
		{
			name:     "message CEL expression changed",
			previous: field("string", "", `  option (buf.validate.message).cel = {id: "m.x", expression: "this.x != ''"};`+"\n"),
			current:  field("string", "", `  option (buf.validate.message).cel = {id: "m.x", expression: "this.x != 'a'"};`+"\n"),
			want:     []string{cel + `Message "M" changed the expression of the CEL rule "m.x"`},
		},
		// Message and oneof rules.
		{
			name:     "message oneof rule added",
			previous: field("string", "", "  string y = 2;\n"),
			current:  field("string", "", "  string y = 2;\n  option (buf.validate.message).oneof = {fields: [\"x\", \"y\"], required: true};\n"),
			want:     []string{msg + `Message "M" added the rule oneof from none to {fields: [x, y], required: true}.`},
		},
		{
			name:     "message oneof rule kept",
			previous: field("string", "", "  string y = 2;\n  option (buf.validate.message).oneof = {fields: [\"x\", \"y\"]};\n"),
			current:  field("string", "", "  string y = 2;\n  option (buf.validate.message).oneof = {fields: [\"x\", \"y\"]};\n"),
		},
		{
			name:     "oneof made required",
			previous: field("string", "", "  oneof choice {\n    string a = 2;\n    string b = 3;\n  }\n"),
			current:  field("string", "", "  oneof choice {\n    option (buf.validate.oneof).required = true;\n    string a = 2;\n    string b = 3;\n  }\n"),
			want:     []string{msg + `Oneof "choice" on message "M" tightened (buf.validate.oneof).required from false to true.`},
		},
		{
			name:     "required oneof added",
			previous: field("string", ""),
			current:  field("string", "", "  oneof choice {\n    option (buf.validate.oneof).required = true;\n    string a = 2;\n  }\n"),
			want:     []string{msg + `Oneof "choice" on message "M" added a oneof with (buf.validate.oneof).required from none to true.`},
		},
	})
}

func TestFieldBehavior(t *testing.T) {
	t.Parallel()
	fb := func(b ...string) string {
		var parts []string
		for _, x := range b {
			parts = append(parts, "(google.api.field_behavior) = "+x)
		}
		return strings.Join(parts, ", ")
	}
	runCases(t, check.RuleTypeBreaking, []testCase{
		{name: "unchanged", previous: field("string", fb("REQUIRED")), current: field("string", fb("REQUIRED"))},
		{
			name: "REQUIRED added", previous: field("string", ""), current: field("string", fb("REQUIRED")),
			want: []string{`KANTO_FIELD_BEHAVIOR_NO_ADD_REQUIRED: Field "x" on message "M" added google.api.field_behavior REQUIRED (field_behavior changed from none to [REQUIRED]).`},
		},
		{
			name: "IMMUTABLE added", previous: field("string", fb("OPTIONAL")), current: field("string", fb("OPTIONAL", "IMMUTABLE")),
			want: []string{`KANTO_FIELD_BEHAVIOR_NO_ADD_IMMUTABLE: Field "x" on message "M" added google.api.field_behavior IMMUTABLE (field_behavior changed from [OPTIONAL] to [OPTIONAL IMMUTABLE]).`},
		},
		{name: "REQUIRED removed", previous: field("string", fb("REQUIRED")), current: field("string", "")},
		{name: "OUTPUT_ONLY added", previous: field("string", ""), current: field("string", fb("OUTPUT_ONLY"))},
		{name: "new REQUIRED field", previous: field("string", ""), current: field("string", "", "  string y = 2 [(google.api.field_behavior) = REQUIRED];\n")},
	})
}
