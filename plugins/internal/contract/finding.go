package contract

import (
	"context"
	"sort"

	"buf.build/go/bufplugin/check"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// A finding is one violation of one rule. Several rules share the
// comparison that finds their violations (one pass over the HTTP
// bindings finds verb, path and body changes), so a finder returns the
// findings of all of them and each rule's handler keeps its own.
type finding struct {
	rule    string
	message string
	// at and against locate the finding in the current and the previous
	// schema; against is nil for lint.
	at, against location
}

// A location is a descriptor and, optionally, the path below it to the
// option that the finding is about (the google.api.http option of a
// method, the string.max_len of a field's rules), so that the finding
// points at the line and column of the option, like buf's own findings
// point at what changed. Without source info for that path it points at
// the descriptor.
type location struct {
	desc protoreflect.Descriptor
	path []int32
}

func at(d protoreflect.Descriptor, path ...int32) location { return location{desc: d, path: path} }

// A finder returns the findings of one or more rules.
type finder func(ctx context.Context, req check.Request) ([]finding, error)

// only is the handler of rule id: it runs f and reports the findings of
// that rule, in a stable order.
func only(id string, f finder) check.RuleHandler {
	return check.RuleHandlerFunc(func(ctx context.Context, w check.ResponseWriter, req check.Request) error {
		found, err := f(ctx, req)
		if err != nil {
			return err
		}
		sort.SliceStable(found, func(i, j int) bool { return found[i].message < found[j].message })
		for _, fd := range found {
			if fd.rule != id {
				continue
			}
			opts := []check.AddAnnotationOption{check.WithMessage(fd.message)}
			opts = append(opts, fd.at.options(false)...)
			if fd.against.desc != nil {
				opts = append(opts, fd.against.options(true)...)
			}
			w.AddAnnotation(opts...)
		}
		return nil
	})
}

func (l location) options(against bool) []check.AddAnnotationOption {
	if l.desc == nil {
		return nil
	}
	if len(l.path) > 0 {
		if file := l.desc.ParentFile(); file != nil {
			locs := file.SourceLocations()
			base := locs.ByDescriptor(l.desc).Path
			if base != nil || l.desc == file {
				// The longest prefix of the option's path that has a
				// location: options set in one aggregate value have
				// none for their inner fields.
				for n := len(l.path); n > 0; n-- {
					p := append(append(protoreflect.SourcePath{}, base...), l.path[:n]...)
					if loc := locs.ByPath(p); loc.Path != nil {
						if against {
							return []check.AddAnnotationOption{check.WithAgainstFileNameAndSourcePath(file.Path(), p)}
						}
						return []check.AddAnnotationOption{check.WithFileNameAndSourcePath(file.Path(), p)}
					}
				}
			}
		}
	}
	if against {
		return []check.AddAnnotationOption{check.WithAgainstDescriptor(l.desc)}
	}
	return []check.AddAnnotationOption{check.WithDescriptor(l.desc)}
}

// Option paths below a descriptor: the options field of each descriptor
// proto, then the extension's number.
const (
	messageOptions = 7 // DescriptorProto.options
	fieldOptions   = 8 // FieldDescriptorProto.options
	oneofOptions   = 2 // OneofDescriptorProto.options
	methodOptions  = 4 // MethodDescriptorProto.options

	extHTTP          = 72295728 // google.api.http
	extFieldBehavior = 1052     // google.api.field_behavior
	extValidate      = 1159     // buf.validate.field, .message and .oneof
)
