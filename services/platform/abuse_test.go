package platform_test

// Transport abuse against the real server stack (platform.NewServer with
// its production settings, on 127.0.0.1:0): clients that speak raw HTTP/2
// the way attackers do, next to a well-behaved gRPC client that must still
// be served.

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
	"golang.org/x/net/http2"
	"golang.org/x/net/http2/hpack"
	"google.golang.org/protobuf/proto"
)

// rawConn is a client connection that speaks HTTP/2 frames directly.
type rawConn struct {
	t    *testing.T
	conn net.Conn
	fr   *http2.Framer
	mu   sync.Mutex // guards writes of fr and the encoder
	enc  *hpack.Encoder
	hbuf bytes.Buffer
}

// dialRaw opens a TCP connection, sends the client preface and an empty
// SETTINGS frame, and leaves reading to the test.
func dialRaw(t *testing.T, addr string) *rawConn {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if _, err := io.WriteString(conn, http2.ClientPreface); err != nil {
		t.Fatal(err)
	}
	c := &rawConn{t: t, conn: conn, fr: http2.NewFramer(conn, conn)}
	c.fr.SetMaxReadFrameSize(1 << 20)
	c.enc = hpack.NewEncoder(&c.hbuf)
	if err := c.fr.WriteSettings(); err != nil {
		t.Fatal(err)
	}
	return c
}

// headers sends the HEADERS frame of a gRPC call of method on stream id,
// with extra header fields.
func (c *rawConn) headers(id uint32, method string, endStream bool, extra ...hpack.HeaderField) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.hbuf.Reset()
	for _, f := range append([]hpack.HeaderField{
		{Name: ":method", Value: "POST"},
		{Name: ":scheme", Value: "http"},
		{Name: ":path", Value: method},
		{Name: ":authority", Value: "kanto"},
		{Name: "content-type", Value: "application/grpc"},
		{Name: "te", Value: "trailers"},
	}, extra...) {
		if err := c.enc.WriteField(f); err != nil {
			return err
		}
	}
	return c.fr.WriteHeaders(http2.HeadersFrameParam{StreamID: id, BlockFragment: c.hbuf.Bytes(), EndHeaders: true, EndStream: endStream})
}

// message sends a length-prefixed gRPC message on stream id.
func (c *rawConn) message(id uint32, m proto.Message, endStream bool) error {
	b, err := proto.Marshal(m)
	if err != nil {
		return err
	}
	frame := append([]byte{0, byte(len(b) >> 24), byte(len(b) >> 16), byte(len(b) >> 8), byte(len(b))}, b...)
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.fr.WriteData(id, endStream, frame)
}

// until reads frames, answering the server's SETTINGS, until match
// returns true for one, or the connection ends (then it returns the read
// error). Reads are bounded by the connection's deadline.
func (c *rawConn) until(match func(http2.Frame) bool) (http2.Frame, error) {
	for {
		f, err := c.fr.ReadFrame()
		if err != nil {
			return nil, err
		}
		if s, ok := f.(*http2.SettingsFrame); ok && !s.IsAck() {
			c.mu.Lock()
			err := c.fr.WriteSettingsAck()
			c.mu.Unlock()
			if err != nil {
				return nil, err
			}
		}
		if match(f) {
			return f, nil
		}
	}
}

// attackerID is the Pokédex number the abusive clients ask for; the fake
// handlers hold those calls, and answer the well-behaved client's at once.
const attackerID = 1

// served checks that a well-behaved client on its own connection gets an
// answer while the abuse goes on.
func served(t *testing.T, h *harness) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	if _, err := pokedexv1.NewPokemonServiceClient(h.conn).GetPokemon(ctx, &pokedexv1.GetPokemonRequest{Id: 25}); err != nil {
		t.Fatalf("a well-behaved client was not served: %v", err)
	}
}

