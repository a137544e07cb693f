package platform

import (
	"errors"
	"strings"

	"buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go/buf/validate"
	"buf.build/go/protovalidate"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
)

// ValidationStatus turns a protovalidate validation error into an
// INVALID_ARGUMENT status that carries the violations twice: as a
// google.rpc.BadRequest, which every language's standard status helpers
// read, and as buf.validate.Violations, which keeps the rule ids.
func ValidationStatus(verr *protovalidate.ValidationError) *status.Status {
	return violationsStatus(verr.ToProto().GetViolations())
}

// InvalidArgument returns an INVALID_ARGUMENT error with the same details as
// ValidationStatus, for checks a handler makes itself. Each violation needs
// at least a field path (see FieldPath), a rule id and a message.
func InvalidArgument(violations ...*validate.Violation) error {
	return violationsStatus(violations).Err()
}

// Violation builds one violation for InvalidArgument.
func Violation(field *validate.FieldPath, ruleID, message string) *validate.Violation {
	return validate.Violation_builder{Field: field, RuleId: proto.String(ruleID), Message: proto.String(message)}.Build()
}

// FieldPath builds a field path from field names, for example
// FieldPath("pokemon", "name") for "pokemon.name".
func FieldPath(names ...string) *validate.FieldPath {
	elements := make([]*validate.FieldPathElement, len(names))
	for i, name := range names {
		elements[i] = validate.FieldPathElement_builder{FieldName: proto.String(name)}.Build()
	}
	return validate.FieldPath_builder{Elements: elements}.Build()
}

// ValidationError reports whether err is a protovalidate validation error and
// returns it, so handlers can map it with ValidationStatus.
func ValidationError(err error) (*protovalidate.ValidationError, bool) {
	var verr *protovalidate.ValidationError
	ok := errors.As(err, &verr)
	return verr, ok
}

func violationsStatus(violations []*validate.Violation) *status.Status {
	badRequest := &errdetails.BadRequest{}
	summary := make([]string, 0, len(violations))
	for _, v := range violations {
		field := protovalidate.FieldPathString(v.GetField())
		badRequest.FieldViolations = append(badRequest.FieldViolations, &errdetails.BadRequest_FieldViolation{
			Field:       field,
			Description: v.GetMessage(),
			Reason:      v.GetRuleId(),
		})
		if field == "" {
			summary = append(summary, v.GetMessage())
		} else {
			summary = append(summary, field+": "+v.GetMessage())
		}
	}
	st := status.New(codes.InvalidArgument, "invalid request: "+strings.Join(summary, "; "))
	withDetails, err := st.WithDetails(badRequest, validate.Violations_builder{Violations: violations}.Build())
	if err != nil {
		// Only a details type that cannot be marshalled fails here, and both
		// are generated messages: keep the bare status rather than panic.
		return st
	}
	return withDetails
}
