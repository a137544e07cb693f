// Package golang writes the Go SDK's client layer: for every proto package
// with services, a package <name>kanto beside the generated messages (as
// connect-go writes <name>connect) with one client per service; an
// umbrella package with a client of every service; and, for the REST
// gateway, a registry of the services' grpc-gateway handlers.
//
// The code calls the hand-written runtime github.com/kanto-api/kanto/sdk/go
// (package kanto) for everything that names no service: dialing with the
// service config, security defaults, pagination and the method tables.
package golang

import (
	"errors"
	"fmt"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/kanto-api/kanto/plugins/internal/model"
	"github.com/kanto-api/kanto/plugins/internal/shape"
	"google.golang.org/protobuf/compiler/protogen"
)

// Options are the Go emitter's parameters.
type Options struct {
	// UmbrellaPackage is the import path of the umbrella client's package;
	// empty writes none (go_umbrella).
	UmbrellaPackage string
	// RegistryPackage is the import path of the servers' registry
	// package; empty writes none (go_registry).
	RegistryPackage string
	// NoClients skips the per-package client packages, for a run that
	// writes only the registry into another module (go_clients=false).
	NoClients bool
	// GatewayFrom and GatewayTo map the import path of a proto package's
	// messages to that of its grpc-gateway handlers, when
	// protoc-gen-grpc-gateway writes them standalone into another module:
	// the prefix GatewayFrom is replaced by GatewayTo
	// (go_gateway=FROM=TO). Empty: the handlers are in the messages'
	// package.
	GatewayFrom, GatewayTo string
	// OpenAPI names the OpenAPI document that protoc-gen-openapiv2 writes
	// into the registry's directory, which the registry embeds as OpenAPI
	// (go_openapi=FILE).
	OpenAPI string
	// GoMod and GoSum are files copied verbatim to go.mod and go.sum at
	// the root of the output, so that the whole module is the output of
	// buf generate (go_mod=PATH, go_sum=PATH).
	GoMod, GoSum string
}

// ParseOptions reads the Go emitter's parameters.
func ParseOptions(params map[string]string) (Options, error) {
	var o Options
	for k, v := range params {
		switch k {
		case "go_umbrella":
			o.UmbrellaPackage = v
		case "go_registry":
			o.RegistryPackage = v
		case "go_clients":
			if v != "true" && v != "false" {
				return o, fmt.Errorf("protoc-gen-kanto: go_clients=%q: want true or false", v)
			}
			o.NoClients = v == "false"
		case "go_gateway":
			from, to, ok := strings.Cut(v, "=")
			if !ok || from == "" || to == "" {
				return o, fmt.Errorf("protoc-gen-kanto: go_gateway=%q: want FROM=TO import path prefixes", v)
			}
			o.GatewayFrom, o.GatewayTo = from, to
		case "go_openapi":
			o.OpenAPI = v
		case "go_mod":
			o.GoMod = v
		case "go_sum":
			o.GoSum = v
		default:
			return o, fmt.Errorf("protoc-gen-kanto: unknown Go parameter %q", k)
		}
	}
	return o, nil
}

// The packages the generated code imports.
const (
	runtimePkg = protogen.GoImportPath("github.com/kanto-api/kanto/sdk/go")
	grpcPkg    = protogen.GoImportPath("google.golang.org/grpc")
	protoPkg   = protogen.GoImportPath("google.golang.org/protobuf/proto")
	contextPkg = protogen.GoImportPath("context")
	errorsPkg  = protogen.GoImportPath("errors")
	iterPkg    = protogen.GoImportPath("iter")
	gwRuntime  = protogen.GoImportPath("github.com/grpc-ecosystem/grpc-gateway/v2/runtime")
)

// clientMethods are the names a generated client defines besides its
// RPCs; an RPC with one of these names cannot be generated.
var clientMethods = []string{"Close", "Methods", "Conn"}

