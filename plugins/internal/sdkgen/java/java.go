// Package java writes the Java SDK's client layer: for every service, a
// client class beside the service's messages (dev.kanto.pokedex.v1.
// PokemonClient), and, once for the schema, the umbrella client with the
// service registry (dev.kanto.sdk.KantoClient) and the schema revision
// (dev.kanto.sdk.KantoSchema, which the runtime's KantoSdk reads for the
// user agent).
//
// The code calls the hand-written runtime of sdk/java, package
// dev.kanto.sdk, for everything that names no service: channels with the
// service config and the security defaults (KantoChannels), the call
// shapes and per-client settings (ServiceClient), streams, pagination
// (Paged) and the method table (KantoMethod). Every name is fully
// qualified, as in protoc-gen-grpc-java's output, so that no message of
// the schema (one named String, Override or ServerStream) can shadow a
// type the generated code uses.
package java

import (
	"errors"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/kanto-api/kanto/plugins/internal/model"
	"github.com/kanto-api/kanto/plugins/internal/shape"
	"google.golang.org/protobuf/compiler/protogen"
)

// The runtime's package.
const rt = "dev.kanto.sdk."

// schemaClass is the class with the schema revision, in the runtime's
// package: the runtime's KantoSdk names it, so it is written whatever the
// parameters (as the umbrella is not).
const schemaClass = rt + "KantoSchema"

// Options are the Java emitter's parameters.
type Options struct {
	// Umbrella is the fully qualified class name of the umbrella client
	// (java_umbrella, such as dev.kanto.sdk.KantoClient); empty writes
	// none.
	Umbrella string
}

// parseOptions reads the java_ parameters.
func parseOptions(params map[string]string) (Options, error) {
	var o Options
	var errs []error
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := params[k]
		switch k {
		case "java_umbrella":
			if !isQualifiedName(v) {
				errs = append(errs, fmt.Errorf("protoc-gen-kanto: java_umbrella=%q is not a fully qualified Java class name such as dev.kanto.sdk.KantoClient", v))
			}
			o.Umbrella = v
		default:
			errs = append(errs, fmt.Errorf("protoc-gen-kanto: unknown parameter %q (the Java emitter takes java_umbrella)", k))
		}
	}
	return o, errors.Join(errs...)
}

// isQualifiedName reports whether s is a dotted Java name whose every part
// is an identifier and not a keyword.
func isQualifiedName(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if p == "" || keywords[p] {
			return false
		}
		for i, r := range p {
			letter := r == '_' || r == '$' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
			if !letter && (i == 0 || r < '0' || r > '9') {
				return false
			}
		}
	}
	return true
}

// clientMethods are the methods every generated client has from the
// runtime's ServiceClient, and Object's: an RPC whose Java method would
// have one of these names cannot be generated.
var clientMethods = []string{
	"withTimeout", "withHeader", "withHeaders", "withInterceptors", "methods", "serviceInfo", "copy",
	"unaryCall", "unaryCallAsync", "serverStreamCall", "serverStreamCallAsync",
	"clientStreamCall", "clientStreamCallAsync", "bidiStreamCall", "bidiStreamCallAsync", "newRequestId",
	"getClass", "hashCode", "equals", "toString", "notify", "notifyAll", "wait", "clone", "finalize",
}

// umbrellaMethods are the umbrella client's own methods besides its
// accessors.
var umbrellaMethods = []string{
	"builder", "clients", "methods", "channel", "close",
	"getClass", "hashCode", "equals", "toString", "notify", "notifyAll", "wait", "clone", "finalize",
}

// Generate writes the Java files.
func Generate(plugin *protogen.Plugin, s *model.Schema, params map[string]string) error {
	opts, err := parseOptions(params)
	if err != nil {
		return err
	}
	if err := checkNames(plugin, s, opts); err != nil {
		return err
	}
	for _, svc := range s.Services {
		pkg := javaPackage(svc.File.Proto.Desc)
		name := clientName(svc)
		g := plugin.NewGeneratedFile(javaFile(pkg, name), "")
		g.P(genService(svc))
	}
	if opts.Umbrella != "" {
		i := strings.LastIndex(opts.Umbrella, ".")
		pkg, name := opts.Umbrella[:i], opts.Umbrella[i+1:]
		g := plugin.NewGeneratedFile(javaFile(pkg, name), "")
		g.P(genUmbrella(s, pkg, name))
	}
	i := strings.LastIndex(schemaClass, ".")
	g := plugin.NewGeneratedFile(javaFile(schemaClass[:i], schemaClass[i+1:]), "")
	g.P(genSchema(s, schemaClass[:i], schemaClass[i+1:]))
	return nil
}