// TestRapidReset plays the HTTP/2 rapid reset attack (CVE-2023-44487):
// HEADERS then RST_STREAM at once, thousands of times, on one connection.
// The handlers that run at the same time stay bounded by the connection's
// max concurrent streams, and a client on another connection is served.
func TestRapidReset(t *testing.T) {
	t.Parallel()
	const maxStreams, attacks = 8, 5000
	var running, peak atomic.Int64
	release := make(chan struct{})
	cfg := testConfig()
	cfg.MaxConcurrentStreams = maxStreams
	h := start(t, cfg, &fakePokedex{GetPokemonFn: func(ctx context.Context, req *pokedexv1.GetPokemonRequest) (*pokedexv1.GetPokemonResponse, error) {
		if req.GetId() != attackerID {
			return &pokedexv1.GetPokemonResponse{}, nil
		}
		n := running.Add(1)
		defer running.Add(-1)
		for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
		}
		// Work that goes on after its stream is reset, as a handler's
		// does until it next looks at its context: the attack's point is
		// to start more of it than the stream limit allows.
		<-release
		return &pokedexv1.GetPokemonResponse{}, nil
	}}, &fakePlanner{})
	h.waitServing(t)

	c := dialRaw(t, h.addr)
	go func() { _, _ = c.until(func(http2.Frame) bool { return false }) }() // drain the server's frames
	req := &pokedexv1.GetPokemonRequest{Id: attackerID}
	var sendErr error
	for i := range attacks {
		id := uint32(2*i + 1)
		if sendErr = c.headers(id, pokedexv1.PokemonService_GetPokemon_FullMethodName, false); sendErr != nil {
			break
		}
		if sendErr = c.message(id, req, true); sendErr != nil {
			break
		}
		c.mu.Lock()
		sendErr = c.fr.WriteRSTStream(id, http2.ErrCodeCancel)
		c.mu.Unlock()
		if sendErr != nil {
			break // the server may end the abusive connection: that is fine too
		}
	}
	served(t, h)
	close(release)
	if got := peak.Load(); got > maxStreams {
		t.Errorf("%d handlers ran at once on the attacked connection, above max concurrent streams %d", got, maxStreams)
	} else if got < maxStreams {
		t.Errorf("only %d handlers ran: the attack did not reach the limit of %d, so the test proves nothing", got, maxStreams)
	}
	t.Logf("rapid reset: %d HEADERS+RST_STREAM pairs sent (stopped by: %v); peak concurrent handlers %d of %d", attacks, sendErr, peak.Load(), maxStreams)
}

