package store

import (
	"os"
	"path/filepath"
	"testing"
)

// TestPingFollowsTheFile makes the database really unreachable, by moving
// its directory away, and brings it back: Ping fails while it is away,
// although the open connections still hold the file, and passes again
// after, with the data intact.
func TestPingFollowsTheFile(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dir := filepath.Join(root, "data")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	s, err := Open(t.Context(), filepath.Join(dir, "pokédex #1%.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	if err := s.Ping(t.Context()); err != nil {
		t.Fatalf("Ping of a fresh store: %v", err)
	}

	away := filepath.Join(root, "away")
	if err := os.Rename(dir, away); err != nil {
		t.Fatal(err)
	}
	if err := s.Ping(t.Context()); err == nil {
		t.Error("Ping passed while the database's directory was gone")
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("Ping recreated %s (%v): it must never create a database", dir, err)
	}

	if err := os.Rename(away, dir); err != nil {
		t.Fatal(err)
	}
	if err := s.Ping(t.Context()); err != nil {
		t.Errorf("Ping after the directory came back: %v", err)
	}
	if p, err := s.GetPokemon(t.Context(), 25); err != nil || p.Name != "Pikachu" {
		t.Errorf("GetPokemon(25) = %v, %v", p.Name, err)
	}
}

func TestPingInMemory(t *testing.T) {
	t.Parallel()
	s, err := Open(t.Context(), MemoryPath)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Ping(t.Context()); err != nil {
		t.Errorf("Ping: %v", err)
	}
}
