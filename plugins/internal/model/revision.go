package model

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// revisionLength is the revision's length in hex digits (48 bits): as
// short as a git abbreviation that never collides in a schema's lifetime.
const revisionLength = 12

// Revision is a digest of every file under root (the schema's proto/
// directory): each file's path relative to root and its bytes, in path
// order, so it does not depend on the checkout's location, file times or
// tool versions. Any change under proto/, comments and service configs
// included, gives a new revision. It is a content digest rather than a
// git commit because the generated code is committed together with the
// schema it came from, and a commit cannot name itself.
//
// The SDKs send it in their user agents and the services log it, so a
// caller generated from another schema than the server's shows up.
func Revision(root string) (string, error) {
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		// Regular files only, following symbolic links (a link to a file
		// counts; one to a directory is not walked, and a dangling one is
		// skipped), as the revision has always been computed (by
		// scripts/gen_meta.py before protoc-gen-kanto took it over), so
		// revisions stay comparable across that change.
		info, err := os.Stat(p)
		if errors.Is(err, fs.ErrNotExist) {
			return nil // a dangling link
		}
		if err != nil || !info.Mode().IsRegular() {
			return err
		}
		rel, err := filepath.Rel(root, p)
		files = append(files, filepath.ToSlash(rel))
		return err
	})
	if err != nil {
		return "", fmt.Errorf("protoc-gen-kanto: schema revision of %s: %w", root, err)
	}
	// Path order compares element by element ("a/x" before "a-b/x").
	slices.SortFunc(files, func(a, b string) int {
		return slices.Compare(strings.Split(a, "/"), strings.Split(b, "/"))
	})
	h := sha256.New()
	for _, rel := range files {
		body, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil {
			return "", fmt.Errorf("protoc-gen-kanto: schema revision: %w", err)
		}
		h.Write(binary.BigEndian.AppendUint32(nil, uint32(len(rel))))
		h.Write([]byte(rel))
		h.Write(binary.BigEndian.AppendUint64(nil, uint64(len(body))))
		h.Write(body)
	}
	return hex.EncodeToString(h.Sum(nil))[:revisionLength], nil
}