// TestPingFlood sends PING frames back to back: the server answers with
// GOAWAY ENHANCE_YOUR_CALM (too_many_pings) and keeps serving others.
func TestPingFlood(t *testing.T) {
	t.Parallel()
	h := start(t, testConfig(), &fakePokedex{GetPokemonFn: func(context.Context, *pokedexv1.GetPokemonRequest) (*pokedexv1.GetPokemonResponse, error) {
		return &pokedexv1.GetPokemonResponse{}, nil
	}}, &fakePlanner{})
	h.waitServing(t)
	c := dialRaw(t, h.addr)
	if err := c.conn.SetDeadline(time.Now().Add(30 * time.Second)); err != nil {
		t.Fatal(err)
	}
	go func() {
		for i := range 100 {
			c.mu.Lock()
			err := c.fr.WritePing(false, [8]byte{byte(i)})
			c.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	f, err := c.until(func(f http2.Frame) bool { _, ok := f.(*http2.GoAwayFrame); return ok })
	if err != nil {
		t.Fatalf("no GOAWAY after a ping flood: %v", err)
	}
	g := f.(*http2.GoAwayFrame)
	if g.ErrCode != http2.ErrCodeEnhanceYourCalm || !strings.Contains(string(g.DebugData()), "too_many_pings") {
		t.Errorf("GOAWAY %v %q, want ENHANCE_YOUR_CALM too_many_pings", g.ErrCode, g.DebugData())
	}
	served(t, h)
}

// TestStreamsBeyondTheLimit opens more streams on one connection than the
// server allows at once, ignoring its SETTINGS: the extra ones are refused
// (RST_STREAM REFUSED_STREAM), while the allowed ones proceed.
func TestStreamsBeyondTheLimit(t *testing.T) {
	t.Parallel()
	const maxStreams = 4
	release := make(chan struct{})
	var started atomic.Int64
	cfg := testConfig()
	cfg.MaxConcurrentStreams = maxStreams
	h := start(t, cfg, &fakePokedex{GetPokemonFn: func(ctx context.Context, req *pokedexv1.GetPokemonRequest) (*pokedexv1.GetPokemonResponse, error) {
		if req.GetId() != attackerID {
			return &pokedexv1.GetPokemonResponse{}, nil
		}
		started.Add(1)
		select {
		case <-release:
		case <-ctx.Done():
		}
		return &pokedexv1.GetPokemonResponse{}, nil
	}}, &fakePlanner{})
	h.waitServing(t)
	defer close(release)
	c := dialRaw(t, h.addr)
	if err := c.conn.SetDeadline(time.Now().Add(30 * time.Second)); err != nil {
		t.Fatal(err)
	}
	for i := range maxStreams + 2 {
		id := uint32(2*i + 1)
		if err := c.headers(id, pokedexv1.PokemonService_GetPokemon_FullMethodName, false); err != nil {
			t.Fatal(err)
		}
		if err := c.message(id, &pokedexv1.GetPokemonRequest{Id: attackerID}, true); err != nil {
			t.Fatal(err)
		}
	}
	f, err := c.until(func(f http2.Frame) bool {
		r, ok := f.(*http2.RSTStreamFrame)
		return ok && r.ErrCode == http2.ErrCodeRefusedStream
	})
	if err != nil {
		t.Fatalf("no stream refused beyond the limit of %d: %v", maxStreams, err)
	}
	if id := f.Header().StreamID; id <= 2*maxStreams-1 {
		t.Errorf("stream %d refused, but only streams after the first %d should be", id, maxStreams)
	}
	served(t, h)
}

// TestOversizeHeaders sends a request whose header block exceeds what the
// server accepts: the call is refused, not served, and the server stays
// up for others.
func TestOversizeHeaders(t *testing.T) {
	t.Parallel()
	var called atomic.Bool
	h := start(t, testConfig(), &fakePokedex{GetPokemonFn: func(context.Context, *pokedexv1.GetPokemonRequest) (*pokedexv1.GetPokemonResponse, error) {
		called.Store(true)
		return &pokedexv1.GetPokemonResponse{}, nil
	}}, &fakePlanner{})
	h.waitServing(t)
	c := dialRaw(t, h.addr)
	if err := c.conn.SetDeadline(time.Now().Add(30 * time.Second)); err != nil {
		t.Fatal(err)
	}
	// Split over CONTINUATION frames, as a header block this large must be.
	big := hpack.HeaderField{Name: "x-padding", Value: strings.Repeat("a", 1<<20)}
	c.hbuf.Reset()
	for _, f := range []hpack.HeaderField{{Name: ":method", Value: "POST"}, {Name: ":scheme", Value: "http"}, {Name: ":path", Value: pokedexv1.PokemonService_GetPokemon_FullMethodName}, {Name: ":authority", Value: "kanto"}, {Name: "content-type", Value: "application/grpc"}, big} {
		if err := c.enc.WriteField(f); err != nil {
			t.Fatal(err)
		}
	}
	block := c.hbuf.Bytes()
	const chunk = 16 << 10
	if err := c.fr.WriteHeaders(http2.HeadersFrameParam{StreamID: 1, BlockFragment: block[:chunk]}); err != nil {
		t.Fatal(err)
	}
	var err error
	for off := chunk; off < len(block) && err == nil; off += chunk {
		end := min(off+chunk, len(block))
		err = c.fr.WriteContinuation(1, end == len(block), block[off:end])
	}
	// The server answers the stream with an error status or ends the
	// connection; either way the handler never runs.
	_, rerr := c.until(func(f http2.Frame) bool {
		switch f := f.(type) {
		case *http2.RSTStreamFrame, *http2.GoAwayFrame:
			return true
		case *http2.HeadersFrame:
			return f.StreamEnded()
		}
		return false
	})
	if rerr != nil && !errors.Is(rerr, io.EOF) && !isConnReset(rerr) {
		t.Fatalf("reading the server's answer: %v (writing: %v)", rerr, err)
	}
	if called.Load() {
		t.Error("a call with a 1 MiB header block reached the handler")
	}
	served(t, h)
}

func isConnReset(err error) bool {
	return strings.Contains(err.Error(), "connection reset") || strings.Contains(err.Error(), "broken pipe")
}
