package services_test

import (
	"go/scanner"
	"go/token"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kanto-api/kanto/gen/goserver/kantoregistry"
)

// addrLiteral matches a Go string literal holding a host:port address.
var addrLiteral = regexp.MustCompile(`^"([A-Za-z0-9.\-]*|\[[0-9a-fA-F:]+\]):([0-9]{4,5})"$`)

// stringLiterals returns the string literals of a Go source file: code,
// not comments, whose examples are no definitions.
func stringLiterals(t *testing.T, path, src string) []string {
	t.Helper()
	fset := token.NewFileSet()
	var s scanner.Scanner
	s.Init(fset.AddFile(path, -1, len(src)), []byte(src), func(pos token.Position, msg string) { t.Errorf("%s: %s", pos, msg) }, 0)
	var out []string
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			return out
		}
		if tok == token.STRING {
			out = append(out, lit)
		}
	}
}

// TestEachDefaultPortIsDefinedOnce guards "defaults defined once" for the
// Go code of the services module (comments included):
//
//   - the services' gRPC ports come from the schema (google.api.default_host,
//     in the generated ServiceInfo of each service): no Go file here
//     writes one;
//   - every other default address (the gateway's, the metrics endpoints')
//     is written in exactly one Go file, its binary's DefaultConfig, and
//     its port number appears in no other Go file, tests included.
//
// It finds the default addresses itself, as the host:port string literals
// in the code of the non-test files, so it needs no list of ports that
// could drift.
// Documentation, scripts and the SDKs are not its business.
func TestEachDefaultPortIsDefinedOnce(t *testing.T) {
	t.Parallel()
	files := map[string]string{} // path → source
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files[path] = string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 50 {
		t.Fatalf("found only %d Go files: is the test running in the services module?", len(files))
	}
	mentions := func(port int) []string {
		word := regexp.MustCompile(`\b` + strconv.Itoa(port) + `\b`)
		var out []string
		for path, src := range files {
			if word.MatchString(src) {
				out = append(out, path)
			}
		}
		slices.Sort(out)
		return out
	}

	for _, svc := range kantoregistry.Services {
		_, portText, err := net.SplitHostPort(svc.Info.DefaultTarget)
		if err != nil {
			t.Fatalf("%s: default host %q: %v", svc.Info.Name, svc.Info.DefaultTarget, err)
		}
		port, _ := strconv.Atoi(portText)
		if found := mentions(port); len(found) > 0 {
			t.Errorf("port %d is %s's default host in the schema; use its generated ServiceInfo.DefaultTarget instead of writing it in %v", port, svc.Info.Name, found)
		}
	}

	defaults := map[int][]string{} // port → the non-test files with it in an address literal
	for path, src := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		for _, lit := range stringLiterals(t, path, src) {
			m := addrLiteral.FindStringSubmatch(lit)
			if m == nil {
				continue
			}
			if port, _ := strconv.Atoi(m[2]); port >= 1024 && !slices.Contains(defaults[port], path) {
				defaults[port] = append(defaults[port], path)
			}
		}
	}
	if len(defaults) == 0 {
		t.Fatal("found no default address at all: the pattern no longer matches how defaults are written")
	}
	for port, defined := range defaults {
		if found := mentions(port); len(found) != 1 {
			t.Errorf("default port %d (an address in %v) appears in %d Go files, want one: %v", port, defined, len(found), found)
		}
	}
	t.Logf("default ports, each defined once: %v", slices.Sorted(func(yield func(int) bool) {
		for p := range defaults {
			if !yield(p) {
				return
			}
		}
	}))
}
