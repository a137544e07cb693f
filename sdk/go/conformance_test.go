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
	"github.com/kanto-api/kanto/gen/go/kantoclient"
	kanto "github.com/kanto-api/kanto/sdk/go"
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

// invoke replays v through m, a method of the generated umbrella client's
// table, and returns the messages received and the call's final error
// (nil for OK); it fails the test itself for a vector it cannot replay.
func invoke(t *testing.T, ctx context.Context, cancel context.CancelFunc, m kanto.Method, v *vector) ([]proto.Message, error) {
	t.Helper()
	parse := func(raw json.RawMessage) proto.Message {
		req := m.NewRequest()
		if len(raw) == 0 {
			return req
		}
		if err := protojson.Unmarshal(raw, req); err != nil {
			t.Fatalf("request is not a %s in proto JSON: %v", req.ProtoReflect().Descriptor().FullName(), err)
		}
		return req
	}
	parseAll := func() []proto.Message {
		if v.Request != nil {
			t.Fatalf("a %s vector has requests, not request", v.Kind)
		}
		reqs := make([]proto.Message, len(v.Requests))
		for i, raw := range v.Requests {
			reqs[i] = parse(raw)
		}
		return reqs
	}
	switch m.Kind {
	case kanto.Unary:
		if v.Requests != nil {
			t.Fatal("a unary vector has request, not requests")
		}
		resp, err := m.Unary(ctx, parse(v.Request))
		if err != nil {
			return nil, err
		}
		return []proto.Message{resp}, nil
	case kanto.ServerStream:
		if v.Requests != nil {
			t.Fatal("a server_stream vector has request, not requests")
		}
		stream, err := m.ServerStream(ctx, parse(v.Request))
		if err != nil {
			return nil, err
		}
		return receive(stream.Recv, cancel, v.CancelAfter, nil)
	case kanto.ClientStream:
		if v.CancelAfter != nil {
			t.Fatal("cancel_after counts stream messages received; a client_stream call receives one response")
		}
		reqs := parseAll()
		stream, err := m.ClientStream(ctx)
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
		return []proto.Message{resp}, nil
	case kanto.BidiStream:
		reqs := parseAll()
		stream, err := m.BidiStream(ctx)
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
			got = append(got, resp)
		}
		if err := stream.CloseSend(); err != nil {
			return got, err
		}
		return receive(stream.Recv, cancel, v.CancelAfter, got)
	}
	t.Fatalf("method %s has an unknown kind %v", m.FullName(), m.Kind)
	return nil, nil
}

// receive reads a stream to its end, appending to got. With cancelAfter it
// cancels the call once that many messages were received, and returns the
// error that the cancellation ends the stream with.
func receive(recv func() (proto.Message, error), cancel context.CancelFunc, cancelAfter *int, got []proto.Message) ([]proto.Message, error) {
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
		got = append(got, resp)
	}
}

// methodTable indexes the generated umbrella client's methods by
// "<service>/<method>".
func methodTable(c *kantoclient.Client) map[string]kanto.Method {
	table := map[string]kanto.Method{}
	for _, m := range c.Methods() {
		table[m.Service+"/"+m.Name] = m
	}
	return table
}

func TestConformance(t *testing.T) {
	vectors := loadVectors(t)
	env := startTestEnv(t)
	// Built as a user would, without a token (vectors that need one carry
	// it in their metadata), each service at the address kanto-testenv
	// reports for it. A service it does not run gets an address that
	// fails its vectors with a clear message rather than UNAVAILABLE.
	opts := []kanto.Option{kanto.WithInsecure(), kanto.WithTarget("passthrough:///not-reported-by-kanto-testenv")}
	for service, addr := range env.Targets {
		opts = append(opts, kanto.WithServiceTarget(service, addr))
	}
	client, err := kantoclient.New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = client.Close() })
	methods := methodTable(client)

	for _, v := range vectors {
		// In order and one at a time: later vectors may depend on earlier
		// writes.
		t.Run(v.Name, func(t *testing.T) {
			m, ok := methods[v.Service+"/"+v.Method]
			if !ok {
				t.Fatalf("the SDK has no method %s/%s", v.Service, v.Method)
			}
			if m.Kind.String() != v.Kind {
				t.Fatalf("vector kind %q, but %s/%s is %s", v.Kind, v.Service, v.Method, m.Kind)
			}
			if env.Targets[v.Service] == "" {
				t.Fatalf("kanto-testenv reported no address for %s", v.Service)
			}
			runVector(t, m, &v, env.CuratorToken)
		})
	}
}

func runVector(t *testing.T, m kanto.Method, v *vector, curatorToken string) {
	var wantCode codes.Code
	if v.Expect.Code == "" {
		t.Fatal("expect.code is missing")
	}
	if err := wantCode.UnmarshalJSON([]byte(strconv.Quote(v.Expect.Code))); err != nil {
		t.Fatalf("expect.code: %v", err)
	}
	streaming := m.Kind == kanto.ServerStream || m.Kind == kanto.BidiStream
	if streaming && v.Expect.Response != nil {
		t.Fatalf("a %s vector expects responses or min_responses, not response", m.Kind)
	}
	if !streaming && (v.Expect.Responses != nil || v.Expect.MinResponses != nil) {
		t.Fatalf("a %s vector expects response, not responses or min_responses", m.Kind)
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

	got, err := invoke(t, ctx, cancel, m, v)

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

// TestConformanceCoversSchema checks that the generated method table
// holds every RPC of every service the umbrella client knows, with the
// call shape the schema gives it, so a vector for any RPC can be replayed.
func TestConformanceCoversSchema(t *testing.T) {
	t.Parallel()
	client, err := kantoclient.New(kanto.WithInsecure()) // never dialled
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	methods := methodTable(client)
	want := map[string]string{}
	for _, svc := range kantoclient.Services {
		d, err := protoregistry.GlobalFiles.FindDescriptorByName(protoreflect.FullName(svc.Name))
		if err != nil {
			t.Fatalf("%s: %v", svc.Name, err)
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
			want[svc.Name+"/"+string(md.Name())] = kind
		}
	}
	if len(want) == 0 {
		t.Fatal("the schema has no RPCs")
	}
	for key, kind := range want {
		if m, ok := methods[key]; !ok {
			t.Errorf("no SDK method for %s", key)
		} else if m.Kind.String() != kind {
			t.Errorf("%s: dispatched as %s, but it is %s", key, m.Kind, kind)
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
