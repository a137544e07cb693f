package sdkgen_test

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kanto-api/kanto/plugins/internal/sdkgen"
	"google.golang.org/protobuf/compiler/protogen"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/descriptorpb"
	"google.golang.org/protobuf/types/pluginpb"
)

// update rewrites the golden files: go test ./internal/sdkgen -update.
var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// languages are the emitters, in the order the golden directories are
// checked.
var languages = []string{"go", "python", "typescript", "java"}

// TestGolden runs every emitter over the fixture schema and compares what
// it writes with testdata/golden/<lang>/. The fixture is compiled by the
// project's pinned buf, with the third-party protos `make protodeps`
// stages; `make test-plugins` provides both.
func TestGolden(t *testing.T) {
	req := fixtureRequest(t)
	for _, lang := range languages {
		t.Run(lang, func(t *testing.T) {
			params, err := os.ReadFile(filepath.Join(testdata(t), "params", lang+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			got := generate(t, req, "lang="+lang+","+strings.TrimSpace(string(params)))
			compareGolden(t, filepath.Join(testdata(t), "golden", lang), got)
		})
	}
}

// generate runs protoc-gen-kanto in process and returns the files it
// wrote, by name.
func generate(t *testing.T, req *pluginpb.CodeGeneratorRequest, param string) map[string]string {
	t.Helper()
	req = proto.CloneOf(req)
	req.Parameter = proto.String(param + ",service_config_root=" + filepath.Join(testdata(t), "fixture", "proto"))
	var params sdkgen.Params
	plugin, err := protogen.Options{ParamFunc: params.Set}.New(req)
	if err != nil {
		t.Fatal(err)
	}
	if err := sdkgen.Generate(plugin, params); err != nil {
		t.Fatalf("generate: %v", err)
	}
	resp := plugin.Response()
	if resp.Error != nil {
		t.Fatalf("generate: %s", resp.GetError())
	}
	files := map[string]string{}
	for _, f := range resp.File {
		if _, dup := files[f.GetName()]; dup {
			t.Errorf("%s written twice", f.GetName())
		}
		files[f.GetName()] = f.GetContent()
	}
	return files
}

func compareGolden(t *testing.T, dir string, got map[string]string) {
	t.Helper()
	if *update {
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		for name, content := range got {
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	want := map[string]string{}
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) && len(got) == 0 {
		return // an emitter that writes nothing for the fixture
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		want[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatalf("%v (run go test -update to write the golden files)", err)
	}
	names := slices.Sorted(func(yield func(string) bool) {
		seen := map[string]bool{}
		for _, m := range []map[string]string{want, got} {
			for n := range m {
				if !seen[n] && !yield(n) {
					return
				}
				seen[n] = true
			}
		}
	})
	for _, name := range names {
		w, inWant := want[name]
		g, inGot := got[name]
		switch {
		case !inGot:
			t.Errorf("%s: golden file not generated any more", name)
		case !inWant:
			t.Errorf("%s: generated, but has no golden file (go test -update)", name)
		case w != g:
			t.Errorf("%s differs from its golden file (-golden +generated); go test -update rewrites it:\n%s", name, cmp.Diff(w, g))
		}
	}
}

func testdata(t *testing.T) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// fixtureRequest compiles the fixture with buf into a CodeGeneratorRequest
// for every fixture file, as buf generate would send it.
func fixtureRequest(t *testing.T) *pluginpb.CodeGeneratorRequest {
	t.Helper()
	set := BuildFixture(t)
	req := &pluginpb.CodeGeneratorRequest{ProtoFile: set.File}
	for _, f := range set.File {
		if strings.HasPrefix(f.GetName(), "fixture/") {
			req.FileToGenerate = append(req.FileToGenerate, f.GetName())
		}
	}
	return req
}

// BuildFixture compiles testdata/fixture/proto, with the third-party
// protos of <repo>/.tools/protodeps, into a FileDescriptorSet with source
// info (comments), in dependency order.
func BuildFixture(t *testing.T) *descriptorpb.FileDescriptorSet {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	buf := os.Getenv("KANTO_BUF")
	if buf == "" {
		buf = filepath.Join(root, ".tools", "bin", "buf")
	}
	deps := filepath.Join(root, ".tools", "protodeps")
	for _, p := range []string{buf, deps} {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("%v: run `make protodeps` (or `make test-plugins`) first", err)
		}
	}
	work := t.TempDir()
	if err := os.CopyFS(filepath.Join(work, "fixture"), os.DirFS(filepath.Join(testdata(t), "fixture", "proto"))); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(work, "deps"), os.DirFS(deps)); err != nil {
		t.Fatal(err)
	}
	// Both directories are modules of one workspace, so imports resolve
	// offline; service_config.json files are not proto files and buf
	// ignores them.
	yaml := "version: v2\nmodules:\n  - path: fixture\n  - path: deps\n"
	if err := os.WriteFile(filepath.Join(work, "buf.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	image := filepath.Join(work, "image.binpb")
	cmd := exec.Command(buf, "build", work, "-o", image)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("buf build: %v\n%s", err, stderr.String())
	}
	b, err := os.ReadFile(image)
	if err != nil {
		t.Fatal(err)
	}
	set := &descriptorpb.FileDescriptorSet{}
	if err := proto.Unmarshal(b, set); err != nil {
		t.Fatal(fmt.Errorf("buf image: %w", err))
	}
	return set
}
