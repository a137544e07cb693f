package typescript

import (
	"fmt"
	"path"
	"sort"
	"strings"
)

// A source is one TypeScript file being written: its imports, which it
// collects as the code asks for names, and its body.
type source struct {
	// name is the file's path relative to the output directory.
	name string
	body strings.Builder
	// modules are the import specifiers, each with its names.
	modules map[string]*module
	// local maps a name declared in the file (imported, or reserved for
	// the file's own declarations and parameters) to the import it stands
	// for ("" for a reserved name), so that no two bindings collide.
	local map[string]string
}

type module struct {
	// names maps an imported name to its local name (the same, or an
	// alias when another import or declaration has the name already).
	names map[string]string
	// typeOnly records, per imported name, whether it is used as a type
	// only, which `import type` or an inline `type` modifier says.
	typeOnly map[string]bool
}

func newSource(name string, reserved ...string) *source {
	s := &source{name: name, modules: map[string]*module{}, local: map[string]string{}}
	for _, r := range reserved {
		s.local[r] = ""
	}
	return s
}

// use imports name from spec and returns the local name to refer to it
// by. A name needed as a value once is imported as a value.
func (s *source) use(spec, name string, typeOnly bool) string {
	m := s.modules[spec]
	if m == nil {
		m = &module{names: map[string]string{}, typeOnly: map[string]bool{}}
		s.modules[spec] = m
	}
	key := spec + "\x00" + name
	if local, ok := m.names[name]; ok {
		m.typeOnly[name] = m.typeOnly[name] && typeOnly
		return local
	}
	local := name
	for i := 1; ; i++ {
		if _, taken := s.local[local]; !taken {
			break
		}
		local = fmt.Sprintf("%s$%d", name, i)
	}
	s.local[local] = key
	m.names[name] = local
	m.typeOnly[name] = typeOnly
	return local
}

// useAs imports name from spec under the local name alias, which the
// caller has reserved.
func (s *source) useAs(spec, name, alias string, typeOnly bool) {
	m := s.modules[spec]
	if m == nil {
		m = &module{names: map[string]string{}, typeOnly: map[string]bool{}}
		s.modules[spec] = m
	}
	m.names[name] = alias
	m.typeOnly[name] = typeOnly
}

func (s *source) value(spec, name string) string { return s.use(spec, name, false) }
func (s *source) typ(spec, name string) string   { return s.use(spec, name, true) }

// P writes one line of the body: the parts concatenated.
func (s *source) P(parts ...any) {
	for _, p := range parts {
		fmt.Fprint(&s.body, p)
	}
	s.body.WriteByte('\n')
}

// relative turns a path relative to the output directory into an import
// specifier relative to this file ("./pokemon_pb.js", "../../x.js"). The
// target may lie above the output directory ("../runtime.js").
func (s *source) relative(target string) string {
	var from []string
	if dir := path.Dir(s.name); dir != "." {
		from = strings.Split(dir, "/")
	}
	to := strings.Split(path.Clean(target), "/")
	i := 0
	for i < len(from) && i < len(to)-1 && from[i] == to[i] {
		i++
	}
	rel := strings.Repeat("../", len(from)-i) + strings.Join(to[i:], "/")
	if !strings.HasPrefix(rel, "../") {
		rel = "./" + rel
	}
	return rel
}

// content is the whole file: header, imports (packages first, then
// relative paths, each sorted), body.
func (s *source) content(header []string) string {
	var b strings.Builder
	for _, h := range header {
		b.WriteString(h)
		b.WriteByte('\n')
	}
	specs := make([]string, 0, len(s.modules))
	for spec := range s.modules {
		specs = append(specs, spec)
	}
	sort.Slice(specs, func(i, j int) bool {
		ri, rj := strings.HasPrefix(specs[i], "."), strings.HasPrefix(specs[j], ".")
		if ri != rj {
			return rj
		}
		return specs[i] < specs[j]
	})
	if len(specs) > 0 {
		b.WriteByte('\n')
	}
	for _, spec := range specs {
		m := s.modules[spec]
		names := make([]string, 0, len(m.names))
		allTypes := true
		for n := range m.names {
			names = append(names, n)
			allTypes = allTypes && m.typeOnly[n]
		}
		sort.Strings(names)
		items := make([]string, len(names))
		for i, n := range names {
			item := n
			if local := m.names[n]; local != n {
				item += " as " + local
			}
			if m.typeOnly[n] && !allTypes {
				item = "type " + item
			}
			items[i] = item
		}
		kw := "import"
		if allTypes {
			kw = "import type"
		}
		line := kw + " { " + strings.Join(items, ", ") + " } from " + quote(spec) + ";"
		if len(line) <= 120 {
			b.WriteString(line + "\n")
			continue
		}
		b.WriteString(kw + " {\n")
		for _, item := range items {
			b.WriteString("  " + item + ",\n")
		}
		b.WriteString("} from " + quote(spec) + ";\n")
	}
	b.WriteByte('\n')
	b.WriteString(s.body.String())
	return b.String()
}
