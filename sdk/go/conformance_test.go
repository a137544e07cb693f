package kanto_test

// The conformance runner: it replays every vector of sdk/conformance/vectors
// through this SDK's typed clients against the live services of
// kanto-testenv. The format is described in sdk/conformance/README.md.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
	kanto "github.com/kanto-api/kanto/sdk/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
)

const vectorsDir = "../conformance/vectors"

// A vector is one call and what must come back.
type vector struct {
	Name        string            `json:"name"`
	Service     string            `json:"service"`
	Method      string            `json:"method"`
	Kind        string            `json:"kind"`
	Request     json.RawMessage   `json:"request"`
	Requests    []json.RawMessage `json:"requests"`
	Metadata    map[string]string `json:"metadata"`
	TimeoutMS   *int64            `json:"timeout_ms"`
	CancelAfter *int              `json:"cancel_after"`
	Expect      struct {
		Code            string            `json:"code"`
		FieldViolations *[]wantViolation  `json:"field_violations"`
		Response        json.RawMessage   `json:"response"`
		Responses       []json.RawMessage `json:"responses"`
		MinResponses    *int              `json:"min_responses"`
	} `json:"expect"`
}

type wantViolation struct {
	Field  string `json:"field"`
	RuleID string `json:"rule_id"`
}

// loadVectors reads every vector file in name order and the vectors of each
// in file order. Unknown keys fail: a vector using a feature this runner
// does not know must not pass by being half understood.
func loadVectors(t *testing.T) []vector {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(vectorsDir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no vector files in %s", vectorsDir)
	}
	slices.Sort(files)
	var vectors []vector
	seen := map[string]bool{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var file struct {
			Vectors []json.RawMessage `json:"vectors"`
		}
		if err := json.Unmarshal(b, &file); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for i, raw := range file.Vectors {
			var v vector
			dec := json.NewDecoder(bytes.NewReader(raw))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&v); err != nil {
				t.Fatalf("%s: vector %d: %v", f, i, err)
			}
			if v.Name == "" || seen[v.Name] {
				t.Fatalf("%s: vector %d: missing or repeated name %q", f, i, v.Name)
			}
			seen[v.Name] = true
			vectors = append(vectors, v)
		}
	}
	return vectors
}

// A method replays a vector through one typed SDK method. invoke returns
// the messages received and the call's final error (nil for OK); it fails
// the test itself for a vector it cannot replay.
type method struct {
	kind   string
	invoke func(t *testing.T, ctx context.Context, cancel context.CancelFunc, v *vector) ([]proto.Message, error)
}

// sdkMethods maps "<service>/<method>" to the SDK's typed client methods.
// TestConformanceCoversSchema checks that it covers every RPC.
func sdkMethods(c *kanto.Client) map[string]method {
	p, r, e := c.Pokedex(), c.RoutePlanner(), c.Expedition()
	return map[string]method{
		"kanto.pokedex.v1.PokemonService/GetPokemon":             unaryMethod(p.GetPokemon),
		"kanto.pokedex.v1.PokemonService/ListPokemon":            unaryMethod(p.ListPokemon),
		"kanto.pokedex.v1.PokemonService/BatchGetPokemon":        unaryMethod(p.BatchGetPokemon),
		"kanto.pokedex.v1.PokemonService/CreatePokemon":          unaryMethod(p.CreatePokemon),
		"kanto.pokedex.v1.PokemonService/UpdatePokemon":          unaryMethod(p.UpdatePokemon),
		"kanto.pokedex.v1.PokemonService/DeletePokemon":          unaryMethod(p.DeletePokemon),
		"kanto.pokedex.v1.PokemonService/ListEncounters":         unaryMethod(p.ListEncounters),
		"kanto.routeplanner.v1.RoutePlannerService/GetRoutes":    unaryMethod(r.GetRoutes),
		"kanto.routeplanner.v1.RoutePlannerService/WatchRoutes":  serverStreamMethod(r.WatchRoutes),
		"kanto.routeplanner.v1.RoutePlannerService/RecordTrip":   clientStreamMethod(r.RecordTrip),
		"kanto.routeplanner.v1.RoutePlannerService/Navigate":     bidiStreamMethod(r.Navigate),
		"kanto.expedition.v1.ExpeditionService/PlanExpedition":   unaryMethod(e.PlanExpedition),
		"kanto.expedition.v1.ExpeditionService/StreamExpedition": serverStreamMethod(e.StreamExpedition),
	}
}

