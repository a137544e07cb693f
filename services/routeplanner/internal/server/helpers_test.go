package server_test

import (
	"math"
	"time"

	"github.com/google/go-cmp/cmp"
	"google.golang.org/protobuf/types/known/durationpb"
)

func durationOf(d time.Duration) *durationpb.Duration { return durationpb.New(d) }

// cmpApprox treats floats within a millimetre (relative 1e-9) as equal:
// sums of distances differ in the last bits with the order of addition.
func cmpApprox() cmp.Option {
	return cmp.Comparer(func(a, b float64) bool {
		return a == b || math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b))
	})
}
