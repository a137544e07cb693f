package typescript

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"google.golang.org/protobuf/compiler/protogen"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// indexFile writes kanto_sdk.ts: re-exports of every message and client,
// the service registry and the umbrella client.
func (g *generator) indexFile() error {
	s := newSource(indexFile, "options", "connections", "clients")
	for _, n := range fixedExports {
		s.local[n] = ""
	}

	// Every export name must be unique in the module. The clients' names
	// are unique by construction (the Accessor); a message name exported
	// by two files, or clashing with a client's or a fixed name, is
	// exported qualified by its package instead.
	taken := map[string]string{}
	for _, n := range fixedExports {
		taken[n] = "kanto_sdk.ts's own " + n
	}
	for _, svc := range g.schema.Services {
		for _, n := range []string{qualifiedInfoName(svc), qualifiedClientName(svc), qualifiedCreateName(svc)} {
			taken[n] = "the client of " + svc.FullName
			s.local[n] = ""
		}
	}
	var files []*protogen.File
	for _, f := range g.plugin.Files {
		if f.Generate {
			files = append(files, f)
		}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Desc.Path() < files[j].Desc.Path() })
	count := map[string]int{}
	for _, f := range files {
		for _, e := range g.esNamesOf(f.Desc).exports {
			count[e.name]++
		}
	}
	clashes := func(name string) bool { _, fixed := taken[name]; return fixed || count[name] > 1 }

	s.P("// The schema's messages, enums and service descriptors (protoc-gen-es).")
	var errs []error
	for _, f := range files {
		exports := g.esNamesOf(f.Desc).exports
		spec := s.relative(pbModule(f.Desc))
		clash := false
		for _, e := range exports {
			clash = clash || clashes(e.name)
		}
		if !clash {
			s.P("export * from ", quote(spec), ";")
			continue
		}
		// Named exports, the clashing ones qualified by the package.
		var values, types []string
		for _, e := range exports {
			item := e.name
			if clashes(e.name) {
				q, err := qualify(f.Desc, e, taken, count)
				if err != nil {
					errs = append(errs, err)
					continue
				}
				item += " as " + q
			}
			if e.typeOnly {
				types = append(types, item)
			} else {
				values = append(values, item)
			}
		}
		exportList(s, "export", values, spec)
		exportList(s, "export type", types, spec)
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}

	serviceInfo := g.rtType(s, "ServiceInfo")
	s.P()
	s.P("// The clients of the schema's services.")
	for _, svc := range g.schema.Services {
		spec := s.relative(clientModule(svc.File.Proto.Desc))
		// Imported under the qualified names, which are reserved above.
		s.useAs(spec, infoName(svc), qualifiedInfoName(svc), false)
		s.useAs(spec, createName(svc), qualifiedCreateName(svc), false)
		s.useAs(spec, clientName(svc), qualifiedClientName(svc), true)
	}
	var values, types []string
	for _, svc := range g.schema.Services {
		values = append(values, qualifiedCreateName(svc), qualifiedInfoName(svc))
		types = append(types, qualifiedClientName(svc))
	}
	exportList(s, "export", values, "")
	exportList(s, "export type", types, "")
	s.P()

	jsdoc(s, "", prose("", "services describes every service of the schema, sorted by full name: its name,"+
		" default target and service config."))
	s.P("export const services: readonly ", serviceInfo, "[] = [")
	for _, svc := range g.schema.Services {
		s.P("  ", qualifiedInfoName(svc), ",")
	}
	s.P("];")
	s.P()

	methodInfo := g.rtType(s, "MethodInfo")
	jsdoc(s, "", prose("", "A KantoClient holds a client of every service of the schema, each on its own"+
		" connection with its own service config. Make one with createKantoClient and close it when done."))
	s.P("export interface KantoClient {")
	for _, svc := range g.schema.Services {
		doc := []string{"The client of " + svc.FullName + "."}
		if svc.Deprecated {
			doc = paragraphs(doc, []string{"@deprecated The schema marks " + svc.FullName + " deprecated."})
		}
		jsdoc(s, "  ", doc)
		s.P("  readonly ", accessorName(svc), ": ", qualifiedClientName(svc), ";")
	}
	jsdoc(s, "  ", []string{"methods describes every RPC of every service, in the order of services."})
	s.P("  methods(): readonly ", methodInfo, "[];")
	jsdoc(s, "  ", []string{"close closes every connection; calls in flight fail with CANCELED."})
	s.P("  close(): void;")
	s.P("}")
	s.P()

	options := g.rtType(s, "KantoClientOptions")
	jsdoc(s, "", prose("", "createKantoClient returns a client of every service of the schema. Each service"+
		" is called at options.targets[its full name], else options.target, else its google.api.default_host;"+
		" over TLS unless options.insecure (or an http:// target); with the service config's deadlines and"+
		" retries. It throws at once on invalid options, such as a bearer token over plaintext to an address"+
		" that is not loopback, or an unknown service in options.targets. Connections are made on each"+
		" service's first call."))
	s.P("export function createKantoClient(options: ", options, " = {}): KantoClient {")
	s.P("  const connections = ", g.rt(s, "createConnections"), "(services, options);")
	if len(g.schema.Services) == 0 {
		s.P("  return { methods: () => [], close: () => connections.close() };")
		s.P("}")
	} else {
		s.P("  const clients = {")
		for _, svc := range g.schema.Services {
			s.P("    ", accessorName(svc), ": ", qualifiedCreateName(svc), "(connections.transport(", qualifiedInfoName(svc), ")),")
		}
		s.P("  };")
		s.P("  return {")
		s.P("    ...clients,")
		s.P("    methods: () => [")
		for _, svc := range g.schema.Services {
			s.P("      ...clients.", accessorName(svc), ".methods(),")
		}
		s.P("    ],")
		s.P("    close: () => connections.close(),")
		s.P("  };")
		s.P("}")
	}
	out := g.plugin.NewGeneratedFile(indexFile, "")
	out.P(strings.TrimSuffix(s.content([]string{header}), "\n"))
	return nil
}

