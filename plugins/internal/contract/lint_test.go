package contract_test

import (
	"testing"

	"buf.build/go/bufplugin/check"
)

// rpcs is a schema with service S of the given methods and messages.
func rpcs(methods string, messages string) string {
	return "service S {\n" + methods + "}\n\n" + messages
}

const (
	listMessages = `message ListThingsRequest {
  int32 page_size = 1;
  string page_token = 2;
}
message ListThingsResponse {
  repeated Thing things = 1;
  string next_page_token = 2;
}
message Thing {
  string id = 1;
}
`
	getMessages = `message GetThingRequest {
  string id = 1;
  Thing thing = 2;
}
message Thing {
  string id = 1;
  repeated string tags = 2;
}
`
)

func TestLint(t *testing.T) {
	t.Parallel()
	get := func(name, http string) string {
		if http != "" {
			http = " {\n    option (google.api.http) = {" + http + "};\n  }"
		} else {
			http = ";"
		}
		return "  rpc " + name + "(GetThingRequest) returns (Thing)" + http + "\n"
	}
	requestID := func(rules string) string {
		if rules != "" {
			rules = " [" + rules + "]"
		}
		return rpcs("  rpc CreateThing(CreateThingRequest) returns (Thing);\n", `message CreateThingRequest {
  string request_id = 1`+rules+`;
}
message Thing {
  string id = 1;
}
`)
	}
	runCases(t, check.RuleTypeLint, []testCase{
		// AIP-158 pagination.
		{name: "paginated list", current: rpcs("  rpc ListThings(ListThingsRequest) returns (ListThingsResponse);\n", listMessages)},
		{name: "no pagination fields at all", current: rpcs(get("GetThing", ""), getMessages)},
		{
			name: "page_size of the wrong type",
			current: rpcs("  rpc ListThings(ListThingsRequest) returns (ListThingsResponse);\n",
				`message ListThingsRequest {
  int64 page_size = 1;
  string page_token = 2;
}
message ListThingsResponse {
  repeated string things = 1;
  string next_page_token = 2;
}
`),
			want: []string{`KANTO_LIST_PAGINATION: RPC "ListThings" on service "S" looks paginated but does not follow AIP-158, so the SDKs will not page through it: case2.v1.ListThingsRequest.page_size must be a singular int32, not int64.`},
		},
		{
			name: "no next_page_token and two repeated fields",
			current: rpcs("  rpc ListThings(ListThingsRequest) returns (ListThingsResponse);\n",
				`message ListThingsRequest {
  int32 page_size = 1;
  string page_token = 2;
}
message ListThingsResponse {
  repeated string things = 1;
  repeated string others = 2;
}
`),
			want: []string{
				"KANTO_LIST_PAGINATION: case3.v1.ListThingsResponse has no field next_page_token.",
				"KANTO_LIST_PAGINATION: case3.v1.ListThingsResponse must have exactly one repeated (non-map) field, the items; it has 2 (things, others).",
			},
		},
		// AIP-155 request ids.
		{name: "request_id with max_len and pattern", current: requestID(`(buf.validate.field).string = {max_len: 64, pattern: "^[a-z0-9-]*$"}`)},
		{name: "request_id as a uuid", current: requestID(`(buf.validate.field).string.uuid = true`)},
		{
			name: "request_id without rules", current: requestID(""),
			want: []string{
				`KANTO_REQUEST_ID_FORMAT: Field "request_id" on message "CreateThingRequest" is not an AIP-155 request id the SDKs can fill in and servers can store: case6.v1.CreateThingRequest.request_id has no length bound`,
				`KANTO_REQUEST_ID_FORMAT: case6.v1.CreateThingRequest.request_id has no pattern`,
			},
		},
		{
			name: "request_id without pattern", current: requestID(`(buf.validate.field).string.max_len = 64`),
			want: []string{`KANTO_REQUEST_ID_FORMAT: request_id has no pattern`},
		},
		{
			name: "request_id of the wrong type",
			current: rpcs("  rpc CreateThing(CreateThingRequest) returns (Thing);\n", `message CreateThingRequest {
  int64 request_id = 1;
}
message Thing {
  string id = 1;
}
`),
			want: []string{`KANTO_REQUEST_ID_FORMAT: case8.v1.CreateThingRequest.request_id must be a singular string, not int64`},
		},
		// HTTP routes.
		{name: "distinct routes", current: rpcs(get("GetThing", `get: "/v1/things/{id}"`)+get("GetOther", `get: "/v1/things/{id}:other"`), getMessages)},
		{
			name:    "same route with another variable name",
			current: rpcs(get("GetThing", `get: "/v1/things/{id}"`)+get("GetOther", `get: "/v1/things/{thing.id}"`), getMessages),
			want:    []string{`KANTO_HTTP_ROUTE_UNIQUE: RPC "GetOther" on service "S" maps "GET /v1/things/{thing.id}" to the same HTTP route as RPC "GetThing" on service "S" ("GET /v1/things/{id}").`},
		},
		{
			name:    "same route twice in one RPC",
			current: rpcs(get("GetThing", `get: "/v1/things/{id}" additional_bindings {get: "/v1/things/{id=*}"}`), getMessages),
			want:    []string{`KANTO_HTTP_ROUTE_UNIQUE: RPC "GetThing" on service "S" maps "GET /v1/things/{id=*}" to the same HTTP route as its own other binding`},
		},
		{name: "same path, other verb", current: rpcs(get("GetThing", `get: "/v1/things/{id}"`)+get("DeleteThing", `delete: "/v1/things/{id}"`), getMessages)},
		// Path variables, body and response_body.
		{name: "nested path variable", current: rpcs(get("GetThing", `patch: "/v1/things/{thing.id}" body: "thing" response_body: "id"`), getMessages)},
		{
			name:    "path variable names no field",
			current: rpcs(get("GetThing", `get: "/v1/things/{name}"`), getMessages),
			want:    []string{`KANTO_HTTP_PATH_VARIABLES: RPC "GetThing" on service "S": path variable "name" of HTTP binding "GET /v1/things/{name}" does not name a singular field of "case14.v1.GetThingRequest": case14.v1.GetThingRequest has no field "name".`},
		},
		{
			name:    "path variable through a scalar",
			current: rpcs(get("GetThing", `get: "/v1/things/{id.x}"`), getMessages),
			want:    []string{`KANTO_HTTP_PATH_VARIABLES: case15.v1.GetThingRequest.id is not a singular message`},
		},
		{
			name:    "repeated path variable",
			current: rpcs(get("GetThing", `get: "/v1/things/{thing.tags}"`), getMessages),
			want:    []string{`KANTO_HTTP_PATH_VARIABLES: case16.v1.Thing.tags is repeated`},
		},
		{
			name:    "body and response_body name no field",
			current: rpcs(get("GetThing", `post: "/v1/things" body: "item" response_body: "name"`), getMessages),
			want: []string{
				`KANTO_HTTP_PATH_VARIABLES: RPC "GetThing" on service "S": body "item" of HTTP binding "POST /v1/things" is not a top-level field of "case17.v1.GetThingRequest".`,
				`KANTO_HTTP_PATH_VARIABLES: RPC "GetThing" on service "S": response_body "name" of HTTP binding "POST /v1/things" is not a top-level field of "case17.v1.Thing".`,
			},
		},
		// Streaming.
		{
			name: "server stream with a binding",
			current: rpcs(`  rpc WatchThing(GetThingRequest) returns (stream Thing) {
    option (google.api.http) = {get: "/v1/things/{id}:watch"};
  }
`, getMessages),
		},
		{name: "bidi stream without a binding", current: rpcs("  rpc Chat(stream GetThingRequest) returns (stream Thing);\n", getMessages)},
		{
			name: "client stream with a binding",
			current: rpcs(`  rpc Upload(stream GetThingRequest) returns (Thing) {
    option (google.api.http) = {post: "/v1/things:upload" body: "*"};
  }
`, getMessages),
			want: []string{`KANTO_HTTP_STREAMING: RPC "Upload" on service "S" is client_stream and has an HTTP binding ("POST /v1/things:upload"), but the REST edge serves only unary and server-streaming RPCs; remove the binding.`},
		},
		{
			name: "bidi stream with a binding",
			current: rpcs(`  rpc Chat(stream GetThingRequest) returns (stream Thing) {
    option (google.api.http) = {post: "/v1/things:chat" body: "*"};
  }
`, getMessages),
			want: []string{`KANTO_HTTP_STREAMING: RPC "Chat" on service "S" is bidi_stream`},
		},
	})
}