// genSchema writes the class that carries the schema revision.
func genSchema(s *model.Schema, pkg, name string) string {
	w := &writer{}
	header(w, "")
	w.p("package " + pkg + ";")
	w.p("")
	doc := &javadoc{}
	doc.html(name+" names the schema this code was generated from, for the SDK's user agent ({@code",
		"KantoSdk.SCHEMA_REVISION}).")
	doc.write(w)
	w.open("final class " + name + " {")
	rd := &javadoc{}
	rd.html("The schema revision: the first 12 hex digits of a SHA-256 over every file under proto/, the",
		"same in every Kanto SDK and service generated from it. Empty if the code was generated without",
		"service_config_root.")
	rd.write(w)
	w.p("static final java.lang.String REVISION = " + stringLiteral(s.Revision) + ";")
	w.p("")
	w.p("private " + name + "() {}")
	w.close("}")
	return strings.TrimSuffix(w.String(), "\n")
}

// javaFile is where a top-level class goes under the output directory.
func javaFile(pkg, class string) string {
	return path.Join(strings.ReplaceAll(pkg, ".", "/"), class+".java")
}

func clientName(svc *model.Service) string { return svc.Base + "Client" }

// accessorName is a service's method in the umbrella client.
func accessorName(svc *model.Service) string { return escapeKeyword(mixed(svc.Accessor, false)) }

// methodNames are the Java methods a client has for one RPC.
func methodNames(m *model.Method) []string {
	stem := methodStem(m.Proto)
	names := []string{escapeKeyword(stem), stem + "Async"}
	if m.Pagination != nil {
		names = append(names, stem+"Pages", stem+"Items")
	}
	return names
}

// checkNames fails on classes and methods that cannot be generated
// because their names clash, naming the file and the element.
func checkNames(plugin *protogen.Plugin, s *model.Schema, opts Options) error {
	var errs []error
	// Top-level classes of each Java package: protoc's and grpc-java's,
	// then the clients.
	classes := map[string]string{}
	for _, f := range plugin.Files {
		pkg := javaPackage(f.Desc)
		d := f.Desc
		if multipleFiles(d) {
			for i := range d.Messages().Len() {
				classes[qualify(pkg, string(d.Messages().Get(i).Name()))] = "the message " + string(d.Messages().Get(i).FullName())
			}
			for i := range d.Enums().Len() {
				classes[qualify(pkg, string(d.Enums().Get(i).Name()))] = "the enum " + string(d.Enums().Get(i).FullName())
			}
		}
		for i := range d.Services().Len() {
			sd := d.Services().Get(i)
			classes[qualify(pkg, string(sd.Name())+"Grpc")] = "the gRPC stubs of " + string(sd.FullName())
		}
		classes[qualify(pkg, outerClassName(d))] = "the outer class of " + d.Path()
	}
	for _, svc := range s.Services {
		file := svc.File.Proto.Desc.Path()
		if javaPackage(svc.File.Proto.Desc) == "" {
			// Java cannot import a class of the unnamed package into a named
			// one, as the umbrella and the users' code would need to.
			errs = append(errs, fmt.Errorf("%s: %s: the file has neither a package nor a java_package, and a Java client in the unnamed package could not be imported", file, svc.FullName))
			continue
		}
		class := qualify(javaPackage(svc.File.Proto.Desc), clientName(svc))
		if other, ok := classes[class]; ok {
			errs = append(errs, fmt.Errorf("%s: %s: Java class %s would clash with %s", file, svc.FullName, class, other))
		} else {
			classes[class] = "the client of " + svc.FullName
		}
		defined := map[string]string{}
		for _, n := range clientMethods {
			defined[n] = "the client's own " + n + " method"
		}
		for _, m := range svc.Methods {
			for _, n := range methodNames(m) {
				if other, ok := defined[n]; ok {
					errs = append(errs, fmt.Errorf("%s: %s: Java method %s of %s would clash with %s", file, m.FullName, n, clientName(svc), other))
					continue
				}
				defined[n] = m.FullName
			}
		}
	}
	if other, ok := classes[schemaClass]; ok {
		errs = append(errs, fmt.Errorf("the schema revision's class %s would clash with %s", schemaClass, other))
	}
	classes[schemaClass] = "the schema revision's class"
	if opts.Umbrella != "" {
		if other, ok := classes[opts.Umbrella]; ok {
			errs = append(errs, fmt.Errorf("java_umbrella=%s would clash with %s", opts.Umbrella, other))
		}
		defined := map[string]string{}
		for _, n := range umbrellaMethods {
			defined[n] = "the umbrella client's own " + n + " method"
		}
		for _, svc := range s.Services {
			n := accessorName(svc)
			if other, ok := defined[n]; ok {
				errs = append(errs, fmt.Errorf("%s: %s: umbrella accessor %s() would clash with %s", svc.File.Proto.Desc.Path(), svc.FullName, n, other))
				continue
			}
			defined[n] = "the accessor of " + svc.FullName
		}
	}
	return errors.Join(errs...)
}

