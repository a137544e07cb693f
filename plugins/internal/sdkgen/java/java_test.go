package java

import (
	"strings"
	"testing"

	"github.com/kanto-api/kanto/plugins/internal/model"
	"google.golang.org/protobuf/compiler/protogen"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/descriptorpb"
	"google.golang.org/protobuf/types/pluginpb"
)

func TestEscapeDoc(t *testing.T) {
	for in, want := range map[string]string{
		"ends a C comment */ here": "ends a C comment *&#47; here",
		"@param x is not a tag":    "&#64;param x is not a tag",
		"{@link Foo} is not a tag": "{&#64;link Foo} is not a tag",
		"<b>bold</b> & more":       "&lt;b&gt;bold&lt;/b&gt; &amp; more",
		`a \u000a escape`:          "a &#92;u000a escape",
		`trailing \`:               "trailing &#92;",
		"Pokédex, `code`, ${x}":    "Pokédex, `code`, ${x}",
	} {
		if got := escapeDoc(in); got != want {
			t.Errorf("escapeDoc(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStringLiteral(t *testing.T) {
	for in, want := range map[string]string{
		`{"a":"b"}`:     `"{\"a\":\"b\"}"`,
		`back\slash`:    `"back\\slash"`,
		"line\nbreak\r": `"line\nbreak\r"`,
		"tab\tbell\a":   `"tab\tbell\007"`,
		"Pokédex":       `"Pok\u00e9dex"`,
		"😀":             `"\ud83d\ude00"`,
	} {
		if got := stringLiteral(in); got != want {
			t.Errorf("stringLiteral(%q) = %s, want %s", in, got, want)
		}
	}
	// Chunks join back into the whole, and no escape is cut in two.
	s := `{"x":"\\ é 😀 \"quoted\""}`
	chunks := stringConcat(s, 3)
	var joined strings.Builder
	for _, c := range chunks {
		c = strings.TrimSuffix(c, " +")
		joined.WriteString(c[1 : len(c)-1])
	}
	if want := stringLiteral(s); `"`+joined.String()+`"` != want {
		t.Errorf("stringConcat joins to %q, want %s", joined.String(), want)
	}
}

func TestNames(t *testing.T) {
	for _, c := range []struct{ in, lower, upper string }{
		{"GetPokemon", "getPokemon", "GetPokemon"},
		{"Class", "class", "Class"},
		{"get_pokemon_v2", "getPokemonV2", "GetPokemonV2"},
		{"HTTPStatus", "hTTPStatus", "HTTPStatus"},
	} {
		if got := mixed(c.in, false); got != c.lower {
			t.Errorf("mixed(%q, false) = %q, want %q", c.in, got, c.lower)
		}
		if got := mixed(c.in, true); got != c.upper {
			t.Errorf("mixed(%q, true) = %q, want %q", c.in, got, c.upper)
		}
	}
	for in, want := range map[string]string{"class": "class_", "import": "import_", "classAsync": "classAsync", "_": "__"} {
		if got := escapeKeyword(in); got != want {
			t.Errorf("escapeKeyword(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"request_id": "RequestId", "foo_bar2baz": "FooBar2Baz", "pokemon_service": "PokemonService", "x-y.z": "XYZ"} {
		if got := camel(in, true); got != want {
			t.Errorf("camel(%q, true) = %q, want %q", in, got, want)
		}
	}
	if !isQualifiedName("dev.kanto.sdk.KantoClient") || isQualifiedName("KantoClient") || isQualifiedName("dev.class.X") || isQualifiedName("dev..X") {
		t.Error("isQualifiedName accepts or refuses the wrong names")
	}
}

// schema compiles one hand-made file (package test.v1, Java package
// dev.test.v1) into the model.
func schema(t *testing.T, messages []*descriptorpb.DescriptorProto, methods []*descriptorpb.MethodDescriptorProto) (*protogen.Plugin, *model.Schema) {
	t.Helper()
	f := &descriptorpb.FileDescriptorProto{
		Name:    proto.String("test/v1/test.proto"),
		Package: proto.String("test.v1"),
		Syntax:  proto.String("proto3"),
		Options: &descriptorpb.FileOptions{
			GoPackage:         proto.String("example.com/test/v1;testv1"),
			JavaPackage:       proto.String("dev.test.v1"),
			JavaMultipleFiles: proto.Bool(true),
		},
		MessageType: messages,
		Service:     []*descriptorpb.ServiceDescriptorProto{{Name: proto.String("FooService"), Method: methods}},
	}
	req := &pluginpb.CodeGeneratorRequest{FileToGenerate: []string{f.GetName()}, ProtoFile: []*descriptorpb.FileDescriptorProto{f}}
	plugin, err := protogen.Options{}.New(req)
	if err != nil {
		t.Fatal(err)
	}
	s, err := model.Build(plugin, model.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return plugin, s
}

func field(name string, n int32, typ descriptorpb.FieldDescriptorProto_Type, label descriptorpb.FieldDescriptorProto_Label) *descriptorpb.FieldDescriptorProto {
	return &descriptorpb.FieldDescriptorProto{Name: proto.String(name), Number: proto.Int32(n), Type: typ.Enum(), Label: label.Enum(), JsonName: proto.String(name)}
}

var (
	optional = descriptorpb.FieldDescriptorProto_LABEL_OPTIONAL
	repeated = descriptorpb.FieldDescriptorProto_LABEL_REPEATED
	str      = descriptorpb.FieldDescriptorProto_TYPE_STRING
	int32T   = descriptorpb.FieldDescriptorProto_TYPE_INT32
)

func rpc(name, in, out string) *descriptorpb.MethodDescriptorProto {
	return &descriptorpb.MethodDescriptorProto{Name: proto.String(name), InputType: proto.String(".test.v1." + in), OutputType: proto.String(".test.v1." + out)}
}

func TestClashesFailNamingTheFileAndTheElement(t *testing.T) {
	msgs := []*descriptorpb.DescriptorProto{
		{Name: proto.String("M")},
		{Name: proto.String("ListXRequest"), Field: []*descriptorpb.FieldDescriptorProto{
			field("page_size", 1, int32T, optional), field("page_token", 2, str, optional),
		}},
		{Name: proto.String("ListXResponse"), Field: []*descriptorpb.FieldDescriptorProto{
			field("items", 1, str, repeated), field("next_page_token", 2, str, optional),
		}},
	}
	for _, c := range []struct {
		name    string
		extra   []*descriptorpb.DescriptorProto
		methods []*descriptorpb.MethodDescriptorProto
		want    string
	}{
		{
			name:    "pages method beside a paginated RPC",
			methods: []*descriptorpb.MethodDescriptorProto{rpc("ListX", "ListXRequest", "ListXResponse"), rpc("ListXPages", "M", "M")},
			want:    "test/v1/test.proto: test.v1.FooService.ListXPages: Java method listXPages of FooClient would clash with test.v1.FooService.ListX",
		},
		{
			name:    "async method beside an RPC",
			methods: []*descriptorpb.MethodDescriptorProto{rpc("Get", "M", "M"), rpc("GetAsync", "M", "M")},
			want:    "test/v1/test.proto: test.v1.FooService.GetAsync: Java method getAsync of FooClient would clash with test.v1.FooService.Get",
		},
		{
			name:    "an RPC named like a client method",
			methods: []*descriptorpb.MethodDescriptorProto{rpc("Methods", "M", "M")},
			want:    "test/v1/test.proto: test.v1.FooService.Methods: Java method methods of FooClient would clash with the client's own methods method",
		},
		{
			name:    "an RPC named like an Object method",
			methods: []*descriptorpb.MethodDescriptorProto{rpc("HashCode", "M", "M")},
			want:    "Java method hashCode of FooClient would clash with the client's own hashCode method",
		},
		{
			name:  "a message named like the client",
			extra: []*descriptorpb.DescriptorProto{{Name: proto.String("FooClient")}},
			want:  "test/v1/test.proto: test.v1.FooService: Java class dev.test.v1.FooClient would clash with the message test.v1.FooClient",
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			plugin, s := schema(t, append(append([]*descriptorpb.DescriptorProto(nil), msgs...), c.extra...), c.methods)
			err := Generate(plugin, s, nil)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Generate: %v\nwant an error containing %q", err, c.want)
			}
		})
	}
}

func TestTheUnnamedPackageIsRefused(t *testing.T) {
	f := &descriptorpb.FileDescriptorProto{
		Name:        proto.String("bare.proto"),
		Syntax:      proto.String("proto3"),
		Options:     &descriptorpb.FileOptions{GoPackage: proto.String("example.com/bare;bare")},
		MessageType: []*descriptorpb.DescriptorProto{{Name: proto.String("M")}},
		Service: []*descriptorpb.ServiceDescriptorProto{{
			Name:   proto.String("BareService"),
			Method: []*descriptorpb.MethodDescriptorProto{{Name: proto.String("Get"), InputType: proto.String(".M"), OutputType: proto.String(".M")}},
		}},
	}
	plugin, err := protogen.Options{}.New(&pluginpb.CodeGeneratorRequest{FileToGenerate: []string{"bare.proto"}, ProtoFile: []*descriptorpb.FileDescriptorProto{f}})
	if err != nil {
		t.Fatal(err)
	}
	s, err := model.Build(plugin, model.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "bare.proto: BareService: the file has neither a package nor a java_package"
	if err := Generate(plugin, s, nil); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Generate: %v, want an error containing %q", err, want)
	}
}

func TestParameters(t *testing.T) {
	plugin, s := schema(t, []*descriptorpb.DescriptorProto{{Name: proto.String("M")}}, []*descriptorpb.MethodDescriptorProto{rpc("Get", "M", "M")})
	for params, want := range map[string]string{
		"java_umbrella=KantoClient":               `java_umbrella="KantoClient" is not a fully qualified Java class name`,
		"java_umbrella=dev.new.Client":            `is not a fully qualified Java class name`,
		"java_nope=1":                             `unknown parameter "java_nope"`,
		"java_umbrella=dev.kanto.sdk.KantoSchema": "java_umbrella=dev.kanto.sdk.KantoSchema would clash with the schema revision's class",
	} {
		k, v, _ := strings.Cut(params, "=")
		err := Generate(plugin, s, map[string]string{k: v})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Generate(%s): %v, want an error containing %q", params, err, want)
		}
	}
	if err := Generate(plugin, s, map[string]string{"java_umbrella": "dev.test.TestClient"}); err != nil {
		t.Errorf("Generate: %v", err)
	}
}

// TestTheSchemaClassIsAlwaysWritten: the runtime's KantoSdk reads the
// revision from dev.kanto.sdk.KantoSchema, so it is written without an
// umbrella too.
func TestTheSchemaClassIsAlwaysWritten(t *testing.T) {
	plugin, s := schema(t, []*descriptorpb.DescriptorProto{{Name: proto.String("M")}}, []*descriptorpb.MethodDescriptorProto{rpc("Get", "M", "M")})
	s.Revision = "0123456789ab"
	if err := Generate(plugin, s, nil); err != nil {
		t.Fatal(err)
	}
	var src string
	for _, f := range plugin.Response().File {
		if f.GetName() == "dev/kanto/sdk/KantoSchema.java" {
			src = f.GetContent()
		}
	}
	for _, want := range []string{"package dev.kanto.sdk;", "final class KantoSchema {", `static final java.lang.String REVISION = "0123456789ab";`} {
		if !strings.Contains(src, want) {
			t.Errorf("KantoSchema.java lacks %q:\n%s", want, src)
		}
	}
}

func TestDeprecatedRPCsAreMarkedTheJavaWay(t *testing.T) {
	m := rpc("Old", "M", "M")
	m.Options = &descriptorpb.MethodOptions{Deprecated: proto.Bool(true)}
	plugin, s := schema(t, []*descriptorpb.DescriptorProto{{Name: proto.String("M")}}, []*descriptorpb.MethodDescriptorProto{m, rpc("New", "M", "M")})
	if err := Generate(plugin, s, nil); err != nil {
		t.Fatal(err)
	}
	var src string
	for _, f := range plugin.Response().File {
		if f.GetName() == "dev/test/v1/FooClient.java" {
			src = f.GetContent()
		}
	}
	for _, want := range []string{
		"   * @deprecated the schema marks test.v1.FooService.Old deprecated.\n   */\n  @java.lang.Deprecated\n  public dev.test.v1.M old(",
		"  @java.lang.Deprecated\n  public java.util.concurrent.CompletableFuture<dev.test.v1.M> oldAsync(",
	} {
		if !strings.Contains(src, want) {
			t.Errorf("FooClient.java lacks %q:\n%s", want, src)
		}
	}
	if strings.Count(src, "@java.lang.Deprecated") != 2 {
		t.Errorf("want exactly Old's two methods deprecated:\n%s", src)
	}
}

// generated runs the emitter over one hand-made file and returns what it
// wrote, by file name.
func generated(t *testing.T, f *descriptorpb.FileDescriptorProto, params map[string]string) map[string]string {
	t.Helper()
	req := &pluginpb.CodeGeneratorRequest{FileToGenerate: []string{f.GetName()}, ProtoFile: []*descriptorpb.FileDescriptorProto{f}}
	plugin, err := protogen.Options{}.New(req)
	if err != nil {
		t.Fatal(err)
	}
	s, err := model.Build(plugin, model.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := Generate(plugin, s, params); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, g := range plugin.Response().File {
		out[g.GetName()] = g.GetContent()
	}
	return out
}

func TestMessagesInsideTheOuterClass(t *testing.T) {
	for _, c := range []struct {
		messages []string
		want     string
	}{
		{[]string{"M"}, "dev.test.v1.Test.M"},
		// protoc adds OuterClass when a type has the file's own class name.
		{[]string{"M", "Test"}, "dev.test.v1.TestOuterClass.M"},
	} {
		f := &descriptorpb.FileDescriptorProto{
			Name:    proto.String("test/v1/test.proto"),
			Package: proto.String("test.v1"),
			Syntax:  proto.String("proto3"),
			Options: &descriptorpb.FileOptions{GoPackage: proto.String("example.com/test/v1;testv1"), JavaPackage: proto.String("dev.test.v1")},
			Service: []*descriptorpb.ServiceDescriptorProto{{Name: proto.String("FooService"), Method: []*descriptorpb.MethodDescriptorProto{rpc("Get", "M", "M")}}},
		}
		for _, m := range c.messages {
			f.MessageType = append(f.MessageType, &descriptorpb.DescriptorProto{Name: proto.String(m)})
		}
		src := generated(t, f, nil)["dev/test/v1/FooClient.java"]
		if !strings.Contains(src, "public "+c.want+" get("+c.want+" request)") {
			t.Errorf("messages %v: want the type %s in:\n%s", c.messages, c.want, src)
		}
	}
}

func TestADeprecatedServiceIsMarkedAndTheUmbrellaSuppressesTheWarning(t *testing.T) {
	f := &descriptorpb.FileDescriptorProto{
		Name:        proto.String("test/v1/test.proto"),
		Package:     proto.String("test.v1"),
		Syntax:      proto.String("proto3"),
		Options:     &descriptorpb.FileOptions{GoPackage: proto.String("example.com/test/v1;testv1"), JavaPackage: proto.String("dev.test.v1"), JavaMultipleFiles: proto.Bool(true)},
		MessageType: []*descriptorpb.DescriptorProto{{Name: proto.String("M")}},
		Service: []*descriptorpb.ServiceDescriptorProto{{
			Name:    proto.String("FooService"),
			Method:  []*descriptorpb.MethodDescriptorProto{rpc("Get", "M", "M")},
			Options: &descriptorpb.ServiceOptions{Deprecated: proto.Bool(true)},
		}},
	}
	out := generated(t, f, map[string]string{"java_umbrella": "dev.test.TestClient"})
	if src := out["dev/test/v1/FooClient.java"]; !strings.Contains(src, " * @deprecated the schema marks test.v1.FooService deprecated.\n */\n@java.lang.Deprecated\npublic final class FooClient") {
		t.Errorf("FooClient is not marked deprecated:\n%s", src)
	}
	umbrella := out["dev/test/TestClient.java"]
	for _, want := range []string{
		"@java.lang.SuppressWarnings(\"deprecation\")",
		"  @java.lang.Deprecated\n  public dev.test.v1.FooClient foo() {",
	} {
		if !strings.Contains(umbrella, want) {
			t.Errorf("TestClient lacks %q:\n%s", want, umbrella)
		}
	}
}
