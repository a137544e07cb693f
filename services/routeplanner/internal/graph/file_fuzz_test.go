package graph

import (
	"bytes"
	"errors"
	"testing"
)

// FuzzRead feeds arbitrary bytes to the KGRAPH01 reader, as a -graph file
// may hold: it must never panic or allocate what the input cannot back,
// every error about the contents wraps ErrInvalid, and a graph it accepts
// writes back to bytes it reads again as the same graph.
func FuzzRead(f *testing.F) {
	g, err := Generate(GenerateConfig{Nodes: 40, Seed: 7})
	if err != nil {
		f.Fatal(err)
	}
	var valid bytes.Buffer
	if err := g.Write(&valid); err != nil {
		f.Fatal(err)
	}
	f.Add(valid.Bytes())
	f.Add(valid.Bytes()[:valid.Len()/2])
	f.Add([]byte(magic))
	f.Add(append([]byte(magic), 0xff, 0xff, 0xff, 0x7f, 0xff, 0xff, 0xff, 0x3f))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := Read(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("Read: %v does not wrap ErrInvalid", err)
			}
			return
		}
		var again bytes.Buffer
		if err := g.Write(&again); err != nil {
			t.Fatalf("Write of a graph Read accepted: %v", err)
		}
		g2, err := Read(&again)
		if err != nil {
			t.Fatalf("Read of what Write wrote: %v", err)
		}
		if g2.NumNodes() != g.NumNodes() || len(g2.edges) != len(g.edges) {
			t.Fatalf("round trip: %d nodes, %d edges; want %d, %d", g2.NumNodes(), len(g2.edges), g.NumNodes(), len(g.edges))
		}
	})
}
