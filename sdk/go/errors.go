package kanto

import (
	"context"
	"errors"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// A FieldViolation names one invalid field of a request, as carried by the
// google.rpc.BadRequest detail of an INVALID_ARGUMENT error.
type FieldViolation struct {
	// Field is the path of the field in the request, for example
	// "pokemon.name", "place_ids[0]", or "" for a rule on the whole
	// message.
	Field string
	// Reason is the id of the protovalidate rule that failed, for example
	// "string.min_len".
	Reason string
	// Description says what is wrong, for people.
	Description string
}

// FieldViolations returns the field violations of err, in the order the
// server listed them, or nil if err carries none (it is nil, not a gRPC
// status error, or has no google.rpc.BadRequest detail). err may wrap the
// status error.
func FieldViolations(err error) []FieldViolation {
	st, ok := status.FromError(err)
	if !ok || st == nil {
		return nil
	}
	var out []FieldViolation
	for _, d := range st.Details() {
		br, ok := d.(*errdetails.BadRequest)
		if !ok {
			continue
		}
		for _, v := range br.GetFieldViolations() {
			out = append(out, FieldViolation{Field: v.GetField(), Reason: v.GetReason(), Description: v.GetDescription()})
		}
	}
	return out
}

// Code returns the gRPC status code of err: codes.OK for nil, the code of
// a status error (also when wrapped), codes.DeadlineExceeded and
// codes.Canceled for the context package's errors, and codes.Unknown for
// any other error.
func Code(err error) codes.Code {
	if err == nil {
		return codes.OK
	}
	if st, ok := status.FromError(err); ok {
		return st.Code()
	}
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return codes.DeadlineExceeded
	case errors.Is(err, context.Canceled):
		return codes.Canceled
	}
	return codes.Unknown
}