// message constrains PM to a pointer to M that is a generated message.
type message[M any] interface {
	*M
	proto.Message
}

func unmarshalRequest[Req any, PReq message[Req]](t *testing.T, raw json.RawMessage) PReq {
	t.Helper()
	req := PReq(new(Req))
	if len(raw) == 0 {
		return req
	}
	if err := protojson.Unmarshal(raw, req); err != nil {
		t.Fatalf("request is not a %s in proto JSON: %v", req.ProtoReflect().Descriptor().FullName(), err)
	}
	return req
}

func unmarshalRequests[Req any, PReq message[Req]](t *testing.T, v *vector) []PReq {
	t.Helper()
	if v.Request != nil {
		t.Fatalf("a %s vector has requests, not request", v.Kind)
	}
	reqs := make([]PReq, len(v.Requests))
	for i, raw := range v.Requests {
		reqs[i] = unmarshalRequest[Req, PReq](t, raw)
	}
	return reqs
}

func unaryMethod[Req any, PReq message[Req], Resp proto.Message](f func(context.Context, PReq, ...grpc.CallOption) (Resp, error)) method {
	return method{kind: "unary", invoke: func(t *testing.T, ctx context.Context, _ context.CancelFunc, v *vector) ([]proto.Message, error) {
		if v.Requests != nil {
			t.Fatal("a unary vector has request, not requests")
		}
		resp, err := f(ctx, unmarshalRequest[Req, PReq](t, v.Request))
		if err != nil {
			return nil, err
		}
		return []proto.Message{resp}, nil
	}}
}

func serverStreamMethod[Req any, PReq message[Req], Resp any, PResp message[Resp]](f func(context.Context, PReq, ...grpc.CallOption) (grpc.ServerStreamingClient[Resp], error)) method {
	return method{kind: "server_stream", invoke: func(t *testing.T, ctx context.Context, cancel context.CancelFunc, v *vector) ([]proto.Message, error) {
		if v.Requests != nil {
			t.Fatal("a server_stream vector has request, not requests")
		}
		stream, err := f(ctx, unmarshalRequest[Req, PReq](t, v.Request))
		if err != nil {
			return nil, err
		}
		return receive[Resp, PResp](stream.Recv, cancel, v.CancelAfter, nil)
	}}
}

func clientStreamMethod[Req any, PReq message[Req], Resp any, PResp message[Resp]](f func(context.Context, ...grpc.CallOption) (grpc.ClientStreamingClient[Req, Resp], error)) method {
	return method{kind: "client_stream", invoke: func(t *testing.T, ctx context.Context, _ context.CancelFunc, v *vector) ([]proto.Message, error) {
		if v.CancelAfter != nil {
			t.Fatal("cancel_after counts stream messages received; a client_stream call receives one response")
		}
		reqs := unmarshalRequests[Req, PReq](t, v)
		stream, err := f(ctx)
		if err != nil {
			return nil, err
		}
		for _, req := range reqs {
			if err := stream.Send(req); err != nil {
				break // the server ended the call; CloseAndRecv says how
			}
		}
		resp, err := stream.CloseAndRecv()
		if err != nil {
			return nil, err
		}
		return []proto.Message{PResp(resp)}, nil
	}}
}

