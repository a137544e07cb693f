package contract

import (
	"context"
	"fmt"
	"slices"

	"buf.build/go/bufplugin/check"
	"github.com/kanto-api/kanto/plugins/internal/shape"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// listPagination finds near-misses of AIP-158: methods with some of the
// pagination fields that shape.DetectPagination (what the SDK generator
// uses) does not accept, so the SDKs would not page through them.
func listPagination(_ context.Context, req check.Request) ([]finding, error) {
	var out []finding
	for _, m := range allMethods(own(req.FileDescriptors())) {
		_, problems := shape.DetectPagination(m)
		for _, p := range problems {
			out = append(out, finding{
				rule:    ListPagination,
				message: fmt.Sprintf("%s looks paginated but does not follow AIP-158, so the SDKs will not page through it: %s.", methodName(m), p),
				at:      at(m),
			})
		}
	}
	return out, nil
}

// requestID finds AIP-155 request ids the SDKs cannot use
// (shape.DetectRequestID) or that a server cannot store safely
// (shape.RequestIDBounds). A request message shared by several methods
// is reported once for each problem.
func requestID(_ context.Context, req check.Request) ([]finding, error) {
	var out []finding
	seen := map[string]bool{}
	for _, m := range allMethods(own(req.FileDescriptors())) {
		rid, problems := shape.DetectRequestID(m)
		f := m.Input().Fields().ByName(shape.RequestIDField)
		if f == nil {
			continue
		}
		if rid != nil {
			problems = append(problems, shape.RequestIDBounds(rid.Field)...)
		}
		for _, p := range problems {
			key := string(f.FullName()) + "\x00" + p
			if seen[key] {
				continue
			}
			seen[key] = true
			out = append(out, finding{
				rule:    RequestIDFormat,
				message: fmt.Sprintf("%s is not an AIP-155 request id the SDKs can fill in and servers can store: %s.", fieldName(f), p),
				at:      at(f, fieldOptions, extValidate),
			})
		}
	}
	return out, nil
}

// fieldBehavior finds REQUIRED or IMMUTABLE added to a field present in
// both schemas: callers that leave the field empty, or change it in an
// update, fail where they succeeded before.
func fieldBehavior(_ context.Context, req check.Request) ([]finding, error) {
	var out []finding
	cur, prev := messages(own(req.FileDescriptors())), messages(own(req.AgainstFileDescriptors()))
	pairs(cur, prev, func(m, pm protoreflect.MessageDescriptor) {
		for i := range pm.Fields().Len() {
			pf := pm.Fields().Get(i)
			f := m.Fields().ByNumber(pf.Number())
			if f == nil {
				continue
			}
			old, now := shape.FieldBehaviors(pf), shape.FieldBehaviors(f)
			for _, b := range []struct{ name, rule string }{{"REQUIRED", FieldBehaviorNoAddRequired}, {"IMMUTABLE", FieldBehaviorNoAddImmutable}} {
				if slices.Contains(now, b.name) && !slices.Contains(old, b.name) {
					out = append(out, finding{
						rule:    b.rule,
						message: fmt.Sprintf("%s added google.api.field_behavior %s (field_behavior changed from %s to %s).", fieldName(f), b.name, behaviors(old), behaviors(now)),
						at:      at(f, fieldOptions, extFieldBehavior), against: at(pf),
					})
				}
			}
		}
	})
	return out, nil
}

func behaviors(b []string) string {
	if len(b) == 0 {
		return "none"
	}
	return fmt.Sprint(b)
}
