package graph

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
)

// The graph file format is binary, little-endian, and small enough to
// describe in full:
//
//	header, 16 bytes:
//	  [8]byte  magic "KGRAPH01" (the last two bytes are the format version)
//	  uint32   N, the number of nodes
//	  uint32   M, the number of undirected edges
//	N node records, in NodeID order (the first record is node 0):
//	  float64  latitude in degrees
//	  float64  longitude in degrees
//	  uint8    kind (0 place, 1 town, 2 city, 3 route, 4 sea route, 5 dungeon)
//	  uint8    id length, 1 to 64
//	  uint16   name length, 0 to 65535 (0: the id is shown as the name)
//	  id bytes, then name bytes (UTF-8)
//	M edge records, 16 bytes each:
//	  uint32   one end's NodeID
//	  uint32   the other end's NodeID
//	  float64  factor, at least 1
//
// Nothing may follow the last edge. Edge lengths are not stored: they are
// the great-circle distances between the ends, computed on loading, so a
// file cannot disagree with its own coordinates. The rules of New apply to
// the contents.
//
// Binary rather than text because a million-node graph then loads in a
// fraction of a second (about 85 MB for a million nodes and 2.3 million
// edges), and the loader reads records straight into the graph's slices.
const magic = "KGRAPH01"

const (
	headerSize     = 16
	nodeFixedSize  = 20
	edgeRecordSize = 16
	// readChunk caps what a header's counts can make the loader allocate
	// before the data is seen, so a corrupt header fails with an error
	// instead of exhausting memory.
	readChunk = 1 << 16
)

// Write writes the graph to w in the graph file format.
func (g *Graph) Write(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	var buf [headerSize]byte
	copy(buf[:8], magic)
	binary.LittleEndian.PutUint32(buf[8:], uint32(len(g.ids)))
	binary.LittleEndian.PutUint32(buf[12:], uint32(len(g.edges)))
	bw.Write(buf[:])
	var rec [max(nodeFixedSize, edgeRecordSize)]byte
	for v := range g.ids {
		if len(g.names[v]) > math.MaxUint16 {
			return fmt.Errorf("node %q: name longer than %d bytes", g.ids[v], math.MaxUint16)
		}
		binary.LittleEndian.PutUint64(rec[0:], math.Float64bits(g.lat[v]))
		binary.LittleEndian.PutUint64(rec[8:], math.Float64bits(g.lng[v]))
		rec[16] = byte(g.kinds[v])
		rec[17] = byte(len(g.ids[v]))
		binary.LittleEndian.PutUint16(rec[18:], uint16(len(g.names[v])))
		bw.Write(rec[:nodeFixedSize])
		bw.WriteString(g.ids[v])
		bw.WriteString(g.names[v])
	}
	for _, e := range g.edges {
		binary.LittleEndian.PutUint32(rec[0:], uint32(e.From))
		binary.LittleEndian.PutUint32(rec[4:], uint32(e.To))
		binary.LittleEndian.PutUint64(rec[8:], math.Float64bits(e.Factor))
		bw.Write(rec[:edgeRecordSize])
	}
	// bufio.Writer keeps the first error, so checking once here is enough.
	return bw.Flush()
}

// WriteFile writes the graph to a new file at path, replacing any file
// there.
func (g *Graph) WriteFile(path string) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, f.Close()) }()
	return g.Write(f)
}

// ReadFile loads a graph file; see Read.
func ReadFile(path string) (g *Graph, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer func() { err = errors.Join(err, f.Close()) }()
	size := int64(-1)
	if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
		size = info.Size()
	}
	g, err = read(f, size)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return g, nil
}

// Read loads a graph in the graph file format. Errors about the contents
// wrap ErrInvalid; a file that ends early is reported as invalid too.
func Read(r io.Reader) (*Graph, error) {
	return read(r, -1)
}

