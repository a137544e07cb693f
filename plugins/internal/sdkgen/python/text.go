package python

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// lineLength is the line length the generated code keeps to: the Python
// SDK's ruff configuration. The writer lays out what it emits as
// `ruff format --line-length 100` would, so the generated modules pass
// `ruff format --check` unchanged.
const lineLength = 100

// writer accumulates a Python module.
type writer struct {
	b strings.Builder
}

// line writes one line at the indentation level (four spaces each).
func (w *writer) line(level int, parts ...string) {
	text := strings.Join(parts, "")
	if text == "" {
		w.b.WriteByte('\n')
		return
	}
	w.b.WriteString(strings.Repeat("    ", level))
	w.b.WriteString(text)
	w.b.WriteByte('\n')
}

func (w *writer) blank() { w.b.WriteByte('\n') }

func (w *writer) String() string { return w.b.String() }

// width is how many columns s takes (runes, as ruff counts them for the
// text the generator writes: no wide characters in code lines).
func width(s string) int { return utf8.RuneCountInString(s) }

// bracketed writes open + items + close at a level: on one line if it
// fits, else one item per line with a trailing comma, which ruff keeps as
// it is (its "magic trailing comma"). open ends with the opening bracket
// and close starts with the closing one, such as "return f(" and ")".
func (w *writer) bracketed(level int, open string, items []string, close string) {
	one := open + strings.Join(items, ", ") + close
	if len(items) == 0 || 4*level+width(one) <= lineLength {
		w.line(level, one)
		return
	}
	w.line(level, open)
	for _, it := range items {
		w.line(level+1, it, ",")
	}
	w.line(level, close)
}

// exploded writes open + items + close with one item per line and a
// trailing comma whatever the length: for declarations that read better
// that way. ruff keeps the layout.
func (w *writer) exploded(level int, open string, items []string, close string) {
	if len(items) == 0 {
		w.line(level, open+close)
		return
	}
	w.line(level, open)
	for _, it := range items {
		w.line(level+1, it, ",")
	}
	w.line(level, close)
}

// A typeExpr is a type annotation: a name, or a generic with arguments
// (Iterator[X], BidiStream[A, B]).
type typeExpr struct {
	name string
	args []string
}

func (t typeExpr) String() string {
	if len(t.args) == 0 {
		return t.name
	}
	return t.name + "[" + strings.Join(t.args, ", ") + "]"
}

// signature writes a method's def line and parameters, one per line (ruff
// keeps them so, for the magic trailing comma), and its return annotation
// split as ruff splits one that does not fit.
func (w *writer) signature(level int, async bool, name string, params []string, ret typeExpr) {
	def := "def "
	if async {
		def = "async def "
	}
	w.line(level, def, name, "(")
	for _, p := range params {
		w.line(level+1, p, ",")
	}
	closing := ") -> " + ret.String() + ":"
	switch {
	case 4*level+width(closing) <= lineLength || len(ret.args) == 0:
		w.line(level, closing)
	case len(ret.args) == 1:
		// A single subscript cannot take a trailing comma: ruff hugs it.
		w.line(level, ") -> ", ret.name, "[")
		w.line(level+1, ret.args[0])
		w.line(level, "]:")
	default:
		w.line(level, ") -> ", ret.name, "[")
		for _, a := range ret.args {
			w.line(level+1, a, ",")
		}
		w.line(level, "]:")
	}
}

// docstring writes lines as a docstring at a level. The text is escaped
// for a triple-quoted string (backslashes, runs of quotes, a quote next to
// the delimiters) and laid out as ruff formats docstrings: leading tabs
// expanded, the common indentation of the lines after the first removed,
// no trailing blanks.
func (w *writer) docstring(level int, lines []string) {
	lines = trimBlankEnds(lines)
	if len(lines) == 0 {
		return
	}
	indent := strings.Repeat("    ", level)
	out := make([]string, len(lines))
	for i, l := range lines {
		l = escapeDoc(l)
		if i == 0 {
			l = strings.TrimLeft(l, " \t")
		} else {
			l = expandLeadingTabs(indent + l)[len(indent):]
		}
		out[i] = strings.TrimRight(l, " \t")
	}
	// ruff re-indents the lines after the first by their common
	// indentation; do it here so it has nothing to change.
	common := -1
	for _, l := range out[1:] {
		if l == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " "))
		if common < 0 || n < common {
			common = n
		}
	}
	for i := 1; i < len(out); i++ {
		if out[i] != "" {
			out[i] = out[i][common:]
		}
	}
	first := out[0]
	if strings.HasPrefix(first, `"`) {
		first = `\` + first
	}
	if len(out) == 1 {
		w.line(level, `"""`, escapeLastQuote(first), `"""`)
		return
	}
	w.line(level, `"""`, first)
	for _, l := range out[1:] {
		w.line(level, l)
	}
	// The closing quotes on a line of their own touch no text.
	w.line(level, `"""`)
}

// escapeDoc escapes one line of docstring text: every backslash, and
// every third quote of a run of double quotes, so no `"""` closes the
// string early.
func escapeDoc(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	var b strings.Builder
	run := 0
	for _, r := range s {
		if r == '"' {
			run++
			if run == 3 {
				b.WriteString(`\"`)
				run = 0
				continue
			}
		} else {
			run = 0
		}
		b.WriteRune(r)
	}
	return b.String()
}

// escapeLastQuote escapes a double quote that would otherwise touch the
// closing delimiter.
func escapeLastQuote(s string) string {
	if strings.HasSuffix(s, `"`) && !strings.HasSuffix(s, `\"`) {
		return s[:len(s)-1] + `\"`
	}
	return s
}

// expandLeadingTabs turns the tabs of a line's indentation into spaces,
// with tab stops every eight columns, as ruff does in docstrings.
func expandLeadingTabs(s string) string {
	var b strings.Builder
	col := 0
	for i, r := range s {
		switch r {
		case ' ':
			b.WriteByte(' ')
			col++
		case '\t':
			n := 8 - col%8
			b.WriteString(strings.Repeat(" ", n))
			col += n
		default:
			b.WriteString(s[i:])
			return b.String()
		}
	}
	return b.String()
}

func trimBlankEnds(lines []string) []string {
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// literal is s as a Python string literal, quoted as ruff prefers: double
// quotes, unless s holds more double quotes than single ones.
func literal(s string) string {
	quote := byte('"')
	if strings.Count(s, `"`) > strings.Count(s, `'`) {
		quote = '\''
	}
	var b strings.Builder
	b.WriteByte(quote)
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == rune(quote):
			b.WriteByte('\\')
			b.WriteByte(quote)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte(quote)
	return b.String()
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

func lines(s ...string) []string {
	var out []string
	for _, l := range s {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}
