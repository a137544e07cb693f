// Package contract is Kanto's buf check plugin: breaking rules for what
// buf's built-in rules do not look at (REST mappings, protovalidate
// rules, google.api.field_behavior) and lint rules for the API shapes the
// SDK generator relies on, found with the generator's own shape package.
//
// buf runs it as a local plugin (buf.yaml `plugins:`); its rules are
// turned on by their categories, KANTO_CONTRACT for breaking and
// KANTO_SHAPES for lint. buf filters its findings like those of its own
// rules: `ignore_unstable_packages` exempts unstable packages from the
// breaking rules, and `except`/`ignore_only` take the rule ids below.
//
// The rules read google.api and buf.validate options as extensions: the
// plugin links in their Go packages, so the request buf sends is parsed
// with them (a request built in process, as checktest's, goes through
// the same encoding).
package contract

import (
	"buf.build/go/bufplugin/check"
	"buf.build/go/bufplugin/info"
)

// Rule categories: buf.yaml turns the rules on by these.
const (
	CategoryContract = "KANTO_CONTRACT"
	CategoryShapes   = "KANTO_SHAPES"
)

// Breaking rule ids.
const (
	HTTPBindingNoDelete         = "KANTO_HTTP_BINDING_NO_DELETE"
	HTTPBindingSameVerb         = "KANTO_HTTP_BINDING_SAME_VERB"
	HTTPBindingSamePath         = "KANTO_HTTP_BINDING_SAME_PATH"
	HTTPBindingSameBody         = "KANTO_HTTP_BINDING_SAME_BODY"
	HTTPBindingSameResponseBody = "KANTO_HTTP_BINDING_SAME_RESPONSE_BODY"
	FieldValidationNoTighten    = "KANTO_FIELD_VALIDATION_NO_TIGHTEN"
	FieldValidationNoAddReq     = "KANTO_FIELD_VALIDATION_NO_ADD_REQUIRED"
	MessageValidationNoTighten  = "KANTO_MESSAGE_VALIDATION_NO_TIGHTEN"
	ValidationCELNoChange       = "KANTO_VALIDATION_CEL_NO_CHANGE"
	FieldBehaviorNoAddRequired  = "KANTO_FIELD_BEHAVIOR_NO_ADD_REQUIRED"
	FieldBehaviorNoAddImmutable = "KANTO_FIELD_BEHAVIOR_NO_ADD_IMMUTABLE"
)

// Lint rule ids.
const (
	ListPagination    = "KANTO_LIST_PAGINATION"
	RequestIDFormat   = "KANTO_REQUEST_ID_FORMAT"
	HTTPRouteUnique   = "KANTO_HTTP_ROUTE_UNIQUE"
	HTTPPathVariables = "KANTO_HTTP_PATH_VARIABLES"
	HTTPStreaming     = "KANTO_HTTP_STREAMING"
)

// Spec is the plugin: every rule, on by default, in its category.
var Spec = &check.Spec{
	Rules: []*check.RuleSpec{
		breaking(HTTPBindingNoDelete, "Checks that no HTTP binding (google.api.http or one of its additional_bindings) of an RPC is removed.", httpBindings),
		breaking(HTTPBindingSameVerb, "Checks that the HTTP verb of an RPC's binding does not change.", httpBindings),
		breaking(HTTPBindingSamePath, "Checks that the path template of an RPC's HTTP binding does not change.", httpBindings),
		breaking(HTTPBindingSameBody, "Checks that the body of an RPC's HTTP binding does not change.", httpBindings),
		breaking(HTTPBindingSameResponseBody, "Checks that the response_body of an RPC's HTTP binding does not change.", httpBindings),
		breaking(FieldValidationNoTighten, "Checks that a field's protovalidate rules do not reject values they accepted before (bounds, lengths, sizes, counts, patterns, formats, in/not_in, const, defined_only, unique, ignore), and that a field added to an existing message accepts being unset.", validation),
		breaking(FieldValidationNoAddReq, "Checks that no existing field, and no field added to an existing message, becomes required by protovalidate.", validation),
		breaking(MessageValidationNoTighten, "Checks that a message's or oneof's protovalidate rules (oneof rules, required oneofs) do not reject messages they accepted before.", validation),
		breaking(ValidationCELNoChange, "Checks that no protovalidate CEL rule or predefined rule is added or changed on an existing field or message; whether a new expression accepts everything the old one did cannot be decided, so a reviewer accepts it explicitly.", validation),
		breaking(FieldBehaviorNoAddRequired, "Checks that google.api.field_behavior REQUIRED is not added to an existing field.", fieldBehavior),
		breaking(FieldBehaviorNoAddImmutable, "Checks that google.api.field_behavior IMMUTABLE is not added to an existing field.", fieldBehavior),
		lint(ListPagination, "Checks that a method with any AIP-158 pagination field has them all: int32 page_size, string page_token, string next_page_token and exactly one repeated field, as the SDK generator's pagination detection needs.", listPagination),
		lint(RequestIDFormat, "Checks that an AIP-155 request_id is a singular string of a unary request with a length bound and a pattern.", requestID),
		lint(HTTPRouteUnique, "Checks that no two HTTP bindings map to the same verb and path template.", routeUnique),
		lint(HTTPPathVariables, "Checks that every path variable of an HTTP binding names a field of the request, and its body and response_body name top-level fields.", pathVariables),
		lint(HTTPStreaming, "Checks that only unary and server-streaming RPCs carry an HTTP binding, the call shapes the REST edge (grpc-gateway) can serve.", httpStreaming),
	},
	Categories: []*check.CategorySpec{
		{ID: CategoryContract, Purpose: "Checks that changes keep Kanto's REST mappings, validation rules and field behaviors compatible."},
		{ID: CategoryShapes, Purpose: "Checks the API shapes Kanto's SDK generator relies on and the REST mappings' hygiene."},
	},
	Info: &info.Spec{
		Documentation: "Kanto's contract checks: breaking rules for REST mappings, protovalidate rules and field behaviors, and lint rules for the API shapes the SDK generator relies on. See docs/versioning.md.",
	},
}

func breaking(id, purpose string, f finder) *check.RuleSpec {
	return &check.RuleSpec{ID: id, CategoryIDs: []string{CategoryContract}, Default: true, Purpose: purpose, Type: check.RuleTypeBreaking, Handler: only(id, f)}
}

func lint(id, purpose string, f finder) *check.RuleSpec {
	return &check.RuleSpec{ID: id, CategoryIDs: []string{CategoryShapes}, Default: true, Purpose: purpose, Type: check.RuleTypeLint, Handler: only(id, f)}
}