// read is Read with the input's size if known (else -1): when the size can
// hold what the header announces, the slices are allocated once at full
// size instead of growing.
func read(r io.Reader, size int64) (*Graph, error) {
	br := bufio.NewReaderSize(r, 1<<20)
	var header [headerSize]byte
	if _, err := io.ReadFull(br, header[:]); err != nil {
		return nil, readError("header", err)
	}
	if string(header[:8]) != magic {
		return nil, invalid("not a graph file (magic %q, want %q)", header[:8], magic)
	}
	n := int(binary.LittleEndian.Uint32(header[8:]))
	m := int(binary.LittleEndian.Uint32(header[12:]))
	if n >= math.MaxInt32 || m >= math.MaxInt32/2 {
		return nil, invalid("%d nodes and %d edges is too many", n, m)
	}

	nodeCap, edgeCap, textCap := min(n, readChunk), min(m, readChunk), 0
	if minSize := int64(headerSize) + int64(n)*(nodeFixedSize+1) + int64(m)*edgeRecordSize; size >= minSize {
		nodeCap, edgeCap = n, m
		textCap = int(size - minSize + int64(n))
	}
	g := &Graph{
		lat:   make([]float64, 0, nodeCap),
		lng:   make([]float64, 0, nodeCap),
		kinds: make([]Kind, 0, nodeCap),
	}
	// All ids and names go into one buffer that becomes one string, which
	// the nodes' strings then share: two allocations instead of two per
	// node.
	text := make([]byte, 0, textCap)
	bounds := make([]uint32, 0, 2*nodeCap)
	var rec [nodeFixedSize]byte
	for v := range n {
		if _, err := io.ReadFull(br, rec[:]); err != nil {
			return nil, readError(fmt.Sprintf("node %d", v), err)
		}
		g.lat = append(g.lat, math.Float64frombits(binary.LittleEndian.Uint64(rec[0:])))
		g.lng = append(g.lng, math.Float64frombits(binary.LittleEndian.Uint64(rec[8:])))
		g.kinds = append(g.kinds, Kind(rec[16]))
		idLen, nameLen := int(rec[17]), int(binary.LittleEndian.Uint16(rec[18:]))
		start := len(text)
		text = append(text, make([]byte, idLen+nameLen)...)
		if _, err := io.ReadFull(br, text[start:]); err != nil {
			return nil, readError(fmt.Sprintf("node %d", v), err)
		}
		if len(text) >= math.MaxUint32 {
			return nil, invalid("ids and names exceed 4 GiB")
		}
		bounds = append(bounds, uint32(start+idLen), uint32(len(text)))
	}
	all := string(text)
	text = nil
	g.ids, g.names = make([]string, n), make([]string, n)
	start := uint32(0)
	for v := range n {
		mid, end := bounds[2*v], bounds[2*v+1]
		g.ids[v], g.names[v] = all[start:mid], all[mid:end]
		start = end
	}

	g.edges = make([]Edge, 0, edgeCap)
	chunk := make([]byte, edgeRecordSize*1024)
	for read := 0; read < m; {
		batch := min(m-read, len(chunk)/edgeRecordSize)
		buf := chunk[:batch*edgeRecordSize]
		if _, err := io.ReadFull(br, buf); err != nil {
			return nil, readError(fmt.Sprintf("edge %d", read), err)
		}
		for i := 0; i < len(buf); i += edgeRecordSize {
			from := binary.LittleEndian.Uint32(buf[i:])
			to := binary.LittleEndian.Uint32(buf[i+4:])
			if from >= uint32(n) || to >= uint32(n) {
				return nil, invalid("edge %d: ends %d and %d must be nodes of %d", read+i/edgeRecordSize, from, to, n)
			}
			g.edges = append(g.edges, Edge{
				From:   NodeID(from),
				To:     NodeID(to),
				Factor: math.Float64frombits(binary.LittleEndian.Uint64(buf[i+8:])),
			})
		}
		read += batch
	}
	if _, err := br.ReadByte(); err == nil {
		return nil, invalid("data after the last edge")
	} else if !errors.Is(err, io.EOF) {
		return nil, err
	}
	if err := g.build(); err != nil {
		return nil, err
	}
	return g, nil
}

// readError reports a short read as invalid data, and passes other I/O
// errors through.
func readError(what string, err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return invalid("file ends inside %s", what)
	}
	return fmt.Errorf("reading %s: %w", what, err)
}
