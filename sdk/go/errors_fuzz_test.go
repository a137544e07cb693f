package kanto_test

import (
	"testing"

	kanto "github.com/kanto-api/kanto/sdk/go"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/genproto/googleapis/rpc/status"
	"google.golang.org/grpc/codes"
	grpcstatus "google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/anypb"
)

// FuzzFieldViolations decodes arbitrary grpc-status-details-bin payloads,
// as a server (or anything between) may send them: Code and
// FieldViolations must never panic, and every violation they return comes
// from a google.rpc.BadRequest detail of the status.
func FuzzFieldViolations(f *testing.F) {
	br, err := anypb.New(&errdetails.BadRequest{FieldViolations: []*errdetails.BadRequest_FieldViolation{{Field: "pokemon.name", Reason: "string.min_len", Description: "too short"}}})
	if err != nil {
		f.Fatal(err)
	}
	seed, err := proto.Marshal(&status.Status{Code: int32(codes.InvalidArgument), Message: "invalid request", Details: []*anypb.Any{br, {TypeUrl: "type.googleapis.com/unknown.Type", Value: []byte{0xff}}}})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte{})
	f.Add([]byte{0x08, 0x03, 0x1a, 0x02, 0x0a, 0x00})
	f.Fuzz(func(t *testing.T, data []byte) {
		sp := &status.Status{}
		if err := proto.Unmarshal(data, sp); err != nil {
			return // grpc-go drops a details trailer it cannot parse
		}
		err := grpcstatus.ErrorProto(sp)
		_ = kanto.Code(err)
		got := kanto.FieldViolations(err)
		want := 0
		for _, d := range sp.GetDetails() {
			m := &errdetails.BadRequest{}
			if d.MessageIs(m) && d.UnmarshalTo(m) == nil {
				want += len(m.GetFieldViolations())
			}
		}
		if sp.GetCode() == 0 {
			want = 0 // an OK status is no error
		}
		if len(got) != want {
			t.Fatalf("FieldViolations = %d violations, want the %d of the BadRequest details of %v", len(got), want, sp)
		}
	})
}
