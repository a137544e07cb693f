package typescript

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// revisionLength is how many hex digits of the digest the revision keeps.
const revisionLength = 12

// schemaRevision is the digest of every file under root, exactly as
// scripts/gen_meta.py computes it for gen/go, gen/python and gen/java (and
// the services, which log a client's revision against their own): over
// the files in the order of their paths' components, the length (4 bytes,
// big-endian) and bytes of the path relative to root, then the length (8
// bytes) and bytes of the file.
//
// The TypeScript SDK takes its revision from here rather than from
// gen_meta.py's output so that its generated tree is complete by itself:
// an SDK built against another tree (KANTO_GEN_DIR) reports that tree's
// schema.
func schemaRevision(root string) (string, error) {
	var files [][]string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := os.Stat(p) // follows symbolic links, as Path.is_file does
		if err != nil || !info.Mode().IsRegular() {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		files = append(files, strings.Split(filepath.ToSlash(rel), "/"))
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("protoc-gen-kanto: schema revision of %s: %w", root, err)
	}
	// Python orders paths by their components, not as strings: "a/b"
	// before "a-c".
	slices.SortFunc(files, slices.Compare)
	h := sha256.New()
	for _, parts := range files {
		rel := strings.Join(parts, "/")
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