func bidiStreamMethod[Req any, PReq message[Req], Resp any, PResp message[Resp]](f func(context.Context, ...grpc.CallOption) (grpc.BidiStreamingClient[Req, Resp], error)) method {
	return method{kind: "bidi_stream", invoke: func(t *testing.T, ctx context.Context, cancel context.CancelFunc, v *vector) ([]proto.Message, error) {
		reqs := unmarshalRequests[Req, PReq](t, v)
		stream, err := f(ctx)
		if err != nil {
			return nil, err
		}
		var got []proto.Message
		// One request, one response, and so on.
		for _, req := range reqs {
			if v.CancelAfter != nil && len(got) >= *v.CancelAfter {
				break // receive cancels
			}
			if err := stream.Send(req); err != nil {
				break // the server ended the call; Recv says how
			}
			resp, err := stream.Recv()
			if errors.Is(err, io.EOF) {
				return got, nil
			}
			if err != nil {
				return got, err
			}
			got = append(got, PResp(resp))
		}
		if err := stream.CloseSend(); err != nil {
			return got, err
		}
		return receive[Resp, PResp](stream.Recv, cancel, v.CancelAfter, got)
	}}
}

// receive reads a stream to its end, appending to got. With cancelAfter it
// cancels the call once that many messages were received, and returns the
// error that the cancellation ends the stream with.
func receive[Resp any, PResp message[Resp]](recv func() (*Resp, error), cancel context.CancelFunc, cancelAfter *int, got []proto.Message) ([]proto.Message, error) {
	for {
		if cancelAfter != nil && len(got) >= *cancelAfter {
			cancel()
			for {
				// Messages already on their way are not counted: the
				// client has stopped listening.
				if _, err := recv(); err != nil {
					if errors.Is(err, io.EOF) {
						return got, nil
					}
					return got, err
				}
			}
		}
		resp, err := recv()
		if errors.Is(err, io.EOF) {
			return got, nil
		}
		if err != nil {
			return got, err
		}
		got = append(got, PResp(resp))
	}
}

func TestConformance(t *testing.T) {
	vectors := loadVectors(t)
	env := startTestEnv(t)
	// Services this kanto-testenv does not run get no address; their
	// vectors fail with a clear message rather than with UNAVAILABLE.
	const unreported = "passthrough:///not-reported-by-kanto-testenv"
	addrs := map[string]string{
		"kanto.pokedex.v1.PokemonService":           env.Pokedex,
		"kanto.routeplanner.v1.RoutePlannerService": env.RoutePlanner,
		"kanto.expedition.v1.ExpeditionService":     env.Expedition,
	}
	orUnreported := func(addr string) string {
		if addr == "" {
			return unreported
		}
		return addr
	}
	// Built as a user would, without a token: vectors that need one carry
	// it in their metadata.
	client, err := kanto.NewClient("",
		kanto.WithPokedexTarget(orUnreported(env.Pokedex)),
		kanto.WithRoutePlannerTarget(orUnreported(env.RoutePlanner)),
		kanto.WithExpeditionTarget(orUnreported(env.Expedition)),
		kanto.WithInsecure(),
	)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = client.Close() })
	methods := sdkMethods(client)

	for _, v := range vectors {
		// In order and one at a time: later vectors may depend on earlier
		// writes.
		t.Run(v.Name, func(t *testing.T) {
			m, ok := methods[v.Service+"/"+v.Method]
			if !ok {
				t.Fatalf("the SDK has no method %s/%s", v.Service, v.Method)
			}
			if m.kind != v.Kind {
				t.Fatalf("vector kind %q, but %s/%s is %s", v.Kind, v.Service, v.Method, m.kind)
			}
			addr, known := addrs[v.Service]
			if !known || addr == "" {
				t.Fatalf("kanto-testenv reported no address for %s", v.Service)
			}
			runVector(t, m, &v, env.CuratorToken)
		})
	}
}

