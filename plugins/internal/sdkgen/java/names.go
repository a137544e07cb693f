package java

import (
	"path"
	"strings"

	"google.golang.org/protobuf/compiler/protogen"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"
)

// The names in this file follow the generators whose classes the Kanto
// clients call: protoc's Java generator (message classes and accessors)
// and protoc-gen-grpc-java (the <Service>Grpc classes and their method
// descriptor getters). Where they differ from a plain rule, the comment
// says which generator's source the rule mirrors.

// keywords are Java's reserved words and literals, and "_": an identifier
// equal to one gets a trailing underscore, as protoc-gen-grpc-java does for
// its stub methods (an RPC named Class is class_ there and here).
var keywords = map[string]bool{
	"abstract": true, "assert": true, "boolean": true, "break": true, "byte": true,
	"case": true, "catch": true, "char": true, "class": true, "const": true,
	"continue": true, "default": true, "do": true, "double": true, "else": true,
	"enum": true, "extends": true, "final": true, "finally": true, "float": true,
	"for": true, "goto": true, "if": true, "implements": true, "import": true,
	"instanceof": true, "int": true, "interface": true, "long": true, "native": true,
	"new": true, "package": true, "private": true, "protected": true, "public": true,
	"return": true, "short": true, "static": true, "strictfp": true, "super": true,
	"switch": true, "synchronized": true, "this": true, "throw": true, "throws": true,
	"transient": true, "try": true, "void": true, "volatile": true, "while": true,
	"true": true, "false": true, "null": true, "_": true,
}

// escapeKeyword appends an underscore to a Java keyword.
func escapeKeyword(s string) string {
	if keywords[s] {
		return s + "_"
	}
	return s
}

