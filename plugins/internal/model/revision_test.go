package model_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/kanto-api/kanto/plugins/internal/model"
	tp "github.com/kanto-api/kanto/plugins/internal/testproto"
)

// writeTree writes files (slash-separated paths relative to dir, and
// their bodies) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestRevision pins the digest to what scripts/gen_meta.py computed for the
// same trees before protoc-gen-kanto took it over, so that revisions stay
// comparable across the change. Paths are ordered by their components
// ("a/b" before "a-c"), hidden files count, and symbolic links are
// followed to files only.
func TestRevision(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a/b": "x", "a-c": "yz", ".hidden": ""})
	check := func(want string) {
		t.Helper()
		got, err := model.Revision(dir)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("Revision = %s, want %s", got, want)
		}
	}
	check("d2bc2e3a037f")

	t.Run("symbolic links", func(t *testing.T) {
		writeTree(t, dir, map[string]string{"d/e": "w"})
		for link, target := range map[string]string{
			"a/linkdir": "../d",    // a directory: not walked again
			"link":      "a/b",     // a file: counts, with the file's bytes
			"dangling":  "nowhere", // skipped
		} {
			if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(link))); err != nil {
				t.Skipf("no symbolic links here: %v", err)
			}
		}
		check("11c75553f288")
	})
}

func TestRevisionOfAMissingDirectory(t *testing.T) {
	t.Parallel()
	if rev, err := model.Revision(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Errorf("Revision of a missing directory = %s, want an error", rev)
	}
}

// TestBuildSetsTheRevision: the model carries the revision of its service
// config root, and none without one.
func TestBuildSetsTheRevision(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	writeTree(t, root, map[string]string{"shop/v1/shop.proto": "syntax = \"proto3\";\n"})
	want, err := model.Revision(root)
	if err != nil {
		t.Fatal(err)
	}
	s, err := model.Build(tp.Plugin(t, "", shop("shop.v1", "ShopService")), model.Options{ServiceConfigRoot: root})
	if err != nil {
		t.Fatal(err)
	}
	if s.Revision != want {
		t.Errorf("Schema.Revision = %q, want %q", s.Revision, want)
	}
	s, err = model.Build(tp.Plugin(t, "", shop("shop.v1", "ShopService")), model.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Revision != "" {
		t.Errorf("Schema.Revision without a service config root = %q, want none", s.Revision)
	}
}