func runVector(t *testing.T, m method, v *vector, curatorToken string) {
	var wantCode codes.Code
	if v.Expect.Code == "" {
		t.Fatal("expect.code is missing")
	}
	if err := wantCode.UnmarshalJSON([]byte(strconv.Quote(v.Expect.Code))); err != nil {
		t.Fatalf("expect.code: %v", err)
	}
	streaming := m.kind == "server_stream" || m.kind == "bidi_stream"
	if streaming && v.Expect.Response != nil {
		t.Fatalf("a %s vector expects responses or min_responses, not response", m.kind)
	}
	if !streaming && (v.Expect.Responses != nil || v.Expect.MinResponses != nil) {
		t.Fatalf("a %s vector expects response, not responses or min_responses", m.kind)
	}
	if v.Expect.Responses != nil && v.Expect.MinResponses != nil {
		t.Fatal("responses and min_responses exclude each other")
	}

	// Without timeout_ms the SDK's default deadline applies.
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	if v.TimeoutMS != nil {
		ctx, cancel = context.WithTimeout(ctx, time.Duration(*v.TimeoutMS)*time.Millisecond)
		defer cancel()
	}
	if len(v.Metadata) > 0 {
		md := metadata.MD{}
		for k, val := range v.Metadata {
			md.Append(k, strings.ReplaceAll(val, "${CURATOR_TOKEN}", curatorToken))
		}
		ctx = metadata.NewOutgoingContext(ctx, md)
	}

	got, err := m.invoke(t, ctx, cancel, v)

	if code := kanto.Code(err); code != wantCode {
		t.Fatalf("code %v, want %v (error: %v)", code, wantCode, err)
	}
	if v.Expect.FieldViolations != nil {
		var gotV []wantViolation
		for _, fv := range kanto.FieldViolations(err) {
			gotV = append(gotV, wantViolation{Field: fv.Field, RuleID: fv.Reason})
		}
		if !slices.Equal(gotV, *v.Expect.FieldViolations) {
			t.Errorf("field violations %+v, want %+v", gotV, *v.Expect.FieldViolations)
		}
	}
	switch {
	case v.Expect.Response != nil:
		if len(got) != 1 {
			t.Fatalf("%d responses, want one to match expect.response", len(got))
		}
		matchMessage(t, "response", v.Expect.Response, got[0])
	case v.Expect.Responses != nil:
		if len(got) != len(v.Expect.Responses) {
			t.Errorf("%d stream messages, want %d", len(got), len(v.Expect.Responses))
		}
		for i := range min(len(got), len(v.Expect.Responses)) {
			matchMessage(t, fmt.Sprintf("responses[%d]", i), v.Expect.Responses[i], got[i])
		}
	case v.Expect.MinResponses != nil:
		if len(got) < *v.Expect.MinResponses {
			t.Errorf("%d stream messages, want at least %d", len(got), *v.Expect.MinResponses)
		}
	}
}

// matchMessage matches a message's proto JSON (lowerCamelCase names, enum
// names, default values included) against a vector's matcher.
func matchMessage(t *testing.T, path string, matcher json.RawMessage, msg proto.Message) {
	t.Helper()
	b, err := protojson.MarshalOptions{EmitDefaultValues: true}.Marshal(msg)
	if err != nil {
		t.Fatal(err)
	}
	want, err := decodeJSON(matcher)
	if err != nil {
		t.Fatalf("%s: matcher: %v", path, err)
	}
	got, err := decodeJSON(b)
	if err != nil {
		t.Fatal(err)
	}
	if err := match(path, want, got); err != nil {
		t.Errorf("%v\nactual %s: %s", err, path, b)
	}
}

// decodeJSON decodes with numbers kept as json.Number, so integers compare
// exactly however large.
func decodeJSON(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

// match reports the first place where got does not match want, under the
// rules of sdk/conformance/README.md.
func match(path string, want, got any) error {
	switch w := want.(type) {
	case map[string]any:
		if isOperator(w) {
			return matchOperators(path, w, got)
		}
		g, ok := got.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: got %s, want an object", path, show(got))
		}
		for _, k := range sortedKeys(w) {
			gv, ok := g[k]
			if !ok {
				return fmt.Errorf("%s.%s: missing", path, k)
			}
			if err := match(path+"."+k, w[k], gv); err != nil {
				return err
			}
		}
		return nil
	case []any:
		g, ok := got.([]any)
		if !ok {
			return fmt.Errorf("%s: got %s, want an array", path, show(got))
		}
		if len(g) != len(w) {
			return fmt.Errorf("%s: %d elements, want %d", path, len(g), len(w))
		}
		for i := range w {
			if err := match(fmt.Sprintf("%s[%d]", path, i), w[i], g[i]); err != nil {
				return err
			}
		}
		return nil
	case json.Number:
		if !numbersMatch(w, got) {
			return fmt.Errorf("%s: got %s, want %s", path, show(got), w)
		}
		return nil
	default: // string, bool, null
		if want != got {
			return fmt.Errorf("%s: got %s, want %s", path, show(got), show(want))
		}
		return nil
	}
}

