package faults

import (
	"context"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// FuzzParse feeds arbitrary fault specs to the parser, as the -faults flag
// and KANTO_<BINARY>_FAULTS may hold: it must never panic, and what it
// accepts must inject only what a spec can say, a latency and a non-OK
// status code.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{"", "GetRoutes=300ms", "ListEncounters=UNAVAILABLE@0.5", "*=INTERNAL#2", "a=b=c", "x=-1s", "=", ",,,", "GetPokemon=OK", "M=UNAVAILABLE@NaN", "M=UNAVAILABLE#9223372036854775807"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		fs, err := Parse(spec)
		if err != nil {
			return
		}
		if fs.String() != spec {
			t.Fatalf("String() = %q, want the spec %q", fs.String(), spec)
		}
		for _, l := range fs.latency {
			if l < 0 {
				t.Fatalf("Parse(%q) accepted a negative latency", spec)
			}
		}
		// An already-expired context bounds any latency the spec asks for.
		ctx, cancel := context.WithDeadline(context.Background(), time.Unix(0, 0))
		defer cancel()
		for _, method := range []string{"/a.b.v1.S/GetRoutes", "/a.b.v1.S/X"} {
			if err := fs.Inject(ctx, method); err != nil {
				if c := status.Code(err); c == codes.OK || c == codes.Unknown {
					t.Fatalf("Parse(%q): injected %v", spec, err)
				}
			}
		}
	})
}
