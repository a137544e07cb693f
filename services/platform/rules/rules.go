// Package rules reads validation limits from the schema: the protovalidate
// rules (buf.validate.field options) on the generated descriptors. Code
// that needs a limit the schema states, to check a request defensively or
// to size its calls to another service, reads it here once, at package
// initialization, instead of copying the number: the schema stays the one
// place where it is written.
//
// The functions panic when the field or the rule does not exist: that is
// a mismatch between the code and the schema, found by the first test or
// start of the binary that uses them.
package rules

import (
	"fmt"

	"buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go/buf/validate"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// Field returns the protovalidate rules of field name of msg's message
// type, as the schema states them.
func Field(msg proto.Message, name protoreflect.Name) *validate.FieldRules {
	md := msg.ProtoReflect().Descriptor()
	fd := md.Fields().ByName(name)
	if fd == nil {
		panic(fmt.Sprintf("rules: %s has no field %s", md.FullName(), name))
	}
	r, ok := proto.GetExtension(fd.Options(), validate.E_Field).(*validate.FieldRules)
	if !ok || r == nil {
		panic(fmt.Sprintf("rules: %s has no protovalidate rules", fd.FullName()))
	}
	return r
}

// Int32Range returns the inclusive bounds the schema gives an int32 field
// (gte or gt, lte or lt).
func Int32Range(msg proto.Message, name protoreflect.Name) (lo, hi int32) {
	r := Field(msg, name).GetInt32()
	switch {
	case r.HasGte():
		lo = r.GetGte()
	case r.HasGt():
		lo = r.GetGt() + 1
	default:
		panic(fmt.Sprintf("rules: %s.%s has no lower bound", msg.ProtoReflect().Descriptor().FullName(), name))
	}
	switch {
	case r.HasLte():
		hi = r.GetLte()
	case r.HasLt():
		hi = r.GetLt() - 1
	default:
		panic(fmt.Sprintf("rules: %s.%s has no upper bound", msg.ProtoReflect().Descriptor().FullName(), name))
	}
	return lo, hi
}

// DoubleRange returns the inclusive bounds (gte and lte) the schema gives
// a double field.
func DoubleRange(msg proto.Message, name protoreflect.Name) (lo, hi float64) {
	r := Field(msg, name).GetDouble()
	if !r.HasGte() || !r.HasLte() {
		panic(fmt.Sprintf("rules: %s.%s has no inclusive range (gte and lte)", msg.ProtoReflect().Descriptor().FullName(), name))
	}
	return r.GetGte(), r.GetLte()
}

// MaxItems returns the most items the schema allows a repeated field.
func MaxItems(msg proto.Message, name protoreflect.Name) int {
	r := Field(msg, name).GetRepeated()
	if !r.HasMaxItems() {
		panic(fmt.Sprintf("rules: %s.%s has no max_items", msg.ProtoReflect().Descriptor().FullName(), name))
	}
	return int(r.GetMaxItems())
}