func header(w *writer, source string) {
	w.p("// Code generated by protoc-gen-kanto. DO NOT EDIT.")
	if source != "" {
		w.p("// source: " + source)
	}
	w.p("")
}

func genService(svc *model.Service) string {
	w := &writer{}
	header(w, svc.File.Proto.Desc.Path())
	pkg := javaPackage(svc.File.Proto.Desc)
	if pkg != "" {
		w.p("package " + pkg + ";")
		w.p("")
	}
	client := clientName(svc)

	doc := &javadoc{}
	doc.html(client + " calls {@code " + svc.FullName + "}.")
	doc.para(svc.Doc.Lines...)
	doc.html(
		"Get it from the umbrella client, or construct it on a channel that applies "+
			"{@link #SERVICE_INFO}'s service config. Blocking methods throw {@link "+rt+"KantoException}; "+
			"the {@code ...Async} methods complete their future or observer with it.",
		"Clients are immutable and thread-safe; the {@code with...} methods return a changed copy. "+
			"The streams they open are not thread-safe.",
	)
	if svc.Deprecated {
		doc.tag("@deprecated the schema marks " + svc.FullName + " deprecated.")
	}
	doc.write(w)
	if svc.Deprecated {
		w.p("@java.lang.Deprecated")
	}
	w.open("public final class " + client + " extends " + rt + "ServiceClient<" + client + "> {")

	from := "(it has none)."
	if svc.ServiceConfigPath != "" {
		from = "(from {@code " + escapeDoc(svc.ServiceConfigPath) + "})."
	}
	info := &javadoc{}
	info.html("The service's name, default target ({@code google.api.default_host}) and gRPC service config", from)
	info.write(w)
	w.p("public static final " + rt + "ServiceInfo SERVICE_INFO =")
	w.indent += 2
	w.p("new " + rt + "ServiceInfo(")
	w.indent += 2
	w.p(stringLiteral(svc.FullName) + ",")
	w.p(stringLiteral(svc.DefaultHost) + ",")
	cfg := stringConcat(svc.ServiceConfig, 72)
	cfg[len(cfg)-1] += ");"
	for _, l := range cfg {
		w.p(l)
	}
	w.indent -= 4
	w.p("")

	ctor := &javadoc{}
	ctor.html("Returns a client of the service on {@code channels}, as the umbrella client makes it.")
	ctor.write(w)
	w.open("public " + client + "(" + rt + "KantoChannels channels) {")
	w.p("super(SERVICE_INFO, channels);")
	w.close("}")
	w.p("")
	ctor = &javadoc{}
	ctor.html("Returns a client that calls through {@code channel}, which should apply {@link #SERVICE_INFO}'s",
		"service config (for its timeouts and retries) and the security the service needs.")
	ctor.write(w)
	w.open("public " + client + "(io.grpc.Channel channel) {")
	w.p("super(SERVICE_INFO, channel);")
	w.close("}")
	w.p("")
	w.open("private " + client + "(" + rt + "ServiceClient.State state) {")
	w.p("super(state);")
	w.close("}")
	w.p("")
	w.p("@java.lang.Override")
	w.open("protected " + client + " copy(" + rt + "ServiceClient.State state) {")
	w.p("return new " + client + "(state);")
	w.close("}")

	for _, m := range svc.Methods {
		genMethod(w, m)
	}

	w.p("")
	mdoc := &javadoc{}
	mdoc.html("Describes every RPC of {@code "+svc.FullName+"} and calls it through this client, for",
		"programs that choose the method at run time (the conformance runners).")
	mdoc.write(w)
	w.p("@java.lang.Override")
	w.open("public java.util.List<" + rt + "KantoMethod<?, ?>> methods() {")
	if len(svc.Methods) == 0 {
		w.p("return java.util.List.of();")
	} else {
		w.p("return java.util.List.of(")
		w.indent += 2
		for i, m := range svc.Methods {
			end := ","
			if i == len(svc.Methods)-1 {
				end = ");"
			}
			w.p(rt + "KantoMethod." + tableFactory(m.Kind) + "(")
			w.indent += 2
			w.p(grpcMethodGetter(m.Proto) + ",")
			w.p(typeName(m.Input.Desc) + ".getDefaultInstance(),")
			w.p("this::" + methodName(m.Proto) + ")" + end)
			w.indent -= 2
		}
		w.indent -= 2
	}
	w.close("}")
	w.close("}")
	return strings.TrimSuffix(w.String(), "\n")
}