// Generate writes the Go files.
func Generate(plugin *protogen.Plugin, s *model.Schema, opts Options) error {
	var errs []error
	// The package doc goes into the first file of each package only.
	documented := map[protogen.GoImportPath]bool{}
	var files []*model.File
	if !opts.NoClients {
		files = append(files, s.Files...)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Proto.Desc.Path() < files[j].Proto.Desc.Path() })
	for _, f := range files {
		pkg := clientPackage(f.Proto)
		if err := checkNames(f); err != nil {
			errs = append(errs, err)
			continue
		}
		g := newGoFile(plugin, clientFilename(f.Proto), pkg.path)
		header(g, f.Proto.Desc.Path())
		if !documented[pkg.path] {
			documented[pkg.path] = true
			g.P("// Package ", pkg.name, " holds the Kanto SDK's clients of the services of")
			g.P("// ", f.Proto.Desc.Package(), ". Get them from the umbrella client, or dial one")
			g.P("// service alone with its Dial function.")
		}
		g.P("package ", pkg.name)
		g.P()
		for _, svc := range f.Services {
			genService(g, svc, s.Revision)
		}
		if err := g.finish(); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	if opts.UmbrellaPackage != "" {
		if err := genUmbrella(plugin, s, protogen.GoImportPath(opts.UmbrellaPackage)); err != nil {
			return err
		}
	}
	if opts.RegistryPackage != "" {
		if err := genRegistry(plugin, s, protogen.GoImportPath(opts.RegistryPackage), opts); err != nil {
			return err
		}
	}
	for name, src := range map[string]string{"go.mod": opts.GoMod, "go.sum": opts.GoSum} {
		if src == "" {
			continue
		}
		b, err := os.ReadFile(src)
		if err != nil {
			return fmt.Errorf("protoc-gen-kanto: %w", err)
		}
		g := plugin.NewGeneratedFile(name, "")
		if _, err := g.Write(b); err != nil {
			return err
		}
	}
	return nil
}

type goPackage struct {
	name string
	path protogen.GoImportPath
}

// clientPackage is the package of a proto file's clients: <name>kanto,
// under the messages' package.
func clientPackage(f *protogen.File) goPackage {
	name := string(f.GoPackageName) + "kanto"
	return goPackage{name: name, path: protogen.GoImportPath(path.Join(string(f.GoImportPath), name))}
}

// clientFilename is the file's name relative to the output directory, as
// protoc-gen-go's paths=source_relative places the messages.
func clientFilename(f *protogen.File) string {
	dir, base := path.Split(f.Desc.Path())
	return path.Join(dir, clientPackage(f).name, strings.TrimSuffix(base, ".proto")+".kanto.go")
}

func header(g *goFile, source string) {
	g.P("// Code generated by protoc-gen-kanto. DO NOT EDIT.")
	if source != "" {
		g.P("// source: ", source)
	}
	g.P()
}

// checkNames fails on Go identifiers the file's clients cannot define.
func checkNames(f *model.File) error {
	var errs []error
	for _, svc := range f.Services {
		defined := map[string]string{}
		for _, n := range clientMethods {
			defined[n] = "the client's own " + n + " method"
		}
		for _, m := range svc.Methods {
			names := []string{m.Proto.GoName}
			if m.Pagination != nil {
				names = append(names, m.Proto.GoName+"Pages", m.Proto.GoName+"Items")
			}
			for _, n := range names {
				if other, ok := defined[n]; ok {
					errs = append(errs, fmt.Errorf("%s: %s: Go method %s of %sClient would clash with %s", f.Proto.Desc.Path(), m.FullName, n, svc.Base, other))
				}
				defined[n] = m.FullName
			}
		}
	}
	return errors.Join(errs...)
}

// comment writes lines as a Go comment.
func comment(g *goFile, lines ...string) {
	for _, l := range lines {
		if l == "" {
			g.P("//")
		} else {
			g.P("// ", l)
		}
	}
}

