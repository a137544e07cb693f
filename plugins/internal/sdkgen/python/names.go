package python

import (
	"fmt"
	"strings"
	"unicode"

	"google.golang.org/protobuf/compiler/protogen"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// keywords are Python's hard keywords (keyword.kwlist of Python 3.10 to
// 3.14): a generated name equal to one gets a trailing underscore. Soft
// keywords (match, case, type, _) are valid names and stay as they are.
var keywords = map[string]bool{
	"False": true, "None": true, "True": true, "and": true, "as": true,
	"assert": true, "async": true, "await": true, "break": true, "class": true,
	"continue": true, "def": true, "del": true, "elif": true, "else": true,
	"except": true, "finally": true, "for": true, "from": true, "global": true,
	"if": true, "import": true, "in": true, "is": true, "lambda": true,
	"nonlocal": true, "not": true, "or": true, "pass": true, "raise": true,
	"return": true, "try": true, "while": true, "with": true, "yield": true,
}

// escape makes name usable as a Python identifier: a keyword gets a
// trailing underscore (RPC Class gives class_).
func escape(name string) string {
	if keywords[name] {
		return name + "_"
	}
	return name
}

// snake turns a CamelCase proto name into snake_case, the way the Python
// SDK names methods and accessors: GetPokemon → get_pokemon, RoutePlanner
// → route_planner, PokedexV1Pokemon → pokedex_v1_pokemon, GetHTTPRule →
// get_http_rule. Underscores already there stay single.
func snake(name string) string {
	runes := []rune(name)
	var b strings.Builder
	for i, r := range runes {
		if unicode.IsUpper(r) && i > 0 {
			prev := runes[i-1]
			nextLower := i+1 < len(runes) && unicode.IsLower(runes[i+1])
			if prev != '_' && (unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower)) {
				b.WriteByte('_')
			}
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// upperSnake is snake in upper case, for module constants.
func upperSnake(name string) string { return strings.ToUpper(snake(name)) }

// messagesModule is the Python module protoc's python generator writes
// for a proto file: fixture/widgets/v1/widgets.proto gives
// fixture.widgets.v1.widgets_pb2 (dashes become underscores, as protoc
// does).
func messagesModule(f protoreflect.FileDescriptor) string {
	p := strings.TrimSuffix(f.Path(), ".proto")
	p = strings.ReplaceAll(p, "-", "_")
	return strings.ReplaceAll(p, "/", ".") + "_pb2"
}

// clientsFilename is where the clients of a proto file go: beside its
// messages, fixture/widgets/v1/widgets_kanto.py (with dashes made
// underscores, as protoc does for the messages' files).
func clientsFilename(f *protogen.File) string {
	p := strings.TrimSuffix(f.Desc.Path(), ".proto")
	return strings.ReplaceAll(p, "-", "_") + "_kanto.py"
}

// clientsModule is the module name of clientsFilename.
func clientsModule(f *protogen.File) string {
	return strings.ReplaceAll(strings.TrimSuffix(clientsFilename(f), ".py"), "/", ".")
}

// checkModule fails on a module name Python cannot import, such as one
// with a keyword among its parts (a package acme.class.v1).
func checkModule(file, module string) error {
	for _, part := range strings.Split(module, ".") {
		if !isIdentifier(part) {
			return fmt.Errorf("%s: the Python module %s cannot be imported: %q is not a Python identifier", file, module, part)
		}
	}
	return nil
}

// localName is a message's or enum's name inside its module:
// Widget.Part.Kind for fixture.widgets.v1.Widget.Part.Kind.
func localName(d protoreflect.Descriptor) string {
	full := string(d.FullName())
	if pkg := string(d.ParentFile().Package()); pkg != "" {
		full = strings.TrimPrefix(full, pkg+".")
	}
	return full
}

// isIdentifier reports whether s is a valid Python identifier made of
// ASCII letters, digits and underscores (what proto names are).
func isIdentifier(s string) bool {
	if s == "" || keywords[s] {
		return false
	}
	for i, r := range s {
		letter := r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		if !letter && (i == 0 || r < '0' || r > '9') {
			return false
		}
	}
	return true
}
