package typescript

import (
	"strings"
	"testing"

	"github.com/kanto-api/kanto/plugins/internal/model"
	"google.golang.org/protobuf/compiler/protogen"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/types/descriptorpb"
	"google.golang.org/protobuf/types/pluginpb"
)

func TestEscapeDoc(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"ends a C comment */ here":         `ends a C comment *\/ here`,
		"@deprecated is no tag here":       `\@deprecated is no tag here`,
		"nor mid-line @param x":            `nor mid-line \@param x`,
		"nor inline {@link Foo}":           `nor inline {\@link Foo}`,
		"mail me at kanto@example.com":     "mail me at kanto@example.com",
		"a `backtick` and ${placeholder} ": "a `backtick` and ${placeholder} ",
		`a backslash \`:                    `a backslash \`,
	} {
		if got := escapeDoc(in); got != want {
			t.Errorf("escapeDoc(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestQuote(t *testing.T) {
	t.Parallel()
	if got, want := quote("a \"b\" ${c} `d` \\ <e>\n"), "\"a \\\"b\\\" ${c} `d` \\\\ <e>\\n\""; got != want {
		t.Errorf("quote = %s, want %s", got, want)
	}
}

func TestRelative(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ from, to, want string }{
		{"kanto/pokedex/v1/x_kanto.ts", "kanto/pokedex/v1/x_pb.js", "./x_pb.js"},
		{"kanto/pokedex/v1/x_kanto.ts", "kanto/geo/v1/geo_pb.js", "../../geo/v1/geo_pb.js"},
		{"kanto/pokedex/v1/x_kanto.ts", "../runtime.js", "../../../../runtime.js"},
		{"kanto_sdk.ts", "../runtime.js", "../runtime.js"},
		{"kanto_sdk.ts", "kanto/pokedex/v1/x_kanto.js", "./kanto/pokedex/v1/x_kanto.js"},
	} {
		if got := newSource(c.from).relative(c.to); got != c.want {
			t.Errorf("from %s, relative(%s) = %s, want %s", c.from, c.to, got, c.want)
		}
	}
}

// The proto building blocks of the tests below.
func msg(name string, fields ...*descriptorpb.FieldDescriptorProto) *descriptorpb.DescriptorProto {
	return &descriptorpb.DescriptorProto{Name: proto.String(name), Field: fields}
}

func field(name string, number int32, typ descriptorpb.FieldDescriptorProto_Type, label descriptorpb.FieldDescriptorProto_Label) *descriptorpb.FieldDescriptorProto {
	return &descriptorpb.FieldDescriptorProto{Name: proto.String(name), Number: proto.Int32(number), Type: typ.Enum(), Label: label.Enum(), JsonName: proto.String(protoCamelCase(name))}
}

func rpc(name, in, out string) *descriptorpb.MethodDescriptorProto {
	return &descriptorpb.MethodDescriptorProto{Name: proto.String(name), InputType: proto.String(".t.v1." + in), OutputType: proto.String(".t.v1." + out)}
}

const (
	optional = descriptorpb.FieldDescriptorProto_LABEL_OPTIONAL
	repeated = descriptorpb.FieldDescriptorProto_LABEL_REPEATED
	str      = descriptorpb.FieldDescriptorProto_TYPE_STRING
	i32      = descriptorpb.FieldDescriptorProto_TYPE_INT32
)

// generate runs the emitter over one file of package t.v1 and returns its
// error and files.
func generate(t *testing.T, messages []*descriptorpb.DescriptorProto, services ...*descriptorpb.ServiceDescriptorProto) (map[string]string, error) {
	t.Helper()
	fd := &descriptorpb.FileDescriptorProto{
		Name:        proto.String("t/v1/t.proto"),
		Package:     proto.String("t.v1"),
		Syntax:      proto.String("proto3"),
		Options:     &descriptorpb.FileOptions{GoPackage: proto.String("example.com/t/v1;tv1")},
		MessageType: messages,
		Service:     services,
	}
	if _, err := protodesc.NewFile(fd, nil); err != nil {
		t.Fatalf("test schema: %v", err)
	}
	plugin, err := protogen.Options{}.New(&pluginpb.CodeGeneratorRequest{FileToGenerate: []string{fd.GetName()}, ProtoFile: []*descriptorpb.FileDescriptorProto{fd}})
	if err != nil {
		t.Fatal(err)
	}
	s, err := model.Build(plugin, model.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := Generate(plugin, s, nil); err != nil {
		return nil, err
	}
	files := map[string]string{}
	for _, f := range plugin.Response().File {
		files[f.GetName()] = f.GetContent()
	}
	return files, nil
}

func listMessages() []*descriptorpb.DescriptorProto {
	return []*descriptorpb.DescriptorProto{
		msg("Thing", field("name", 1, str, optional)),
		msg("ListThingsRequest", field("page_size", 1, i32, optional), field("page_token", 2, str, optional)),
		msg("ListThingsResponse", field("things", 1, descriptorpb.FieldDescriptorProto_TYPE_STRING, repeated), field("next_page_token", 2, str, optional)),
	}
}

func TestNameClashesFail(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name    string
		service *descriptorpb.ServiceDescriptorProto
		want    string
	}{{
		name: "pages beside a list method",
		service: &descriptorpb.ServiceDescriptorProto{Name: proto.String("ThingService"), Method: []*descriptorpb.MethodDescriptorProto{
			rpc("ListThings", "ListThingsRequest", "ListThingsResponse"),
			rpc("ListThingsPages", "ListThingsRequest", "ListThingsResponse"),
		}},
		want: "t/v1/t.proto: t.v1.ThingService.ListThingsPages: TypeScript method listThingsPages of ThingClient would clash with t.v1.ThingService.ListThings",
	}, {
		name: "the method table",
		service: &descriptorpb.ServiceDescriptorProto{Name: proto.String("ThingService"), Method: []*descriptorpb.MethodDescriptorProto{
			rpc("Methods", "Thing", "Thing"),
		}},
		want: "t/v1/t.proto: t.v1.ThingService.Methods: TypeScript method methods of ThingClient would clash with the client's own methods member",
	}, {
		name:    "the umbrella's close",
		service: &descriptorpb.ServiceDescriptorProto{Name: proto.String("CloseService")},
		want:    "t/v1/t.proto: t.v1.CloseService: its TypeScript umbrella accessor close would clash with KantoClient's own close member",
	}} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			_, err := generate(t, listMessages(), c.service)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one containing %q", err, c.want)
			}
		})
	}
}

func TestNames(t *testing.T) {
	t.Parallel()
	messages := append(listMessages(),
		// protoc-gen-es salts clashing names: ThingSchema the message takes
		// the Schema of Thing, which becomes ThingSchema$.
		msg("ThingSchema"),
		// A keyword as a message name is escaped.
		msg("Object"),
	)
	files, err := generate(t, messages, &descriptorpb.ServiceDescriptorProto{Name: proto.String("ThingService"), Method: []*descriptorpb.MethodDescriptorProto{
		rpc("ListThings", "ListThingsRequest", "ListThingsResponse"),
		rpc("ToString", "Thing", "ThingSchema"),
		rpc("Delete", "Thing", "Object"),
	}})
	if err != nil {
		t.Fatal(err)
	}
	client := files["t/v1/t_kanto.ts"]
	for _, want := range []string{
		`toString$(request: MessageInitShape<typeof ThingSchema$>, options?: CallOptions): Promise<ThingSchema>;`,
		`delete(request: MessageInitShape<typeof ThingSchema$>, options?: CallOptions): Promise<Object$>;`,
		`listThingsItems(request?: MessageInitShape<typeof ListThingsRequestSchema>, options?: CallOptions): AsyncIterable<ListThingsResponse["things"][number]>;`,
		`unaryMethod(ThingService.method.toString$, client.toString$),`,
		`type Object$,`,
		`type ThingSchema$,`,
	} {
		if !strings.Contains(client, want) {
			t.Errorf("t_kanto.ts lacks %q:\n%s", want, client)
		}
	}
	if index := files["kanto_sdk.ts"]; !strings.Contains(index, `export * from "./t/v1/t_pb.js";`) || !strings.Contains(index, "thing: createThingClient(connections.transport(thingServiceInfo)),") {
		t.Errorf("kanto_sdk.ts:\n%s", index)
	}
}