// paragraphs joins non-empty blocks of lines with blank lines between.
func paragraphs(blocks ...[]string) []string {
	var out []string
	for _, b := range blocks {
		if len(b) == 0 {
			continue
		}
		if len(out) > 0 {
			out = append(out, "")
		}
		out = append(out, b...)
	}
	return out
}

func lines(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

func infoName(svc *model.Service) string   { return svc.Proto.GoName + "Info" }
func clientName(svc *model.Service) string { return svc.Base + "Client" }

func genService(g *goFile, svc *model.Service, revision string) {
	msgs := svc.File.Proto.GoImportPath
	client := clientName(svc)
	info := infoName(svc)

	comment(g, info+" describes "+svc.FullName+" to the Kanto SDK runtime: its")
	comment(g, "name, default target (google.api.default_host), the revision of the")
	comment(g, "schema this code came from, and its gRPC service config")
	if svc.ServiceConfigPath != "" {
		comment(g, "(from "+svc.ServiceConfigPath+").")
	} else {
		comment(g, "(it has none).")
	}
	g.P("var ", info, " = ", runtimePkg.Ident("ServiceInfo"), "{")
	g.P("Name: ", strconv.Quote(svc.FullName), ",")
	g.P("DefaultTarget: ", strconv.Quote(svc.DefaultHost), ",")
	g.P("ServiceConfig: ", strconv.Quote(svc.ServiceConfig), ",")
	g.P("SchemaRevision: ", strconv.Quote(revision), ",")
	g.P("}")
	g.P()

	doc := paragraphs(
		[]string{fmt.Sprintf("%s calls %s.", client, svc.FullName)},
		svc.Doc.Lines,
		[]string{"It is safe for concurrent use; the streams it opens are not."},
	)
	if svc.Deprecated {
		doc = paragraphs(doc, []string{"Deprecated: the schema marks " + svc.FullName + " deprecated."})
	}
	comment(g, doc...)
	g.P("type ", client, " struct {")
	g.P("stub ", msgs.Ident(svc.Proto.GoName+"Client"))
	g.P("// conn is the connection Dial", svc.Base, " made, closed by Close; nil when the")
	g.P("// caller passed its own.")
	g.P("conn *", grpcPkg.Ident("ClientConn"))
	g.P("}")
	g.P()

	comment(g,
		"New"+client+" returns a client that calls through cc. cc should apply",
		info+"'s service config, as the connections of kanto.Dial do;",
		"Close does not close it.",
	)
	g.P("func New", client, "(cc ", grpcPkg.Ident("ClientConnInterface"), ") *", client, " {")
	g.P("return &", client, "{stub: ", msgs.Ident("New"+svc.Proto.GoName+"Client"), "(cc)}")
	g.P("}")
	g.P()

	comment(g,
		"Dial"+svc.Base+" connects to "+svc.FullName+" with the options: the",
		"target of WithTarget or WithServiceTarget, else "+targetText(svc)+"; TLS",
		"unless WithInsecure; the service config's deadlines and retries. It",
		"does not wait for the connection. Close the client when done.",
	)
	g.P("func Dial", svc.Base, "(opts ...", runtimePkg.Ident("Option"), ") (*", client, ", error) {")
	g.P("conn, err := ", runtimePkg.Ident("Dial"), "(", info, ", opts...)")
	g.P("if err != nil {")
	g.P("return nil, err")
	g.P("}")
	g.P("c := New", client, "(conn)")
	g.P("c.conn = conn")
	g.P("return c, nil")
	g.P("}")
	g.P()

	comment(g, "Close closes the connection Dial"+svc.Base+" made; on a client of New"+client+" it does nothing.")
	g.P("func (c *", client, ") Close() error {")
	g.P("if c.conn == nil {")
	g.P("return nil")
	g.P("}")
	g.P("return c.conn.Close()")
	g.P("}")
	g.P()

	for _, m := range svc.Methods {
		genMethod(g, svc, m)
	}

	comment(g,
		"Methods describes every RPC of "+svc.FullName+" and calls it through c, for",
		"programs that choose the method at run time (the conformance runners).",
	)
	g.P("func (c *", client, ") Methods() []", runtimePkg.Ident("Method"), " {")
	g.P("return []", runtimePkg.Ident("Method"), "{")
	for _, m := range svc.Methods {
		g.P(runtimePkg.Ident(methodCtor(m.Kind)), "(", info, ".Name, ", strconv.Quote(m.Name), ", c.", m.Proto.GoName, "),")
	}
	g.P("}")
	g.P("}")
	g.P()
}

func targetText(svc *model.Service) string {
	if svc.DefaultHost == "" {
		return "none (the schema names no default host, so a target is required)"
	}
	return svc.DefaultHost + " (google.api.default_host)"
}

func methodCtor(k shape.Kind) string {
	switch k {
	case shape.ServerStream:
		return "ServerStreamMethod"
	case shape.ClientStream:
		return "ClientStreamMethod"
	case shape.BidiStream:
		return "BidiStreamMethod"
	}
	return "UnaryMethod"
}

// methodDoc is a method's doc comment: the schema's comment, what the SDK
// adds, the call policy, the REST bindings and the request's fields.
func methodDoc(m *model.Method, extra ...string) []string {
	doc := m.Doc.Lines
	if len(doc) == 0 {
		doc = []string{m.Proto.GoName + " calls " + m.FullName + "."}
	}
	var fields []string
	if fl := m.FieldsText(); len(fl) > 0 {
		fields = append(fields, "Request fields:")
		for _, l := range fl {
			fields = append(fields, "  - "+l)
		}
	}
	out := paragraphs(doc, extra, lines(m.RequestIDText()), lines(m.PolicyText()), lines(m.HTTPText()), fields)
	if m.Deprecated {
		out = paragraphs(out, []string{"Deprecated: the schema marks " + m.FullName + " deprecated."})
	}
	return out
}

func genMethod(g *goFile, svc *model.Service, m *model.Method) {
	client := clientName(svc)
	in, out := g.QualifiedGoIdent(m.Input.GoIdent), g.QualifiedGoIdent(m.Output.GoIdent)
	ctx := g.QualifiedGoIdent(contextPkg.Ident("Context"))
	callOpt := g.QualifiedGoIdent(grpcPkg.Ident("CallOption"))
	name := m.Proto.GoName
	switch m.Kind {
	case shape.Unary:
		var extra []string
		if m.Pagination != nil {
			extra = []string{fmt.Sprintf("It returns one page; %s and %s follow the page tokens.", name+"Pages", name+"Items")}
		}
		comment(g, methodDoc(m, extra...)...)
		g.P("func (c *", client, ") ", name, "(ctx ", ctx, ", req *", in, ", opts ...", callOpt, ") (*", out, ", error) {")
		if m.RequestID != nil {
			f := m.RequestID
			g.P("if req != nil && req.Get", f.GoName, "() == \"\" {")
			g.P("// A copy: the caller's request stays as it was.")
			g.P("req = ", protoPkg.Ident("CloneOf"), "(req)")
			if f.Desc.HasPresence() {
				g.P("req.", f.GoName, " = ", protoPkg.Ident("String"), "(", runtimePkg.Ident("NewRequestID"), "())")
			} else {
				g.P("req.", f.GoName, " = ", runtimePkg.Ident("NewRequestID"), "()")
			}
			g.P("}")
		}
		g.P("return c.stub.", name, "(ctx, req, opts...)")
		g.P("}")
		g.P()
		if m.Pagination != nil {
			genPagination(g, svc, m)
		}
	case shape.ServerStream:
		comment(g, methodDoc(m, "It opens a server stream: Recv each response until io.EOF or an error. Cancel ctx to end it early.")...)
		g.P("func (c *", client, ") ", name, "(ctx ", ctx, ", req *", in, ", opts ...", callOpt, ") (", grpcPkg.Ident("ServerStreamingClient"), "[", out, "], error) {")
		g.P("return c.stub.", name, "(ctx, req, opts...)")
		g.P("}")
		g.P()
	case shape.ClientStream:
		comment(g, methodDoc(m, "It opens a client stream: Send each request, then CloseAndRecv returns the response.")...)
		g.P("func (c *", client, ") ", name, "(ctx ", ctx, ", opts ...", callOpt, ") (", grpcPkg.Ident("ClientStreamingClient"), "[", in, ", ", out, "], error) {")
		g.P("return c.stub.", name, "(ctx, opts...)")
		g.P("}")
		g.P()
	case shape.BidiStream:
		comment(g, methodDoc(m, "It opens a bidirectional stream: Send requests and Recv responses in any order; CloseSend ends the sending side.")...)
		g.P("func (c *", client, ") ", name, "(ctx ", ctx, ", opts ...", callOpt, ") (", grpcPkg.Ident("BidiStreamingClient"), "[", in, ", ", out, "], error) {")
		g.P("return c.stub.", name, "(ctx, opts...)")
		g.P("}")
		g.P()
	}
}

func genPagination(g *goFile, svc *model.Service, m *model.Method) {
	client := clientName(svc)
	p := m.Pagination
	in, out := g.QualifiedGoIdent(m.Input.GoIdent), g.QualifiedGoIdent(m.Output.GoIdent)
	ctx := g.QualifiedGoIdent(contextPkg.Ident("Context"))
	callOpt := g.QualifiedGoIdent(grpcPkg.Ident("CallOption"))
	seq2 := g.QualifiedGoIdent(iterPkg.Ident("Seq2"))
	name := m.Proto.GoName

	comment(g,
		name+"Pages iterates over the pages of "+name+", from req's page (the",
		"first when req has no "+string(p.PageToken.Desc.Name())+") to the last, following "+string(p.NextPageToken.Desc.Name())+".",
		"req may be nil and is not modified. Each page is one call with its own",
		"deadline; ctx bounds the iteration. An error is yielded once, with a nil",
		"page, and ends it; leaving the loop early makes no further calls.",
	)
	g.P("func (c *", client, ") ", name, "Pages(ctx ", ctx, ", req *", in, ", opts ...", callOpt, ") ", seq2, "[*", out, ", error] {")
	g.P("return ", runtimePkg.Ident("Pages"), "(ctx, req, c.", name, ", func(r *", in, ", token string) { r.", p.PageToken.GoName, " = token }, opts...)")
	g.P("}")
	g.P()

	item := itemType(g, p)
	comment(g,
		name+"Items iterates over the "+string(p.Items.Desc.Name())+" of every page of "+name+"; see",
		name+"Pages. An error is yielded once, with a zero item, and ends it.",
	)
	g.P("func (c *", client, ") ", name, "Items(ctx ", ctx, ", req *", in, ", opts ...", callOpt, ") ", seq2, "[", item, ", error] {")
	g.P("return ", runtimePkg.Ident("Items"), "(c.", name, "Pages(ctx, req, opts...), (*", out, ").Get", p.Items.GoName, ")")
	g.P("}")
	g.P()
}

// itemType is the Go type of one element of the items field.
func itemType(g *goFile, p *model.Pagination) string {
	switch {
	case p.ItemMessage != nil:
		return "*" + g.QualifiedGoIdent(p.ItemMessage.GoIdent)
	case p.ItemEnum != nil:
		return g.QualifiedGoIdent(p.ItemEnum.GoIdent)
	}
	return goScalar[p.Items.Desc.Kind().String()]
}

var goScalar = map[string]string{
	"bool": "bool", "string": "string", "bytes": "[]byte",
	"int32": "int32", "sint32": "int32", "sfixed32": "int32",
	"int64": "int64", "sint64": "int64", "sfixed64": "int64",
	"uint32": "uint32", "fixed32": "uint32", "uint64": "uint64", "fixed64": "uint64",
	"float": "float32", "double": "float64",
}

// genUmbrella writes the umbrella package: one Client with a client of
// every service.
func genUmbrella(plugin *protogen.Plugin, s *model.Schema, pkg protogen.GoImportPath) error {
	name := path.Base(string(pkg))
	g := newGoFile(plugin, name+"/"+name+".kanto.go", pkg)
	header(g, "")
	comment(g,
		"Package "+name+" is the umbrella client of every service of the schema:",
		"one Client with a typed client per service, each on its own",
		"connection with its own service config.",
	)
	g.P("package ", name)
	g.P()
	comment(g, "Services describes every service of the schema, sorted by full name.")
	g.P("var Services = []", runtimePkg.Ident("ServiceInfo"), "{")
	for _, svc := range s.Services {
		g.P(clientPackage(svc.File.Proto).path.Ident(infoName(svc)), ",")
	}
	g.P("}")
	g.P()
	comment(g,
		"A Client holds a client of every service. Create it with New and Close",
		"it when done. It is safe for concurrent use.",
	)
	g.P("type Client struct {")
	g.P("conns []*", grpcPkg.Ident("ClientConn"))
	for _, svc := range s.Services {
		g.P(fieldName(svc), " *", clientPackage(svc.File.Proto).path.Ident(clientName(svc)))
	}
	g.P("}")
	g.P()
	comment(g,
		"New returns a Client whose every service is dialed with opts: each at",
		"the target WithServiceTarget gives it, else WithTarget's, else its",
		"google.api.default_host. It fails on invalid options, such as a bearer",
		"token over plaintext to an address that is not loopback; it does not",
		"wait for connections.",
	)
	g.P("func New(opts ...", runtimePkg.Ident("Option"), ") (*Client, error) {")
	g.P("d, err := ", runtimePkg.Ident("NewDialer"), "(opts...)")
	g.P("if err != nil {")
	g.P("return nil, err")
	g.P("}")
	g.P("c := &Client{}")
	g.P("dial := func(info ", runtimePkg.Ident("ServiceInfo"), ") (*", grpcPkg.Ident("ClientConn"), ", error) {")
	g.P("conn, err := d.Dial(info)")
	g.P("if err == nil {")
	g.P("c.conns = append(c.conns, conn)")
	g.P("}")
	g.P("return conn, err")
	g.P("}")
	for _, svc := range s.Services {
		cp := clientPackage(svc.File.Proto).path
		v := fieldName(svc)
		g.P("conn", svc.Accessor, ", err := dial(", cp.Ident(infoName(svc)), ")")
		g.P("if err != nil {")
		g.P("return nil, ", errorsPkg.Ident("Join"), "(err, c.Close())")
		g.P("}")
		g.P("c.", v, " = ", cp.Ident("New"+clientName(svc)), "(conn", svc.Accessor, ")")
	}
	g.P("return c, nil")
	g.P("}")
	g.P()
	for _, svc := range s.Services {
		comment(g, svc.Accessor+" returns the client of "+svc.FullName+".")
		if svc.Deprecated {
			comment(g, "", "Deprecated: the schema marks "+svc.FullName+" deprecated.")
		}
		g.P("func (c *Client) ", svc.Accessor, "() *", clientPackage(svc.File.Proto).path.Ident(clientName(svc)), " { return c.", fieldName(svc), " }")
		g.P()
	}
	comment(g, "Methods describes every RPC of every service, in the order of Services.")
	g.P("func (c *Client) Methods() []", runtimePkg.Ident("Method"), " {")
	g.P("var out []", runtimePkg.Ident("Method"))
	for _, svc := range s.Services {
		g.P("out = append(out, c.", fieldName(svc), ".Methods()...)")
	}
	g.P("return out")
	g.P("}")
	g.P()
	comment(g, "Close closes every connection. Calls in flight fail with CANCELED.")
	g.P("func (c *Client) Close() (err error) {")
	g.P("for _, conn := range c.conns {")
	g.P("err = ", errorsPkg.Ident("Join"), "(err, conn.Close())")
	g.P("}")
	g.P("c.conns = nil")
	g.P("return err")
	g.P("}")
	return g.finish()
}

// genRegistry writes the servers' registry: every service of the schema
// with the binary that serves it and, for services with REST bindings, the
// grpc-gateway function that registers their handlers. The launcher and
// the REST gateway read it, so neither keeps a list of services.
func genRegistry(plugin *protogen.Plugin, s *model.Schema, pkg protogen.GoImportPath, opts Options) error {
	name := path.Base(string(pkg))
	g := newGoFile(plugin, name+"/"+name+".kanto.go", pkg)
	header(g, "")
	comment(g,
		"Package "+name+" lists every service of the schema for the servers' side:",
		"the launcher starts the binary of each, and the REST gateway serves",
		"those with google.api.http bindings.",
	)
	g.P("package ", name)
	g.P()
	if opts.OpenAPI != "" {
		g.Import("embed")
		comment(g,
			"OpenAPI is the OpenAPI document of the REST API that protoc-gen-openapiv2",
			"writes from the google.api.http bindings, for the gateway to serve.",
			"",
		)
		g.P("//go:embed ", opts.OpenAPI)
		g.P("var OpenAPI []byte")
		g.P()
	}
	comment(g,
		"SchemaRevision identifies the schema this code came from: a digest of",
		"every file under proto/. The services log a caller's skew from it.",
	)
	g.P("const SchemaRevision = ", strconv.Quote(s.Revision))
	g.P()
	comment(g, "A Service is one service of the schema.")
	g.P("type Service struct {")
	g.P("Info ", runtimePkg.Ident("ServiceInfo"))
	comment(g,
		"Component is the binary that serves it: its proto package's name",
		"without prefix and version (\"pokedex\" for kanto.pokedex.v1),",
		"built from services/<component>/cmd/<component>.",
	)
	g.P("Component string")
	comment(g,
		"RegisterGateway registers the service's REST handlers on mux, calling",
		"the service through conn; nil for a service without REST bindings.",
	)
	g.P("RegisterGateway func(", contextPkg.Ident("Context"), ", *", gwRuntime.Ident("ServeMux"), ", *", grpcPkg.Ident("ClientConn"), ") error")
	g.P("}")
	g.P()
	comment(g, "Services are every service of the schema, sorted by full name.")
	g.P("var Services = []Service{")
	for _, svc := range s.Services {
		register := "nil"
		if hasHTTP(svc) {
			gw := svc.File.Proto.GoImportPath
			if opts.GatewayFrom != "" {
				gw = protogen.GoImportPath(opts.GatewayTo + strings.TrimPrefix(string(gw), opts.GatewayFrom))
				g.names[string(gw)] = string(svc.File.Proto.GoPackageName) + "gw"
			}
			register = g.QualifiedGoIdent(gw.Ident("Register" + svc.Proto.GoName + "Handler"))
		}
		g.P("{Info: ", clientPackage(svc.File.Proto).path.Ident(infoName(svc)), ", Component: ", strconv.Quote(svc.Package.Component), ", RegisterGateway: ", register, "},")
	}
	g.P("}")
	return g.finish()
}

func hasHTTP(svc *model.Service) bool {
	for _, m := range svc.Methods {
		if len(m.HTTP) > 0 {
			return true
		}
	}
	return false
}

// fieldName is the umbrella's field of a service's client; the suffix
// keeps it from being a Go keyword (a service named TypeService).
func fieldName(svc *model.Service) string { return lowerFirst(svc.Accessor) + "Client" }

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