func tableFactory(k shape.Kind) string {
	switch k {
	case shape.ServerStream:
		return "serverStream"
	case shape.ClientStream:
		return "clientStream"
	case shape.BidiStream:
		return "bidiStream"
	}
	return "unary"
}

// methodDoc is an RPC's Javadoc: the schema's comment, what the SDK adds,
// the call policy, the REST bindings and the request's fields.
func methodDoc(m *model.Method, extra ...string) *javadoc {
	d := &javadoc{}
	if m.Doc.Empty() {
		d.html("Calls {@code " + m.FullName + "}.")
	} else {
		d.para(m.Doc.Lines...)
	}
	d.html(extra...)
	d.para(m.RequestIDText())
	d.para(m.PolicyText())
	d.para(m.HTTPText())
	d.list("Request fields:", m.FieldsText())
	return d
}

func deprecate(w *writer, d *javadoc, m *model.Method) {
	if m.Deprecated {
		d.tag("@deprecated the schema marks " + m.FullName + " deprecated.")
	}
	d.write(w)
	if m.Deprecated {
		w.p("@java.lang.Deprecated")
	}
}

func genMethod(w *writer, m *model.Method) {
	in, out := typeName(m.Input.Desc), typeName(m.Output.Desc)
	name := methodName(m.Proto)
	stem := methodStem(m.Proto)
	getter := grpcMethodGetter(m.Proto)
	throws := "@throws " + rt + "KantoException if the call fails"
	w.p("")
	switch m.Kind {
	case shape.Unary:
		var extra []string
		if m.Pagination != nil {
			extra = []string{"It returns one page; {@link #" + stem + "Pages} and {@link #" + stem + "Items} follow the page tokens."}
		}
		d := methodDoc(m, extra...)
		d.tag("@param request the request")
		d.tag("@return the response")
		d.tag(throws)
		deprecate(w, d, m)
		sig(w, "public "+out+" "+name, in+" request")
		fillRequestID(w, m)
		w.call("return unaryCall", []string{getter, "request"}, ";")
		w.close("}")

		w.p("")
		d = &javadoc{}
		d.html("Asynchronous {@link #"+name+"}: the future completes with the response, or with a {@link "+rt+"KantoException}.",
			"Cancelling it cancels the call.")
		d.tag("@param request the request")
		d.tag("@return the response, when it arrives")
		deprecate(w, d, m)
		sig(w, "public java.util.concurrent.CompletableFuture<"+out+"> "+stem+"Async", in+" request")
		fillRequestID(w, m)
		w.call("return unaryCallAsync", []string{getter, "request"}, ";")
		w.close("}")
		if m.Pagination != nil {
			genPagination(w, m)
		}
	case shape.ServerStream:
		d := methodDoc(m, "It opens a server stream: iterate over the responses, and close the stream (try-with-resources) to cancel it if you stop early.")
		d.tag("@param request the request")
		d.tag("@return the stream of responses")
		d.tag(throws)
		deprecate(w, d, m)
		sig(w, "public "+rt+"ServerStream<"+out+"> "+name, in+" request")
		w.call("return serverStreamCall", []string{getter, "request"}, ";")
		w.close("}")

		w.p("")
		d = &javadoc{}
		d.html("Asynchronous {@link #"+name+"}: the responses, then the end of the stream or its {@link "+rt+"KantoException}, go to",
			"{@code observer}; a {@link io.grpc.stub.ClientResponseObserver} gets the call in {@code beforeStart}.")
		d.tag("@param request the request")
		d.tag("@param observer receives the responses")
		deprecate(w, d, m)
		sig(w, "public void "+stem+"Async", in+" request", "io.grpc.stub.StreamObserver<"+out+"> observer")
		w.call("serverStreamCallAsync", []string{getter, "request", "observer"}, ";")
		w.close("}")
	case shape.ClientStream:
		stream := rt + "ClientStream<" + in + ", " + out + ">"
		d := methodDoc(m, "It opens a client stream: {@code send} each request, then {@code closeAndReceive} returns the response.")
		d.tag("@return the stream to send the requests on")
		deprecate(w, d, m)
		sig(w, "public "+stream+" "+name)
		w.call("return clientStreamCall", []string{getter}, ";")
		w.close("}")

		w.p("")
		d = &javadoc{}
		d.html("Sends every request of {@code requests} on one {@link #" + name + "()} stream, in order, and returns the response.")
		d.tag("@param requests the requests")
		d.tag("@return the response")
		d.tag(throws)
		deprecate(w, d, m)
		sig(w, "public "+out+" "+name, "java.lang.Iterable<"+in+"> requests")
		w.call("return clientStreamCall", []string{getter, "requests"}, ";")
		w.close("}")

		w.p("")
		d = &javadoc{}
		d.html("Asynchronous {@link #"+name+"()}: send the requests on the returned observer and end with {@code onCompleted};",
			"the response or the call's {@link "+rt+"KantoException} goes to {@code observer}.")
		d.tag("@param observer receives the response")
		d.tag("@return the observer to send the requests on")
		deprecate(w, d, m)
		sig(w, "public io.grpc.stub.StreamObserver<"+in+"> "+stem+"Async", "io.grpc.stub.StreamObserver<"+out+"> observer")
		w.call("return clientStreamCallAsync", []string{getter, "observer"}, ";")
		w.close("}")
	case shape.BidiStream:
		d := methodDoc(m, "It opens a bidirectional stream: {@code send} requests and {@code receive} responses in any order; {@code closeSend} ends the sending side.")
		d.tag("@return the stream")
		deprecate(w, d, m)
		sig(w, "public "+rt+"BidiStream<"+in+", "+out+"> "+name)
		w.call("return bidiStreamCall", []string{getter}, ";")
		w.close("}")

		w.p("")
		d = &javadoc{}
		d.html("Asynchronous {@link #"+name+"()}: send requests on the returned observer, and the responses, then the end",
			"of the stream or its {@link "+rt+"KantoException}, go to {@code observer}.")
		d.tag("@param observer receives the responses")
		d.tag("@return the observer to send the requests on")
		deprecate(w, d, m)
		sig(w, "public io.grpc.stub.StreamObserver<"+in+"> "+stem+"Async", "io.grpc.stub.StreamObserver<"+out+"> observer")
		w.call("return bidiStreamCallAsync", []string{getter, "observer"}, ";")
		w.close("}")
	}
}

