package contract

import (
	"slices"

	"buf.build/go/bufplugin/descriptor"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// own returns the files that are checked: not imports (third-party
// protos such as google/api are someone else's contract).
func own(files []descriptor.FileDescriptor) []protoreflect.FileDescriptor {
	var out []protoreflect.FileDescriptor
	for _, f := range files {
		if !f.IsImport() {
			out = append(out, f.ProtoreflectFileDescriptor())
		}
	}
	return out
}

// messages returns every message of files, nested ones included, by full
// name.
func messages(files []protoreflect.FileDescriptor) map[protoreflect.FullName]protoreflect.MessageDescriptor {
	out := map[protoreflect.FullName]protoreflect.MessageDescriptor{}
	var walk func(ms protoreflect.MessageDescriptors)
	walk = func(ms protoreflect.MessageDescriptors) {
		for i := range ms.Len() {
			m := ms.Get(i)
			if m.IsMapEntry() {
				continue
			}
			out[m.FullName()] = m
			walk(m.Messages())
		}
	}
	for _, f := range files {
		walk(f.Messages())
	}
	return out
}

// methods returns every method of files, by full name.
func methods(files []protoreflect.FileDescriptor) map[protoreflect.FullName]protoreflect.MethodDescriptor {
	out := map[protoreflect.FullName]protoreflect.MethodDescriptor{}
	for _, f := range files {
		for i := range f.Services().Len() {
			ms := f.Services().Get(i).Methods()
			for j := range ms.Len() {
				out[ms.Get(j).FullName()] = ms.Get(j)
			}
		}
	}
	return out
}

// allMethods returns every method of files in file, service and
// declaration order.
func allMethods(files []protoreflect.FileDescriptor) []protoreflect.MethodDescriptor {
	var out []protoreflect.MethodDescriptor
	for _, f := range files {
		for i := range f.Services().Len() {
			ms := f.Services().Get(i).Methods()
			for j := range ms.Len() {
				out = append(out, ms.Get(j))
			}
		}
	}
	return out
}

// pairs calls fn for every element present in both maps, in the order of
// their names.
func pairs[D protoreflect.Descriptor](cur, prev map[protoreflect.FullName]D, fn func(cur, prev D)) {
	names := make([]string, 0, len(prev))
	for n := range prev {
		if _, ok := cur[n]; ok {
			names = append(names, string(n))
		}
	}
	slices.Sort(names)
	for _, n := range names {
		fn(cur[protoreflect.FullName(n)], prev[protoreflect.FullName(n)])
	}
}

// fieldName describes a field for messages, as buf's rules do:
// `Field "page_token" on message "ListPokemonRequest"`.
func fieldName(f protoreflect.FieldDescriptor) string {
	return `Field "` + string(f.Name()) + `" on message "` + messageName(f.ContainingMessage()) + `"`
}

// messageName is a message's name within its package: "Outer.Inner".
func messageName(m protoreflect.MessageDescriptor) string {
	if pkg := m.ParentFile().Package(); pkg != "" {
		return string(m.FullName()[len(pkg)+1:])
	}
	return string(m.FullName())
}

// methodName describes an RPC: `RPC "GetPokemon" on service "PokemonService"`.
func methodName(m protoreflect.MethodDescriptor) string {
	return `RPC "` + string(m.Name()) + `" on service "` + string(m.Parent().Name()) + `"`
}