// isOperator reports whether an object is a matcher operator ($contains,
// $size, $nonEmpty) rather than an object to match key by key.
func isOperator(w map[string]any) bool {
	for k := range w {
		if strings.HasPrefix(k, "$") {
			return true
		}
	}
	return false
}

func matchOperators(path string, w map[string]any, got any) error {
	for _, op := range sortedKeys(w) {
		arg := w[op]
		switch op {
		case "$contains":
			matchers, ok := arg.([]any)
			if !ok {
				return fmt.Errorf("%s: $contains takes an array of matchers", path)
			}
			g, ok := got.([]any)
			if !ok {
				return fmt.Errorf("%s: got %s, want an array", path, show(got))
			}
			for i, m := range matchers {
				if !slices.ContainsFunc(g, func(e any) bool { return match(path, m, e) == nil }) {
					return fmt.Errorf("%s: no element matches $contains[%d] %s", path, i, show(m))
				}
			}
		case "$size":
			n, ok := arg.(json.Number)
			size, err := n.Int64()
			if !ok || err != nil {
				return fmt.Errorf("%s: $size takes an integer", path)
			}
			g, ok := got.([]any)
			if !ok {
				return fmt.Errorf("%s: got %s, want an array", path, show(got))
			}
			if int64(len(g)) != size {
				return fmt.Errorf("%s: %d elements, want $size %d", path, len(g), size)
			}
		case "$nonEmpty":
			want, ok := arg.(bool)
			if !ok {
				return fmt.Errorf("%s: $nonEmpty takes a boolean", path)
			}
			var nonEmpty bool
			switch g := got.(type) {
			case string:
				nonEmpty = g != ""
			case []any:
				nonEmpty = len(g) > 0
			default:
				return fmt.Errorf("%s: got %s, want a string or an array", path, show(got))
			}
			if nonEmpty != want {
				return fmt.Errorf("%s: got %s, want $nonEmpty %v", path, show(got), want)
			}
		default:
			return fmt.Errorf("%s: unknown matcher operator %s", path, op)
		}
	}
	return nil
}

