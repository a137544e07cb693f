package platform

import (
	"strings"
	"sync"
	"unicode/utf8"

	"buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go/buf/validate"
	"google.golang.org/grpc/encoding"
	protoenc "google.golang.org/grpc/encoding/proto"
	"google.golang.org/grpc/mem"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// utf8Codec is grpc-go's proto codec, except for requests with a string
// field that is not valid UTF-8. Such a request is the caller's mistake,
// but grpc-go refuses anything its codec cannot decode as INTERNAL
// ("grpc: error unmarshalling request"), before any interceptor runs. So
// this codec accepts it, notes on the side which field is at fault, and
// the interceptors answer INVALID_ARGUMENT naming the field before any
// handler sees the (partly decoded) message.
type utf8Codec struct {
	encoding.CodecV2
	// faults maps a message that failed to decode to the path of its
	// invalid field. The interceptors take every entry they are given a
	// message for, first thing, so none stays behind.
	faults *sync.Map
}

func newUTF8Codec() utf8Codec {
	return utf8Codec{CodecV2: encoding.GetCodecV2(protoenc.Name), faults: &sync.Map{}}
}

func (c utf8Codec) Unmarshal(data mem.BufferSlice, v any) error {
	err := c.CodecV2.Unmarshal(data, v)
	if err == nil || !strings.Contains(err.Error(), "invalid UTF-8") {
		return err
	}
	m, ok := v.(proto.Message)
	if !ok {
		return err
	}
	path := invalidUTF8Field(data.Materialize(), m.ProtoReflect().Descriptor())
	if path == nil {
		return err // not a field this walk can name: keep grpc-go's answer
	}
	c.faults.Store(v, path)
	return nil
}

// takeFault removes and returns the UTF-8 fault noted for msg, if any, as
// the status the call answers.
func (c utf8Codec) takeFault(msg any) error {
	if c.faults == nil {
		return nil
	}
	path, ok := c.faults.LoadAndDelete(msg)
	if !ok {
		return nil
	}
	field := validate.FieldPath_builder{Elements: path.([]*validate.FieldPathElement)}.Build()
	return InvalidArgument(Violation(field, "string.valid_utf8", "value must be valid UTF-8"))
}

// invalidUTF8Field walks the wire form of a message of type md and returns
// the path of its first string field that is not valid UTF-8, element by
// element as protovalidate names fields (pokemon.name, place_ids[0]), or
// nil.
func invalidUTF8Field(b []byte, md protoreflect.MessageDescriptor) []*validate.FieldPathElement {
	counts := map[protowire.Number]uint64{}
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return nil
		}
		b = b[n:]
		fd := md.Fields().ByNumber(num)
		if typ != protowire.BytesType || fd == nil {
			if n = protowire.ConsumeFieldValue(num, typ, b); n < 0 {
				return nil
			}
			b = b[n:]
			continue
		}
		v, n := protowire.ConsumeBytes(b)
		if n < 0 {
			return nil
		}
		b = b[n:]
		el := validate.FieldPathElement_builder{FieldName: proto.String(string(fd.Name()))}
		if fd.IsList() {
			el.Index = proto.Uint64(counts[num])
			counts[num]++
		}
		here := []*validate.FieldPathElement{el.Build()}
		switch {
		case fd.Kind() == protoreflect.StringKind && !utf8.Valid(v):
			return here
		case fd.IsMap():
			// A map entry is a message of key and value; either may be
			// the string at fault, and the field is what a client can fix.
			if invalidUTF8Field(v, fd.Message()) != nil {
				return here
			}
		case fd.Kind() == protoreflect.MessageKind:
			if sub := invalidUTF8Field(v, fd.Message()); sub != nil {
				return append(here, sub...)
			}
		}
	}
	return nil
}