// sig writes a method's signature and opens its body.
func sig(w *writer, head string, params ...string) {
	w.call(head, params, " {")
	w.indent++
}

// fillRequestID writes the AIP-155 request id filling: an empty id is
// replaced by a fresh UUID in a copy of the request, made once before the
// call, so that grpc-java's retries resend the same id.
func fillRequestID(w *writer, m *model.Method) {
	if m.RequestID == nil {
		return
	}
	stem := accessorStem(m.RequestID)
	w.open("if (request.get" + stem + "().isEmpty()) {")
	w.p("request = request.toBuilder().set" + stem + "(newRequestId()).build();")
	w.close("}")
}

func genPagination(w *writer, m *model.Method) {
	p := m.Pagination
	in, out := typeName(m.Input.Desc), typeName(m.Output.Desc)
	name := methodName(m.Proto)
	stem := methodStem(m.Proto)
	token, next, items := accessorStem(p.PageToken), accessorStem(p.NextPageToken), accessorStem(p.Items)
	w.p("")
	d := &javadoc{}
	d.html(
		"Iterates over the pages of {@link #"+name+"}, from {@code request}'s page (the first when it has no",
		"{@code "+string(p.PageToken.Desc.Name())+"}) to the last, following {@code "+string(p.NextPageToken.Desc.Name())+"}. Pages are fetched lazily, one",
		"call each with its own deadline and retries, as the iteration reaches them; each iteration starts",
		"again from {@code request}, which is not modified. A failed call throws its {@link "+rt+"KantoException}",
		"from the iterator, as does a server that answers with the token it was given (a loop).",
	)
	d.tag("@param request the first page's request")
	d.tag("@return the pages")
	deprecate(w, d, m)
	sig(w, "public "+rt+"Paged<"+out+"> "+stem+"Pages", in+" request")
	w.p("return " + rt + "Paged.pages(")
	w.indent += 2
	w.p("request,")
	w.p("this::" + name + ",")
	w.p(in + "::get" + token + ",")
	w.p("(r, token) -> r.toBuilder().set" + token + "(token).build(),")
	w.p(out + "::get" + next + ");")
	w.indent -= 2
	w.close("}")

	w.p("")
	d = &javadoc{}
	d.html("Iterates over the {@code " + string(p.Items.Desc.Name()) + "} of every page of {@link #" + name + "}; see {@link #" + stem + "Pages}.")
	d.tag("@param request the first page's request")
	d.tag("@return the items of every page")
	deprecate(w, d, m)
	sig(w, "public "+rt+"Paged<"+elementType(p.Items)+"> "+stem+"Items", in+" request")
	w.call("return "+rt+"Paged.items", []string{stem + "Pages(request)", out + "::get" + items + "List"}, ";")
	w.close("}")
}