// mixed removes underscores from an RPC name, capitalising the letter after
// each, and sets the case of the first letter: protoc-gen-grpc-java's
// MixedLower and MixedUpper (java_generator.cpp), without the keyword
// escape.
func mixed(name string, upperFirst bool) string {
	var b strings.Builder
	after := false
	for i, r := range name {
		switch {
		case i == 0 && upperFirst:
			b.WriteString(strings.ToUpper(string(r)))
		case i == 0:
			b.WriteString(strings.ToLower(string(r)))
		case r == '_':
			after = true
		case after:
			b.WriteString(strings.ToUpper(string(r)))
			after = false
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// methodStem is the lowerCamel stem of an RPC's Java methods, before any
// keyword escape: GetPokemon gives getPokemon, Class gives class (whose
// blocking method is then class_, and its async one classAsync).
func methodStem(m *protogen.Method) string { return mixed(string(m.Desc.Name()), false) }

// methodName is the Java name of an RPC's blocking method.
func methodName(m *protogen.Method) string { return escapeKeyword(methodStem(m)) }

// grpcClass is the fully qualified name of the class protoc-gen-grpc-java
// writes for a service: <java package>.<Service>Grpc.
func grpcClass(s *protogen.Service) string {
	return qualify(javaPackage(s.Desc.ParentFile()), string(s.Desc.Name())+"Grpc")
}

// grpcMethodGetter is the static method of the Grpc class that returns an
// RPC's MethodDescriptor: get<MixedUpper>Method.
func grpcMethodGetter(m *protogen.Method) string {
	return grpcClass(m.Parent) + ".get" + mixed(string(m.Desc.Name()), true) + "Method()"
}

// javaPackage is a file's Java package: its java_package option, else its
// proto package (protoc's FileJavaPackage).
func javaPackage(f protoreflect.FileDescriptor) string {
	if opts, ok := f.Options().(*descriptorpb.FileOptions); ok && opts.JavaPackage != nil {
		return opts.GetJavaPackage()
	}
	return string(f.Package())
}

func multipleFiles(f protoreflect.FileDescriptor) bool {
	opts, ok := f.Options().(*descriptorpb.FileOptions)
	return ok && opts.GetJavaMultipleFiles()
}

// outerClassName is the name of the class protoc writes for the file
// itself: java_outer_classname, else the file's base name in CamelCase,
// with "OuterClass" appended if a message, enum or service of the file has
// that name (protoc's ClassNameResolver::GetFileImmutableClassName).
func outerClassName(f protoreflect.FileDescriptor) string {
	if opts, ok := f.Options().(*descriptorpb.FileOptions); ok && opts.JavaOuterClassname != nil {
		return opts.GetJavaOuterClassname()
	}
	name := camel(strings.TrimSuffix(path.Base(f.Path()), ".proto"), true)
	if fileDeclares(f, name) {
		name += "OuterClass"
	}
	return name
}

// fileDeclares reports whether a message (at any depth), enum or service
// of f is named name.
func fileDeclares(f protoreflect.FileDescriptor, name string) bool {
	for i := range f.Services().Len() {
		if string(f.Services().Get(i).Name()) == name {
			return true
		}
	}
	for i := range f.Enums().Len() {
		if string(f.Enums().Get(i).Name()) == name {
			return true
		}
	}
	var inMessages func(ms protoreflect.MessageDescriptors) bool
	inMessages = func(ms protoreflect.MessageDescriptors) bool {
		for i := range ms.Len() {
			m := ms.Get(i)
			if string(m.Name()) == name || inMessages(m.Messages()) {
				return true
			}
			for j := range m.Enums().Len() {
				if string(m.Enums().Get(j).Name()) == name {
					return true
				}
			}
		}
		return false
	}
	return inMessages(f.Messages())
}

// typeName is the fully qualified Java name of a message or enum: nested
// types inside their parents' classes, top-level ones in the Java package,
// or inside the file's outer class without java_multiple_files.
func typeName(d protoreflect.Descriptor) string {
	var parts []string
	for p := d; ; {
		parts = append([]string{string(p.Name())}, parts...)
		parent := p.Parent()
		if _, isFile := parent.(protoreflect.FileDescriptor); isFile {
			break
		}
		p = parent
	}
	f := d.ParentFile()
	if !multipleFiles(f) {
		parts = append([]string{outerClassName(f)}, parts...)
	}
	return qualify(javaPackage(f), strings.Join(parts, "."))
}

func qualify(pkg, name string) string {
	if pkg == "" {
		return name
	}
	return pkg + "." + name
}

// camel is protoc's UnderscoresToCamelCase (java/helpers.cc): letters
// after a non-alphanumeric character or a digit are capitalised, the
// separators dropped, and the first letter lower-cased unless upperFirst.
func camel(s string, upperFirst bool) string {
	var b strings.Builder
	capNext := upperFirst
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z':
			if capNext {
				c -= 'a' - 'A'
			}
			b.WriteByte(c)
			capNext = false
		case 'A' <= c && c <= 'Z':
			if i == 0 && !capNext {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
			capNext = false
		case '0' <= c && c <= '9':
			b.WriteByte(c)
			capNext = true
		default:
			capNext = true
		}
	}
	return b.String()
}

// forbiddenAccessorStems are the capitalised field names whose accessors
// would clash with methods every protobuf-java message has (getClass,
// getSerializedSize, ...); protoc appends an underscore to them
// (kForbiddenWordList in java/names.cc).
var forbiddenAccessorStems = map[string]bool{
	"Class": true, "DefaultInstanceForType": true, "ParserForType": true,
	"SerializedSize": true, "AllFields": true, "DescriptorForType": true,
	"InitializationErrorString": true, "UnknownFields": true, "CachedSize": true,
}

// accessorStem is the capitalised name protobuf-java's accessors of a
// field are built on: request_id gives RequestId (getRequestId,
// setRequestId), class gives Class_ (getClass_).
func accessorStem(f *protogen.Field) string {
	s := camel(string(f.Desc.Name()), true)
	if forbiddenAccessorStems[s] {
		s += "_"
	}
	return s
}

// boxed are the Java types of a repeated scalar field's elements.
var boxed = map[protoreflect.Kind]string{
	protoreflect.BoolKind: "java.lang.Boolean", protoreflect.StringKind: "java.lang.String",
	protoreflect.BytesKind: "com.google.protobuf.ByteString",
	protoreflect.Int32Kind: "java.lang.Integer", protoreflect.Sint32Kind: "java.lang.Integer",
	protoreflect.Sfixed32Kind: "java.lang.Integer", protoreflect.Uint32Kind: "java.lang.Integer",
	protoreflect.Fixed32Kind: "java.lang.Integer",
	protoreflect.Int64Kind:   "java.lang.Long", protoreflect.Sint64Kind: "java.lang.Long",
	protoreflect.Sfixed64Kind: "java.lang.Long", protoreflect.Uint64Kind: "java.lang.Long",
	protoreflect.Fixed64Kind: "java.lang.Long",
	protoreflect.FloatKind:   "java.lang.Float", protoreflect.DoubleKind: "java.lang.Double",
}

// elementType is the Java type of one element of a repeated field.
func elementType(f *protogen.Field) string {
	switch {
	case f.Message != nil:
		return typeName(f.Message.Desc)
	case f.Enum != nil:
		return typeName(f.Enum.Desc)
	}
	return boxed[f.Desc.Kind()]
}
