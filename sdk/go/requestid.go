package kanto

import (
	"crypto/rand"
	"fmt"
)

// NewRequestID returns a random (version 4) UUID in its canonical text
// form. The generated clients fill an empty AIP-155 request_id with one
// before a call's first attempt; use it to choose an id yourself when you
// retry a call by hand. It never fails: crypto/rand ends the program if
// the system's random source does.
func NewRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])  // documented to never return an error
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 9562 variant
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