// numbersMatch compares within a relative tolerance of 1e-9; integers
// compare exactly. A proto JSON string holding a number (64-bit integers
// are strings in proto JSON) matches like the number.
func numbersMatch(want json.Number, got any) bool {
	var g json.Number
	switch v := got.(type) {
	case json.Number:
		g = v
	case string:
		g = json.Number(v)
	default:
		return false
	}
	wi, errW := want.Int64()
	gi, errG := g.Int64()
	if errW == nil && errG == nil {
		return wi == gi
	}
	wf, errW := want.Float64()
	gf, errG := g.Float64()
	if errW != nil || errG != nil {
		return false
	}
	return wf == gf || math.Abs(wf-gf) <= 1e-9*math.Max(math.Abs(wf), math.Abs(gf))
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func show(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	if len(b) > 200 {
		return string(b[:200]) + "..."
	}
	return string(b)
}

// TestConformanceCoversSchema checks that the runner can dispatch every RPC
// of every Kanto service to the SDK, with the right call shape, so a vector
// for any RPC can be replayed.
func TestConformanceCoversSchema(t *testing.T) {
	t.Parallel()
	client, err := kanto.NewClient("127.0.0.1:1", kanto.WithInsecure()) // never dialled
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	methods := sdkMethods(client)
	want := map[string]string{}
	for _, name := range []protoreflect.FullName{
		"kanto.pokedex.v1.PokemonService",
		"kanto.routeplanner.v1.RoutePlannerService",
		"kanto.expedition.v1.ExpeditionService",
	} {
		d, err := protoregistry.GlobalFiles.FindDescriptorByName(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		sd := d.(protoreflect.ServiceDescriptor)
		for i := range sd.Methods().Len() {
			md := sd.Methods().Get(i)
			kind := "unary"
			switch {
			case md.IsStreamingClient() && md.IsStreamingServer():
				kind = "bidi_stream"
			case md.IsStreamingClient():
				kind = "client_stream"
			case md.IsStreamingServer():
				kind = "server_stream"
			}
			want[string(name)+"/"+string(md.Name())] = kind
		}
	}
	for key, kind := range want {
		if m, ok := methods[key]; !ok {
			t.Errorf("no SDK method for %s", key)
		} else if m.kind != kind {
			t.Errorf("%s: dispatched as %s, but it is %s", key, m.kind, kind)
		}
	}
	for key := range methods {
		if _, ok := want[key]; !ok {
			t.Errorf("%s is not in the schema", key)
		}
	}
}

// TestMatcher checks the matcher rules of sdk/conformance/README.md.
func TestMatcher(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, want, got string
		ok              bool
	}{
		{"extra keys ignored", `{"id":25}`, `{"id":25,"name":"Pikachu"}`, true},
		{"missing key", `{"id":25}`, `{"name":"Pikachu"}`, false},
		{"nested", `{"pokemon":{"id":25}}`, `{"pokemon":{"id":25,"name":"x"}}`, true},
		{"scalar mismatch", `{"name":"Pikachu"}`, `{"name":"Raichu"}`, false},
		{"array same length", `[{"id":1},{"id":2}]`, `[{"id":1,"x":0},{"id":2}]`, true},
		{"array other length", `[{"id":1}]`, `[{"id":1},{"id":2}]`, false},
		{"array order", `[1,2]`, `[2,1]`, false},
		{"contains", `{"$contains":[{"id":2},{"id":1}]}`, `[{"id":1},{"id":2},{"id":3}]`, true},
		{"contains missing", `{"$contains":[{"id":4}]}`, `[{"id":1}]`, false},
		{"size", `{"$size":2}`, `[1,2]`, true},
		{"size wrong", `{"$size":2}`, `[1]`, false},
		{"nonEmpty string", `{"$nonEmpty":true}`, `"abc"`, true},
		{"nonEmpty empty string", `{"$nonEmpty":true}`, `""`, false},
		{"nonEmpty array", `{"$nonEmpty":true}`, `[0]`, true},
		{"nonEmpty empty array", `{"$nonEmpty":true}`, `[]`, false},
		{"number tolerance", `0.4`, `0.40000000000000002`, true},
		{"number relative tolerance", `1e12`, `1000000000000.0001`, true},
		{"number differs", `0.4`, `0.41`, false},
		{"integer and float", `6`, `6.0`, true},
		{"int64 as string", `9007199254740993`, `"9007199254740993"`, true},
		{"int64 exact", `9007199254740993`, `"9007199254740992"`, false},
		{"bool", `true`, `false`, false},
		{"enum name", `"RARITY_NORMAL"`, `"RARITY_NORMAL"`, true},
		{"unknown operator", `{"$regex":"a"}`, `"a"`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			want, err := decodeJSON([]byte(tt.want))
			if err != nil {
				t.Fatal(err)
			}
			got, err := decodeJSON([]byte(tt.got))
			if err != nil {
				t.Fatal(err)
			}
			if err := match("$", want, got); (err == nil) != tt.ok {
				t.Errorf("match(%s, %s) = %v, want ok %v", tt.want, tt.got, err, tt.ok)
			}
		})
	}
}

// TestMatchMessageDefaults checks that default values are in the proto JSON
// the matchers see, with lowerCamelCase names and enum names.
func TestMatchMessageDefaults(t *testing.T) {
	t.Parallel()
	msg := &pokedexv1.ListPokemonResponse{Pokemon: []*pokedexv1.Pokemon{{Id: 25, Name: "Pikachu"}}}
	matchMessage(t, "response", json.RawMessage(`{"pokemon":[{"id":25,"rarity":"RARITY_UNSPECIFIED","heightMeters":0,"types":{"$size":0}}],"nextPageToken":"","totalSize":0}`), msg)
}
