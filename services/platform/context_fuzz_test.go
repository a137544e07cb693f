package platform

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzRequestID feeds arbitrary x-request-id values, as a client may send
// them: what the services keep and log is the caller's id when it is
// short and printable, and a fresh one otherwise, never anything that
// could forge a log line or bloat metadata.
func FuzzRequestID(f *testing.F) {
	for _, seed := range []string{"", "abc-123", "a\nb", "x\x00y", strings.Repeat("a", 128), strings.Repeat("a", 129), "Ω", "req:1.2_3-4"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, sent string) {
		got := RequestID(sent)
		if !validRequestID.MatchString(got) {
			t.Fatalf("RequestID(%q) = %q, not a valid id", sent, got)
		}
		if !utf8.ValidString(got) || len(got) > 128 {
			t.Fatalf("RequestID(%q) = %q", sent, got)
		}
		if validRequestID.MatchString(sent) && got != sent {
			t.Fatalf("RequestID(%q) = %q, want the caller's valid id kept", sent, got)
		}
	})
}
