package typescript

import (
	"regexp"
	"strconv"
	"strings"

	"google.golang.org/protobuf/reflect/protoreflect"
)

// This file maps the schema's names to the TypeScript names that
// protoc-gen-es (protobuf-es v2) gives them, so that the generated clients
// can import the messages and services it writes. It follows
// @bufbuild/protoplugin's names.js and safe-identifier.js and
// @bufbuild/protobuf's reflect/names.js, which are the specification; the
// compile check (testdata/compile/typescript.sh) fails if they part ways.

// reservedIdentifiers are the names protoc-gen-es suffixes with "$" when it
// declares them (safeIdentifier): ECMAScript keywords and a few names the
// generated code itself needs.
var reservedIdentifiers = toSet(
	// ECMAScript 2015 keywords
	"break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else",
	"export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new",
	"null", "return", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while",
	"with", "yield",
	// ECMAScript 2015 future reserved keywords
	"enum", "implements", "interface", "let", "package", "private", "protected", "public", "static",
	// a class cannot be named Object when targeting ES5 with CommonJS
	"Object",
	// TypeScript keywords that cannot name types
	"bigint", "number", "boolean", "string", "object",
	// reserved for protobuf-es's runtime
	"globalThis", "Uint8Array", "Partial",
)

// reservedObjectProperties are the property names protobuf-es suffixes with
// "$" (safeObjectProperty): they would shadow built-in object properties.
var reservedObjectProperties = toSet("constructor", "toString", "toJSON", "valueOf")

func toSet(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// nonIdent matches what a file descriptor's constant replaces with "_".
var nonIdent = regexp.MustCompile(`[^a-zA-Z0-9_]+`)

func safeIdentifier(name string) string {
	if reservedIdentifiers[name] {
		return name + "$"
	}
	return name
}

func safeObjectProperty(name string) string {
	if reservedObjectProperties[name] {
		return name + "$"
	}
	return name
}

// protoCamelCase is protobuf-es's protoCamelCase: underscores dropped, the
// letter after one upper-cased (not after a digit).
func protoCamelCase(snake string) string {
	var b strings.Builder
	capNext := false
	for _, r := range snake {
		switch {
		case r == '_':
			capNext = true
		case r >= '0' && r <= '9':
			b.WriteRune(r)
			capNext = false
		default:
			if capNext {
				capNext = false
				r = []rune(strings.ToUpper(string(r)))[0]
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// fieldLocalName is the property of a message field in protobuf-es: the
// camel-cased name, escaped unless the field is in a (non-synthetic) oneof,
// where it is a property of the oneof's case object instead.
func fieldLocalName(f protoreflect.FieldDescriptor) string {
	name := protoCamelCase(string(f.Name()))
	if o := f.ContainingOneof(); o != nil && !o.IsSynthetic() {
		return name
	}
	return safeObjectProperty(name)
}

// methodLocalName is the property of an RPC in a Connect client and in
// Kanto's clients: the name with a lower-case first letter ("getPokemon",
// "class"), escaped if it would shadow a built-in property.
func methodLocalName(m protoreflect.MethodDescriptor) string {
	return safeObjectProperty(lowerFirst(string(m.Name())))
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// esNames are the names protoc-gen-es exports from one file's _pb module.
type esNames struct {
	// shape is the type of a message or the TypeScript enum of an enum,
	// by full name.
	shape map[protoreflect.FullName]string
	// desc is the descriptor constant of a message, enum, service or
	// extension ("PokemonSchema", "PokemonService"), by full name.
	desc map[protoreflect.FullName]string
	// file is the file descriptor's constant.
	file string
	// exports lists every exported name, in declaration order, each with
	// whether it is a type only (a message's shape).
	exports []esExport
}

type esExport struct {
	name     string
	typeOnly bool
	// element is the schema element it comes from, for error messages.
	element protoreflect.FullName
}

// namesOf computes protoc-gen-es's names for file, as allNames in
// @bufbuild/protoplugin does: shapes first, then descriptors, each taking
// the first of name, name$, name$1, ... that is still free in the file.
func namesOf(file protoreflect.FileDescriptor) *esNames {
	n := &esNames{shape: map[protoreflect.FullName]string{}, desc: map[protoreflect.FullName]string{}}
	taken := map[string]bool{}
	pick := func(ideal func(salt string) string) string {
		for i := 0; ; i++ {
			salt := ""
			switch {
			case i == 1:
				salt = "$"
			case i > 1:
				salt = "$" + strconv.Itoa(i-1)
			}
			if name := ideal(salt); !taken[name] {
				taken[name] = true
				return name
			}
		}
	}
	types := nestedTypes(file)
	for _, d := range types {
		switch d.(type) {
		case protoreflect.MessageDescriptor, protoreflect.EnumDescriptor:
			id := identifier(file, d)
			name := pick(func(salt string) string { return safeIdentifier(id + salt) })
			n.shape[d.FullName()] = name
			_, isMsg := d.(protoreflect.MessageDescriptor)
			n.exports = append(n.exports, esExport{name: name, typeOnly: isMsg, element: d.FullName()})
		}
	}
	n.file = pick(func(salt string) string {
		return safeIdentifier("file_" + nonIdent.ReplaceAllString(strings.TrimSuffix(file.Path(), ".proto"), "_") + salt)
	})
	n.exports = append(n.exports, esExport{name: n.file, element: protoreflect.FullName(file.Path())})
	for _, d := range types {
		id := identifier(file, d)
		suffix := ""
		switch d.(type) {
		case protoreflect.MessageDescriptor, protoreflect.EnumDescriptor:
			suffix = "Schema"
		}
		name := pick(func(salt string) string { return safeIdentifier(id + suffix + salt) })
		n.desc[d.FullName()] = name
		n.exports = append(n.exports, esExport{name: name, element: d.FullName()})
	}
	return n
}

// identifier is a type's name without its package, with dots as
// underscores: "Widget_Part_Kind".
func identifier(file protoreflect.FileDescriptor, d protoreflect.Descriptor) string {
	name := string(d.FullName())
	if pkg := string(file.Package()); pkg != "" {
		name = strings.TrimPrefix(name, pkg+".")
	}
	return strings.ReplaceAll(name, ".", "_")
}

// nestedTypes lists a file's types in protobuf-es's order: each message
// followed by its nested types (messages, then enums, then extensions),
// then the file's enums, services and extensions. Map entries are not
// types of their own in protobuf-es.
func nestedTypes(file protoreflect.FileDescriptor) []protoreflect.Descriptor {
	var out []protoreflect.Descriptor
	var message func(m protoreflect.MessageDescriptor)
	message = func(m protoreflect.MessageDescriptor) {
		for i := 0; i < m.Messages().Len(); i++ {
			nested := m.Messages().Get(i)
			if nested.IsMapEntry() {
				continue
			}
			out = append(out, nested)
			message(nested)
		}
		for i := 0; i < m.Enums().Len(); i++ {
			out = append(out, m.Enums().Get(i))
		}
		for i := 0; i < m.Extensions().Len(); i++ {
			out = append(out, m.Extensions().Get(i))
		}
	}
	for i := 0; i < file.Messages().Len(); i++ {
		m := file.Messages().Get(i)
		out = append(out, m)
		message(m)
	}
	for i := 0; i < file.Enums().Len(); i++ {
		out = append(out, file.Enums().Get(i))
	}
	for i := 0; i < file.Services().Len(); i++ {
		out = append(out, file.Services().Get(i))
	}
	for i := 0; i < file.Extensions().Len(); i++ {
		out = append(out, file.Extensions().Get(i))
	}
	return out
}
