// Package testproto builds small schemas in memory for the plugins' unit
// tests, without a compiler: file descriptors written as Go values.
package testproto

import (
	"testing"

	"google.golang.org/protobuf/compiler/protogen"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/descriptorpb"
	"google.golang.org/protobuf/types/pluginpb"
)

// Field returns a singular field.
func Field(name string, number int32, typ descriptorpb.FieldDescriptorProto_Type, typeName string) *descriptorpb.FieldDescriptorProto {
	f := &descriptorpb.FieldDescriptorProto{
		Name:   proto.String(name),
		Number: proto.Int32(number),
		Label:  descriptorpb.FieldDescriptorProto_LABEL_OPTIONAL.Enum(),
		Type:   typ.Enum(),
	}
	if typeName != "" {
		f.TypeName = proto.String(typeName)
	}
	return f
}

// Repeated returns a repeated field.
func Repeated(name string, number int32, typ descriptorpb.FieldDescriptorProto_Type, typeName string) *descriptorpb.FieldDescriptorProto {
	f := Field(name, number, typ, typeName)
	f.Label = descriptorpb.FieldDescriptorProto_LABEL_REPEATED.Enum()
	return f
}

// Message returns a message with fields.
func Message(name string, fields ...*descriptorpb.FieldDescriptorProto) *descriptorpb.DescriptorProto {
	return &descriptorpb.DescriptorProto{Name: proto.String(name), Field: fields}
}

// Method returns a method of a service in package pkg; in and out are
// message names of that package.
func Method(pkg, name, in, out string, clientStream, serverStream bool) *descriptorpb.MethodDescriptorProto {
	m := &descriptorpb.MethodDescriptorProto{
		Name:       proto.String(name),
		InputType:  proto.String("." + pkg + "." + in),
		OutputType: proto.String("." + pkg + "." + out),
	}
	if clientStream {
		m.ClientStreaming = proto.Bool(true)
	}
	if serverStream {
		m.ServerStreaming = proto.Bool(true)
	}
	return m
}

// Idempotent sets a method's idempotency_level.
func Idempotent(m *descriptorpb.MethodDescriptorProto, level descriptorpb.MethodOptions_IdempotencyLevel) *descriptorpb.MethodDescriptorProto {
	if m.Options == nil {
		m.Options = &descriptorpb.MethodOptions{}
	}
	m.Options.IdempotencyLevel = level.Enum()
	return m
}

// File returns a proto3 file of package pkg at path, with a go_package
// under example.com/gen.
func File(path, pkg string, messages []*descriptorpb.DescriptorProto, services ...*descriptorpb.ServiceDescriptorProto) *descriptorpb.FileDescriptorProto {
	return &descriptorpb.FileDescriptorProto{
		Name:        proto.String(path),
		Package:     proto.String(pkg),
		Syntax:      proto.String("proto3"),
		MessageType: messages,
		Service:     services,
		Options:     &descriptorpb.FileOptions{GoPackage: proto.String("example.com/gen/" + pkg)},
	}
}

// Service returns a service.
func Service(name string, methods ...*descriptorpb.MethodDescriptorProto) *descriptorpb.ServiceDescriptorProto {
	return &descriptorpb.ServiceDescriptorProto{Name: proto.String(name), Method: methods}
}

// Plugin returns a protogen.Plugin generating every file given, with the
// parameter param. The files must only import each other and the
// well-known types.
func Plugin(t *testing.T, param string, files ...*descriptorpb.FileDescriptorProto) *protogen.Plugin {
	t.Helper()
	req := &pluginpb.CodeGeneratorRequest{Parameter: proto.String(param)}
	for _, f := range files {
		req.FileToGenerate = append(req.FileToGenerate, f.GetName())
		req.ProtoFile = append(req.ProtoFile, f)
	}
	p, err := protogen.Options{ParamFunc: func(string, string) error { return nil }}.New(req)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Descriptor builds one file (which may import the well-known types) and
// returns its descriptor.
func Descriptor(t *testing.T, f *descriptorpb.FileDescriptorProto) protoreflect.FileDescriptor {
	t.Helper()
	fd, err := protodesc.NewFile(f, protoregistry.GlobalFiles)
	if err != nil {
		t.Fatal(err)
	}
	return fd
}