// exportList writes `export { a, b } from "spec";` (or without from), on
// several lines when long.
func exportList(s *source, kw string, names []string, spec string) {
	if len(names) == 0 {
		return
	}
	from := ""
	if spec != "" {
		from = " from " + quote(spec)
	}
	line := kw + " { " + strings.Join(names, ", ") + " }" + from + ";"
	if len(line) <= 120 {
		s.P(line)
		return
	}
	s.P(kw, " {")
	for _, n := range names {
		s.P("  ", n, ",")
	}
	s.P("}", from, ";")
}

var versionRE = regexp.MustCompile(`^v\d+(alpha\d*|beta\d*|test\w*|p\d+alpha\d*|p\d+beta\d*)?$`)

// qualify gives a clashing export a name qualified by its package: first
// by the package's last name and version ("WidgetsV1WidgetService", as
// the umbrella's accessors are), then by the whole package.
func qualify(f protoreflect.FileDescriptor, e esExport, taken map[string]string, count map[string]int) (string, error) {
	parts := strings.Split(string(f.Package()), ".")
	var candidates []string
	if n := len(parts); n >= 2 && versionRE.MatchString(parts[n-1]) {
		candidates = append(candidates, pascal(parts[n-2])+pascal(parts[n-1]))
	} else if n >= 1 && parts[0] != "" {
		candidates = append(candidates, pascal(parts[n-1]))
	}
	candidates = append(candidates, pascal(strings.Join(parts, "_")))
	for _, c := range candidates {
		q := c + e.name
		if first := e.name[:1]; first != strings.ToUpper(first) {
			q = lowerFirst(c) + upperFirst(e.name) // a lower-case name stays one
		}
		if _, ok := taken[q]; ok || count[q] > 0 {
			continue
		}
		taken[q] = e.name + " of " + f.Path()
		return q, nil
	}
	return "", fmt.Errorf("%s: %s: its TypeScript name %s is exported by another file of the schema too, and no package-qualified name is free", f.Path(), e.element, e.name)
}

// pascal turns "pokedex", "v1alpha1" or "kanto_pokedex_v1" into "Pokedex",
// "V1alpha1" or "KantoPokedexV1", as the model qualifies accessors.
func pascal(s string) string {
	var b strings.Builder
	up := true
	for _, r := range s {
		if r == '_' || r == '.' || r == '-' {
			up = true
			continue
		}
		if up {
			b.WriteString(strings.ToUpper(string(r)))
			up = false
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// schemaFile writes kanto_schema.ts, the schema revision.
func (g *generator) schemaFile(revision string) {
	s := newSource(schemaFile)
	jsdoc(s, "", prose("", "The schema revision this code was generated from: the first 12 hex digits of a"+
		" SHA-256 over every file under proto/, the same in every Kanto SDK and service generated from it."+
		" The SDK sends it in its user agent. Empty if the code was generated without service_config_root."))
	s.P("export const schemaRevision = ", quote(revision), ";")
	out := g.plugin.NewGeneratedFile(schemaFile, "")
	out.P(strings.TrimSuffix(s.content([]string{header}), "\n"))
}
