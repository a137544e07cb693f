package python

import (
	"strings"
	"testing"

	"github.com/kanto-api/kanto/plugins/internal/model"
	"google.golang.org/protobuf/compiler/protogen"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"
	"google.golang.org/protobuf/types/pluginpb"
)

func TestSnake(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"GetPokemon":       "get_pokemon",
		"BatchGetPokemon":  "batch_get_pokemon",
		"RoutePlanner":     "route_planner",
		"PokedexV1Pokemon": "pokedex_v1_pokemon",
		"GetHTTPRule":      "get_http_rule",
		"ListV2Items":      "list_v2_items",
		"Class":            "class",
		"Snake_Case":       "snake_case",
		"A":                "a",
	} {
		if got := snake(in); got != want {
			t.Errorf("snake(%q) = %q, want %q", in, got, want)
		}
	}
	if got := escape(snake("Import")); got != "import_" {
		t.Errorf("escape(import) = %q", got)
	}
	if got := escape("match"); got != "match" {
		t.Errorf("a soft keyword stays: got %q", got)
	}
}

func TestLiteral(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"":                    `""`,
		"127.0.0.1:7001":      `"127.0.0.1:7001"`,
		`{"a":"b"}`:           `'{"a":"b"}'`,
		`it's`:                `"it's"`,
		`"x" 'y'`:             `"\"x\" 'y'"`,
		"back\\slash\nnew\tx": `"back\\slash\nnew\tx"`,
		"bell\x07":            `"bell\x07"`,
	} {
		if got := literal(in); got != want {
			t.Errorf("literal(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestDocstring(t *testing.T) {
	t.Parallel()
	w := &writer{}
	w.docstring(1, []string{
		`"Quoted" start, a docstring end """ and four """"`,
		`a backslash \ and a trailing one \`,
		"",
		"\tindented by a tab",
		"   three spaces",
	})
	want := `    """\"Quoted" start, a docstring end ""\" and four ""\""
    a backslash \\ and a trailing one \\

        indented by a tab
       three spaces
    """
`
	if got := w.String(); got != want {
		t.Errorf("docstring:\n%s\nwant:\n%s", got, want)
	}

	w = &writer{}
	w.docstring(2, []string{`Ends with a quote: "x"`})
	if got, want := w.String(), `        """Ends with a quote: "x\""""`+"\n"; got != want {
		t.Errorf("one-line docstring = %q, want %q", got, want)
	}

	w = &writer{}
	w.docstring(0, []string{"", "  ", "Only", "  deeper"})
	if got, want := w.String(), "\"\"\"Only\ndeeper\n\"\"\"\n"; got != want {
		t.Errorf("docstring = %q, want %q (blank ends dropped, common indent removed)", got, want)
	}
}

func TestSignatureSplitsLongAnnotations(t *testing.T) {
	t.Parallel()
	w := &writer{}
	long := strings.Repeat("x", 50)
	w.signature(1, false, "f", []string{"self"}, typeExpr{name: "_rt.BidiStream", args: []string{long + ".A", long + ".B"}})
	w.signature(1, false, "g", []string{"self"}, typeExpr{name: "Iterator", args: []string{long + "." + long}})
	want := "    def f(\n        self,\n    ) -> _rt.BidiStream[\n        " + long + ".A,\n        " + long + ".B,\n    ]:\n" +
		"    def g(\n        self,\n    ) -> Iterator[\n        " + long + "." + long + "\n    ]:\n"
	if got := w.String(); got != want {
		t.Errorf("signatures:\n%s\nwant:\n%s", got, want)
	}
}

// files builds protogen files from descriptors, as protoc would send them.
func files(t *testing.T, fds ...*descriptorpb.FileDescriptorProto) *protogen.Plugin {
	t.Helper()
	req := &pluginpb.CodeGeneratorRequest{}
	for _, fd := range fds {
		req.ProtoFile = append(req.ProtoFile, fd)
		req.FileToGenerate = append(req.FileToGenerate, fd.GetName())
	}
	// Check that the descriptors hold together before protogen does.
	if _, err := protodesc.NewFiles(&descriptorpb.FileDescriptorSet{File: fds}); err != nil {
		t.Fatal(err)
	}
	plugin, err := protogen.Options{}.New(req)
	if err != nil {
		t.Fatal(err)
	}
	return plugin
}

func file(name, pkg string, messages []*descriptorpb.DescriptorProto, services ...*descriptorpb.ServiceDescriptorProto) *descriptorpb.FileDescriptorProto {
	return &descriptorpb.FileDescriptorProto{
		Name:        proto.String(name),
		Package:     proto.String(pkg),
		Syntax:      proto.String("proto3"),
		Options:     &descriptorpb.FileOptions{GoPackage: proto.String("example.com/" + strings.ReplaceAll(pkg, ".", "/"))},
		MessageType: messages,
		Service:     services,
	}
}

func message(name string, fields ...*descriptorpb.FieldDescriptorProto) *descriptorpb.DescriptorProto {
	return &descriptorpb.DescriptorProto{Name: proto.String(name), Field: fields}
}

func field(name string, number int32, typ descriptorpb.FieldDescriptorProto_Type, label descriptorpb.FieldDescriptorProto_Label, typeName string) *descriptorpb.FieldDescriptorProto {
	f := &descriptorpb.FieldDescriptorProto{
		Name: proto.String(name), Number: proto.Int32(number), Type: typ.Enum(), Label: label.Enum(), JsonName: proto.String(name),
	}
	if typeName != "" {
		f.TypeName = proto.String(typeName)
	}
	return f
}

func svcProto(name string, methods ...*descriptorpb.MethodDescriptorProto) *descriptorpb.ServiceDescriptorProto {
	return &descriptorpb.ServiceDescriptorProto{Name: proto.String(name), Method: methods}
}

func rpc(name, in, out string) *descriptorpb.MethodDescriptorProto {
	return &descriptorpb.MethodDescriptorProto{Name: proto.String(name), InputType: proto.String(in), OutputType: proto.String(out)}
}

const (
	optional = descriptorpb.FieldDescriptorProto_LABEL_OPTIONAL
	repeated = descriptorpb.FieldDescriptorProto_LABEL_REPEATED
	str      = descriptorpb.FieldDescriptorProto_TYPE_STRING
	i32      = descriptorpb.FieldDescriptorProto_TYPE_INT32
	msg      = descriptorpb.FieldDescriptorProto_TYPE_MESSAGE
)

func generate(t *testing.T, params map[string]string, fds ...*descriptorpb.FileDescriptorProto) (map[string]string, error) {
	t.Helper()
	plugin := files(t, fds...)
	s, err := model.Build(plugin, model.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := Generate(plugin, s, params); err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, f := range plugin.Response().File {
		out[f.GetName()] = f.GetContent()
	}
	return out, nil
}

func TestClashesFailWithTheFileAndElement(t *testing.T) {
	t.Parallel()
	shop := file("acme/shop/v1/shop.proto", "acme.shop.v1",
		[]*descriptorpb.DescriptorProto{
			message("ListOrdersRequest", field("page_size", 1, i32, optional, ""), field("page_token", 2, str, optional, "")),
			message("ListOrdersResponse", field("orders", 1, msg, repeated, ".acme.shop.v1.Item"), field("next_page_token", 2, str, optional, "")),
			message("Item"),
		},
		svcProto("OrderService",
			rpc("ListOrders", ".acme.shop.v1.ListOrdersRequest", ".acme.shop.v1.ListOrdersResponse"),
			rpc("ListOrdersPages", ".acme.shop.v1.Item", ".acme.shop.v1.Item"),
			rpc("Close", ".acme.shop.v1.Item", ".acme.shop.v1.Item"),
			rpc("Methods", ".acme.shop.v1.Item", ".acme.shop.v1.Item"),
		),
	)
	_, err := generate(t, nil, shop)
	if err == nil {
		t.Fatal("generation succeeded")
	}
	for _, want := range []string{
		"acme/shop/v1/shop.proto: acme.shop.v1.OrderService.ListOrdersPages: Python method list_orders_pages of OrderClient would clash with acme.shop.v1.OrderService.ListOrders",
		"acme/shop/v1/shop.proto: acme.shop.v1.OrderService.Close: Python method close of OrderClient would clash with the client's own close",
		"acme/shop/v1/shop.proto: acme.shop.v1.OrderService.Methods: Python method methods of OrderClient would clash with the client's own methods",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

func TestUmbrellaClashes(t *testing.T) {
	t.Parallel()
	empty := []*descriptorpb.DescriptorProto{message("Req")}
	a := file("acme/a/v1/a.proto", "acme.a.v1", empty, svcProto("KantoService"), svcProto("CloseService"))
	_, err := generate(t, map[string]string{"python_umbrella": "acme.clients_kanto"}, a)
	if err == nil {
		t.Fatal("generation succeeded")
	}
	for _, want := range []string{
		"acme/a/v1/a.proto: acme.a.v1.KantoService: its package-wide Python name KantoClient would clash with the umbrella client",
		"acme/a/v1/a.proto: acme.a.v1.CloseService: its umbrella accessor close would clash with the umbrella client's own close",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

func TestKeywordTypesFail(t *testing.T) {
	t.Parallel()
	f := file("acme/k/v1/k.proto", "acme.k.v1",
		[]*descriptorpb.DescriptorProto{message("None"), message("Ok")},
		svcProto("KeywordService", rpc("Get", ".acme.k.v1.None", ".acme.k.v1.Ok")),
	)
	_, err := generate(t, nil, f)
	want := `acme/k/v1/k.proto: request type acme.k.v1.None: "None" is a Python keyword`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error = %v, want one with %q", err, want)
	}
}

func TestParameters(t *testing.T) {
	t.Parallel()
	f := file("acme/p/v1/p.proto", "acme.p.v1", []*descriptorpb.DescriptorProto{message("M")}, svcProto("PService", rpc("Get", ".acme.p.v1.M", ".acme.p.v1.M")))
	if _, err := generate(t, map[string]string{"python_umbrela": "x"}, f); err == nil || !strings.Contains(err.Error(), "unknown parameter python_umbrela") {
		t.Errorf("a misspelt parameter: error = %v", err)
	}
	if _, err := generate(t, map[string]string{"python_umbrella": "acme.class.clients"}, f); err == nil || !strings.Contains(err.Error(), "is not a Python module name") {
		t.Errorf("a keyword in the module: error = %v", err)
	}
	out, err := generate(t, map[string]string{"python_umbrella": "acme.clients_kanto"}, f)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"acme/p/v1/p_kanto.py", "acme/clients_kanto.py"} {
		if !strings.HasPrefix(out[name], "# Code generated by protoc-gen-kanto. DO NOT EDIT.\n") {
			t.Errorf("%s: missing or without the generated header", name)
		}
	}
}

func TestAliasesOfModulesWithOneName(t *testing.T) {
	t.Parallel()
	m := []*descriptorpb.DescriptorProto{message("Pokemon")}
	v1 := file("kanto/pokedex/v1/pokemon.proto", "kanto.pokedex.v1", m)
	v2 := file("kanto/pokedex/v2/pokemon.proto", "kanto.pokedex.v2", m)
	other := file("acme/other-file.proto", "acme", m)
	plugin := files(t, v1, v2, other)
	var fds []protoreflect.FileDescriptor
	for _, f := range plugin.Files {
		fds = append(fds, f.Desc)
	}
	got := aliases(fds)
	want := map[string]string{
		"kanto.pokedex.v1.pokemon_pb2": "v1_pokemon_pb2",
		"kanto.pokedex.v2.pokemon_pb2": "v2_pokemon_pb2",
		"acme.other_file_pb2":          "other_file_pb2",
	}
	for mod, alias := range want {
		if got[mod] != alias {
			t.Errorf("alias of %s = %q, want %q", mod, got[mod], alias)
		}
	}
}

func TestDeprecatedServiceAndMethod(t *testing.T) {
	t.Parallel()
	old := svcProto("OldService", rpc("Get", ".acme.d.v1.M", ".acme.d.v1.M"))
	old.Options = &descriptorpb.ServiceOptions{Deprecated: proto.Bool(true)}
	old.Method[0].Options = &descriptorpb.MethodOptions{Deprecated: proto.Bool(true)}
	f := file("acme/d/v1/d.proto", "acme.d.v1", []*descriptorpb.DescriptorProto{message("M")}, old)
	out, err := generate(t, map[string]string{"python_umbrella": "acme.clients_kanto"}, f)
	if err != nil {
		t.Fatal(err)
	}
	clients := out["acme/d/v1/d_kanto.py"]
	for _, want := range []string{
		"import warnings\n",
		"        deprecated=True,\n",
		"Deprecated: the schema marks acme.d.v1.OldService deprecated; creating a client of it alone emits a DeprecationWarning.",
		"Deprecated: the schema marks acme.d.v1.OldService.Get deprecated; calling it emits a DeprecationWarning.",
		"        warnings.warn(\n            \"acme.d.v1.OldService.Get is deprecated\",\n            DeprecationWarning,\n            stacklevel=2,\n        )\n",
	} {
		if !strings.Contains(clients, want) {
			t.Errorf("d_kanto.py lacks %q:\n%s", want, clients)
		}
	}
	if want := "Deprecated: the schema marks acme.d.v1.OldService deprecated."; !strings.Contains(out["acme/clients_kanto.py"], want) {
		t.Errorf("the umbrella's accessor lacks %q", want)
	}
}

func TestModulesPythonCannotImport(t *testing.T) {
	t.Parallel()
	f := file("acme/class/v1/c.proto", "acme.class.v1", []*descriptorpb.DescriptorProto{message("M")}, svcProto("CService", rpc("Get", ".acme.class.v1.M", ".acme.class.v1.M")))
	_, err := generate(t, nil, f)
	want := `acme/class/v1/c.proto: the Python module acme.class.v1.c_kanto cannot be imported: "class" is not a Python identifier`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error = %v, want one with %q", err, want)
	}
	dashed := file("acme/my-api/v1/my-file.proto", "acme.myapi.v1", []*descriptorpb.DescriptorProto{message("M")}, svcProto("DService", rpc("Get", ".acme.myapi.v1.M", ".acme.myapi.v1.M")))
	out, err := generate(t, nil, dashed)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := out["acme/my_api/v1/my_file_kanto.py"]; !ok {
		t.Errorf("the clients of a dashed path are not beside protoc's acme/my_api/v1/my_file_pb2.py: %v", out)
	}
	if !strings.Contains(out["acme/my_api/v1/my_file_kanto.py"], "from acme.my_api.v1 import my_file_pb2\n") {
		t.Errorf("the messages module of a dashed path is not imported as protoc names it")
	}
}
