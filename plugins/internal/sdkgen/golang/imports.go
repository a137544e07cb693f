package golang

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"strconv"

	"google.golang.org/protobuf/compiler/protogen"
)

// goFile is a Go file being written. protogen's GeneratedFile manages the
// imports, but names each import after the last element of its path: the
// runtime github.com/kanto-api/kanto/sdk/go would be "_go" and the
// messages of kanto/pokedex/v1 "v1". finish renames them to the names
// their packages declare (kanto, pokedexv1), as a person would write them.
type goFile struct {
	*protogen.GeneratedFile
	plugin   *protogen.Plugin
	filename string
	path     protogen.GoImportPath
	// names are import names to use beyond the proto packages' own.
	names map[string]string
}

// localNames are identifiers the generated code declares in function
// scope; an import must not take one of them as its name.
var localNames = map[string]bool{
	"c": true, "d": true, "conn": true, "err": true, "ctx": true, "req": true,
	"opts": true, "r": true, "token": true, "out": true, "info": true, "dial": true,
}

func newGoFile(plugin *protogen.Plugin, filename string, path protogen.GoImportPath) *goFile {
	// A scratch file: finish writes the real one.
	g := plugin.NewGeneratedFile(filename+".scratch.go", path)
	return &goFile{GeneratedFile: g, plugin: plugin, filename: filename, path: path, names: map[string]string{}}
}

// finish renames the imports and writes the file.
func (g *goFile) finish() error {
	src, err := g.Content()
	if err != nil {
		return err
	}
	g.Skip()
	want := map[string]string{string(runtimePkg): "kanto"}
	for _, f := range g.plugin.Files {
		want[string(f.GoImportPath)] = string(f.GoPackageName)
	}
	for path, name := range g.names {
		want[path] = name
	}
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, g.filename, src, parser.ParseComments)
	if err != nil {
		return err
	}
	taken := map[string]bool{}
	for _, d := range file.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				taken[d.Name.Name] = true
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					taken[s.Name.Name] = true
				case *ast.ValueSpec:
					for _, n := range s.Names {
						taken[n.Name] = true
					}
				}
			}
		}
	}
	for _, imp := range file.Imports {
		taken[imp.Name.Name] = true
	}
	rename := map[string]string{}
	for _, imp := range file.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		name, ok := want[p]
		if !ok || name == imp.Name.Name || taken[name] || localNames[name] {
			continue
		}
		taken[name] = true
		rename[imp.Name.Name] = name
		imp.Name.Name = name
	}
	ast.Inspect(file, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok {
				if to, ok := rename[id.Name]; ok {
					id.Name = to
				}
			}
		}
		return true
	})
	var out bytes.Buffer
	if err := format.Node(&out, fset, file); err != nil {
		return fmt.Errorf("%s: %w", g.filename, err)
	}
	real := g.plugin.NewGeneratedFile(g.filename, g.path)
	_, err = real.Write(out.Bytes())
	return err
}
