package java

import (
	"fmt"
	"strings"
	"unicode/utf16"
)

// docEscaper makes schema text safe inside a Javadoc comment:
//   - "*/" would end the comment: its slash becomes &#47;
//   - "@" would start a block tag at the start of a line, and "{@" an
//     inline tag anywhere: &#64;
//   - "<" and "&" are HTML in Javadoc: &lt; and &amp; (">" too, for
//     symmetry and doclint);
//   - "\" starts a Unicode escape that javac reads before it lexes
//     anything, comments included ("\u000a" would end the line, and "\user"
//     is a compile error): &#92;.
var docEscaper = strings.NewReplacer(
	"&", "&amp;",
	"<", "&lt;",
	">", "&gt;",
	"@", "&#64;",
	"*/", "*&#47;",
	`\`, "&#92;",
)

// escapeDoc escapes one line of schema text for Javadoc.
func escapeDoc(s string) string { return docEscaper.Replace(s) }

// A javadoc is a comment being built: paragraphs of text, an optional
// list, then block tags. Text added with add is escaped; html is trusted.
type javadoc struct {
	paras [][]string
	tags  []string
}

// para adds a paragraph of schema text (escaped), split at blank lines.
func (d *javadoc) para(lines ...string) {
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			d.paras = append(d.paras, cur)
			cur = nil
		}
	}
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			flush()
			continue
		}
		cur = append(cur, escapeDoc(l))
	}
	flush()
}

// html adds a paragraph of trusted Javadoc text, unescaped, joined into
// one line for write to wrap; a <pre> block keeps its lines.
func (d *javadoc) html(lines ...string) {
	switch {
	case len(lines) == 0:
	case strings.HasPrefix(lines[0], "<pre>"):
		d.paras = append(d.paras, lines)
	default:
		d.paras = append(d.paras, []string{strings.Join(lines, " ")})
	}
}

// list adds a paragraph introducing a bulleted list of schema text.
func (d *javadoc) list(intro string, items []string) {
	if len(items) == 0 {
		return
	}
	p := []string{escapeDoc(intro), "", "<ul>"}
	for _, it := range items {
		p = append(p, "  <li>"+escapeDoc(it))
	}
	p = append(p, "</ul>")
	d.paras = append(d.paras, p)
}

// tag adds a block tag, such as "@param request the request"; the caller
// escapes any schema text in it.
func (d *javadoc) tag(t string) { d.tags = append(d.tags, t) }

// width is the line length the generated code keeps to where it can, as
// google-java-format does.
const width = 100

// write writes the comment at the writer's indentation, wrapping lines
// longer than width at spaces (never inside a <pre> block).
func (d *javadoc) write(w *writer) {
	if len(d.paras) == 0 && len(d.tags) == 0 {
		return
	}
	room := width - 2*w.indent - len(" * ")
	pre := false
	line := func(l string) {
		if l == "" {
			w.p(" *")
			return
		}
		if strings.HasPrefix(l, "<pre>") {
			pre = true
		}
		if pre {
			w.p(" * " + l)
			pre = !strings.HasSuffix(l, "</pre>")
			return
		}
		// Continuation lines of a list item or a block tag are indented
		// under its text.
		cont := strings.Repeat(" ", len(l)-len(strings.TrimLeft(l, " ")))
		if t := strings.TrimLeft(l, " "); strings.HasPrefix(t, "<li>") || strings.HasPrefix(t, "@") {
			cont += "    "
		}
		for first := true; ; first = false {
			if !first {
				l = cont + strings.TrimLeft(l, " ")
			}
			if len(l) <= room {
				w.p(" * " + l)
				return
			}
			cut := strings.LastIndex(l[:room+1], " ")
			if cut <= len(cont) {
				cut = strings.Index(l[len(cont)+1:], " ")
				if cut < 0 {
					w.p(" * " + l)
					return
				}
				cut += len(cont) + 1
			}
			w.p(" * " + l[:cut])
			l = l[cut+1:]
		}
	}
	w.p("/**")
	for i, p := range d.paras {
		if i > 0 {
			w.p(" *")
		}
		for j, l := range p {
			if i > 0 && j == 0 && l != "" && !strings.HasPrefix(l, "<") {
				l = "<p>" + l
			}
			line(l)
		}
	}
	if len(d.tags) > 0 {
		if len(d.paras) > 0 {
			w.p(" *")
		}
		for _, t := range d.tags {
			line(t)
		}
	}
	w.p(" */")
}

// stringLiteral is s as a Java string literal. Control characters use
// octal escapes and other non-ASCII characters \u escapes, except that a
// \u escape never encodes a quote, a backslash or a line break: javac
// translates \u escapes before it lexes the literal.
func stringLiteral(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\%03o`, r)
		case r < 0x7f:
			b.WriteRune(r)
		default:
			for _, u := range utf16.Encode([]rune{r}) {
				fmt.Fprintf(&b, `\u%04x`, u)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// stringConcat is s as Java string literals of at most about width
// characters each, joined by " + " across lines; javac folds them back
// into one constant.
func stringConcat(s string, width int) []string {
	var chunks []string
	var cur []rune
	for _, r := range s {
		cur = append(cur, r)
		if len(cur) >= width {
			chunks = append(chunks, string(cur))
			cur = nil
		}
	}
	if len(cur) > 0 || len(chunks) == 0 {
		chunks = append(chunks, string(cur))
	}
	out := make([]string, len(chunks))
	for i, c := range chunks {
		out[i] = stringLiteral(c)
		if i < len(chunks)-1 {
			out[i] += " +"
		}
	}
	return out
}

// writer writes Java source, one line at a time, indented by two spaces
// per level.
type writer struct {
	b      strings.Builder
	indent int
}

func (w *writer) p(line string) {
	if line == "" {
		w.b.WriteByte('\n')
		return
	}
	w.b.WriteString(strings.Repeat("  ", w.indent))
	w.b.WriteString(line)
	w.b.WriteByte('\n')
}

// open writes a line ending a block's opening and indents what follows;
// close outdents and writes the closing line.
func (w *writer) open(line string)  { w.p(line); w.indent++ }
func (w *writer) close(line string) { w.indent--; w.p(line) }

// call writes head(args)tail: on one line if it fits in width, else with
// the arguments on a continuation line, else with one argument a line.
func (w *writer) call(head string, args []string, tail string) {
	all := strings.Join(args, ", ")
	if len(args) == 0 || 2*w.indent+len(head)+1+len(all)+1+len(tail) <= width {
		w.p(head + "(" + all + ")" + tail)
		return
	}
	w.p(head + "(")
	w.indent += 2
	if 2*w.indent+len(all)+1+len(tail) <= width {
		w.p(all + ")" + tail)
	} else {
		for i, a := range args {
			if i < len(args)-1 {
				w.p(a + ",")
			} else {
				w.p(a + ")" + tail)
			}
		}
	}
	w.indent -= 2
}

func (w *writer) String() string { return w.b.String() }