func genUmbrella(s *model.Schema, pkg, name string) string {
	w := &writer{}
	header(w, "")
	w.p("package " + pkg + ";")
	w.p("")
	deprecated := false
	for _, svc := range s.Services {
		deprecated = deprecated || svc.Deprecated
	}
	doc := &javadoc{}
	doc.html(name+" is the umbrella client of every service of the schema: one typed client per service,",
		"each on its own channel with its own gRPC service config.")
	doc.html("<pre>{@code",
		"try ("+name+" client = "+name+".builder().build()) {",
		"  // client."+firstAccessor(s)+"()...",
		"}",
		"}</pre>")
	doc.html("Each service's target is the one {@code target(service, target)} gives it, else {@code",
		"target(target)}'s, else its {@code google.api.default_host}. Channels use TLS unless the builder",
		"asks for {@code insecure()}, and connect on their first call. A client is thread-safe and meant",
		"to be shared; close it to release its channels.")
	doc.write(w)
	if deprecated {
		w.p("@java.lang.SuppressWarnings(\"deprecation\") // it hands out the clients of deprecated services")
	}
	w.open("public final class " + name + " implements java.lang.AutoCloseable {")
	sd := &javadoc{}
	sd.html("Every service of the schema, sorted by full name: the SDK's service registry.")
	sd.write(w)
	if len(s.Services) == 0 {
		w.p("public static final java.util.List<" + rt + "ServiceInfo> SERVICES = java.util.List.of();")
	} else {
		w.p("public static final java.util.List<" + rt + "ServiceInfo> SERVICES =")
		w.indent += 2
		w.p("java.util.List.of(")
		w.indent += 2
		for i, svc := range s.Services {
			end := ","
			if i == len(s.Services)-1 {
				end = ");"
			}
			w.p(clientClass(svc) + ".SERVICE_INFO" + end)
		}
		w.indent -= 4
	}
	w.p("")
	w.p("private final " + rt + "KantoChannels channels;")
	for _, svc := range s.Services {
		w.p("private final " + clientClass(svc) + " " + fieldName(svc) + ";")
	}
	w.p("")
	w.open("private " + name + "(" + rt + "KantoChannels channels) {")
	w.p("this.channels = channels;")
	for _, svc := range s.Services {
		w.p("this." + fieldName(svc) + " = new " + clientClass(svc) + "(channels);")
	}
	w.close("}")
	w.p("")
	bd := &javadoc{}
	bd.html("Returns a builder with the defaults its methods document.")
	bd.tag("@return a new builder")
	bd.write(w)
	w.open("public static Builder builder() {")
	w.p("return new Builder();")
	w.close("}")
	for _, svc := range s.Services {
		w.p("")
		d := &javadoc{}
		d.html("Returns the client of {@code " + svc.FullName + "}.")
		d.tag("@return the client")
		if svc.Deprecated {
			d.tag("@deprecated the schema marks " + svc.FullName + " deprecated.")
		}
		d.write(w)
		if svc.Deprecated {
			w.p("@java.lang.Deprecated")
		}
		w.open("public " + clientClass(svc) + " " + accessorName(svc) + "() {")
		w.p("return " + fieldName(svc) + ";")
		w.close("}")
	}
	w.p("")
	cd := &javadoc{}
	cd.html("Returns the client of every service, in the order of {@link #SERVICES}.")
	cd.tag("@return the clients")
	cd.write(w)
	w.open("public java.util.List<" + rt + "ServiceClient<?>> clients() {")
	if len(s.Services) == 0 {
		w.p("return java.util.List.of();")
	} else {
		fields := make([]string, len(s.Services))
		for i, svc := range s.Services {
			fields[i] = fieldName(svc)
		}
		w.p("return java.util.List.of(" + strings.Join(fields, ", ") + ");")
	}
	w.close("}")
	w.p("")
	md := &javadoc{}
	md.html("Describes every RPC of every service, in the order of {@link #SERVICES}; see {@link",
		rt+"ServiceClient#methods()}.")
	md.tag("@return the methods")
	md.write(w)
	w.open("public java.util.List<" + rt + "KantoMethod<?, ?>> methods() {")
	w.p("java.util.List<" + rt + "KantoMethod<?, ?>> all = new java.util.ArrayList<>();")
	w.open("for (" + rt + "ServiceClient<?> client : clients()) {")
	w.p("all.addAll(client.methods());")
	w.close("}")
	w.p("return java.util.Collections.unmodifiableList(all);")
	w.close("}")
	w.p("")
	chd := &javadoc{}
	chd.html("Returns the channel of a service, by its full name, for the grpc-java stubs or health checks.",
		"Calls on it get the service config, the default deadlines, the keepalive, the user agent and the",
		"bearer token, but not what the typed clients add (error conversion, validation, request ids).")
	chd.tag("@param service the service's full name, such as {@code " + firstName(s) + "}")
	chd.tag("@return its channel")
	chd.tag("@throws java.lang.IllegalArgumentException if the schema has no such service")
	chd.write(w)
	w.open("public io.grpc.ManagedChannel channel(java.lang.String service) {")
	w.p("return channels.channel(service);")
	w.close("}")
	w.p("")
	cl := &javadoc{}
	cl.html("Closes every channel: calls in flight get up to five seconds to finish, then are cancelled.")
	cl.write(w)
	w.p("@java.lang.Override")
	w.open("public void close() {")
	w.p("channels.close();")
	w.close("}")
	w.p("")
	b := &javadoc{}
	b.html("Configures a {@link "+name+"}: targets, transport security, a bearer token, deadlines and",
		"more, each with the default its method documents. {@link #build()} checks the configuration.",
		"Builders are not thread-safe.")
	b.write(w)
	w.open("public static final class Builder extends " + rt + "KantoChannels.Builder<Builder> {")
	w.open("private Builder() {")
	w.p("super(SERVICES);")
	w.close("}")
	w.p("")
	w.p("@java.lang.Override")
	w.open("protected Builder self() {")
	w.p("return this;")
	w.close("}")
	w.p("")
	bb := &javadoc{}
	bb.html("Checks the configuration and builds the client.")
	bb.tag("@return the client")
	bb.tag("@throws java.lang.IllegalArgumentException if the configuration is invalid: a service without a")
	bb.tag("    target, a bearer token over plaintext to an address that is not loopback, ...")
	bb.write(w)
	w.open("public " + name + " build() {")
	w.p("return new " + name + "(buildChannels());")
	w.close("}")
	w.close("}")
	w.close("}")
	return strings.TrimSuffix(w.String(), "\n")
}

func clientClass(svc *model.Service) string {
	return qualify(javaPackage(svc.File.Proto.Desc), clientName(svc))
}

// fieldName is the umbrella's field holding a service's client.
func fieldName(svc *model.Service) string { return mixed(svc.Accessor, false) + "Client" }

func firstAccessor(s *model.Schema) string {
	if len(s.Services) == 0 {
		return "..."
	}
	return accessorName(s.Services[0])
}

func firstName(s *model.Schema) string {
	if len(s.Services) == 0 {
		return "pkg.v1.FooService"
	}
	return s.Services[0].FullName
}
