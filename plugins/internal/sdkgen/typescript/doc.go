package typescript

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
)

// jsdoc writes lines as a JSDoc comment at the given indentation. Text
// from the schema is made inert: "*/" would end the comment early, so it
// becomes "*\/"; an "@" at the start of a word would begin a JSDoc tag (or
// with "{@" an inline one), so it is escaped as "\@", which Markdown
// renders as "@". Backticks and "${" need nothing: a comment is no
// template literal, and Markdown shows backticks as code.
func jsdoc(s *source, indent string, lines []string) {
	if len(lines) == 0 {
		return
	}
	s.P(indent, "/**")
	for _, l := range lines {
		if l == "" {
			s.P(indent, " *")
			continue
		}
		s.P(indent, " * ", l)
	}
	s.P(indent, " */")
}

var tagStart = regexp.MustCompile(`(^|[\s{])@`)

// escapeDoc makes one line of schema text safe inside a JSDoc comment.
func escapeDoc(line string) string {
	line = strings.ReplaceAll(line, "*/", `*\/`)
	return tagStart.ReplaceAllString(line, `$1\@`)
}

// escapeDocs escapes every line.
func escapeDocs(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = escapeDoc(l)
	}
	return out
}

// wrap breaks prose the generator writes into lines of at most width
// characters (a longer word gets a line of its own).
func wrap(text string, width int) []string {
	var out []string
	line := ""
	for _, w := range strings.Fields(text) {
		switch {
		case line == "":
			line = w
		case len(line)+1+len(w) <= width:
			line += " " + w
		default:
			out = append(out, line)
			line = w
		}
	}
	if line != "" {
		out = append(out, line)
	}
	return out
}

// prose wraps text for a doc comment at the given indentation.
func prose(indent, text string) []string { return wrap(text, 77-len(indent)) }

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

// quote returns s as a JavaScript string literal in double quotes. JSON's
// escaping is valid JavaScript, and leaves "${" and backticks alone, which
// are plain characters in a double-quoted string.
func quote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		panic(err) // a string always encodes
	}
	return strings.TrimSuffix(b.String(), "\n")
}
