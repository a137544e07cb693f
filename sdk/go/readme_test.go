package kanto_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A readmeProgram is one code block of README.md with the lines its
// output must contain (the <!-- output: ... --> comments after it).
type readmeProgram struct {
	line   int
	source string
	want   []string
}

// readmePrograms extracts the code blocks of README.md. Every block must
// be a complete Go program: a block the test cannot run would be a block
// that can rot.
func readmePrograms(t *testing.T) []readmeProgram {
	t.Helper()
	f, err := os.Open("README.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var progs []readmeProgram
	var cur *readmeProgram
	var body strings.Builder
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case cur == nil && strings.HasPrefix(line, "```"):
			if lang := strings.TrimPrefix(line, "```"); lang != "go" {
				t.Fatalf("README.md:%d: a %q code block; every block must be a Go program that TestREADME runs", n, lang)
			}
			cur = &readmeProgram{line: n}
			body.Reset()
		case cur != nil && line == "```":
			cur.source = body.String()
			progs = append(progs, *cur)
			cur = nil
		case cur != nil:
			body.WriteString(line + "\n")
		case len(progs) > 0 && strings.HasPrefix(line, "<!-- output: ") && strings.HasSuffix(line, " -->"):
			p := &progs[len(progs)-1]
			p.want = append(p.want, strings.TrimSuffix(strings.TrimPrefix(line, "<!-- output: "), " -->"))
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if cur != nil {
		t.Fatalf("README.md:%d: unterminated code block", cur.line)
	}
	return progs
}

// TestREADME builds every program of README.md in a module of its own,
// outside the workspace, as a user's module would use the SDK, and runs it
// against kanto-testenv serving on the default addresses the programs rely
// on. Each must exit 0 and print the lines its output comments name.
func TestREADME(t *testing.T) {
	progs := readmePrograms(t)
	if len(progs) == 0 {
		t.Fatal("README.md has no programs")
	}
	sdk, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(sdk, "..", "..")
	dir := t.TempDir()
	gomod := fmt.Sprintf(`module example.com/readme

go 1.26.0

require (
	github.com/kanto-api/kanto/gen/go v0.0.0-00010101000000-000000000000
	github.com/kanto-api/kanto/sdk/go v0.0.0-00010101000000-000000000000
)

replace (
	github.com/kanto-api/kanto/sdk/go => %s
	github.com/kanto-api/kanto/gen/go => %s
)
`, sdk, filepath.Join(root, "gen", "go"))
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		t.Fatal(err)
	}
	// The checksums the SDK verified: nothing new is looked up.
	sum, err := os.ReadFile("go.sum")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644); err != nil {
		t.Fatal(err)
	}
	for i, p := range progs {
		pkg := filepath.Join(dir, fmt.Sprintf("block%02d", i+1))
		if err := os.MkdirAll(pkg, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(pkg, "main.go"), []byte(p.source), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	goCmd := func(args ...string) {
		t.Helper()
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	goCmd("mod", "tidy")
	goCmd("build", "-o", filepath.Join(dir, "bin")+string(filepath.Separator), "./...")

	env := startTestEnv(t, "-fixed-ports")
	for i, p := range progs {
		t.Run(fmt.Sprintf("README.md:%d", p.line), func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, filepath.Join(dir, "bin", fmt.Sprintf("block%02d", i+1)))
			cmd.Env = append(os.Environ(), "KANTO_CURATOR_TOKEN="+env.CuratorToken)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("the program of README.md:%d failed: %v\n%s", p.line, err, out)
			}
			for _, w := range p.want {
				if !bytes.Contains(out, []byte(w)) {
					t.Errorf("the program of README.md:%d printed\n%s\nwithout %q", p.line, out, w)
				}
			}
		})
	}
}
