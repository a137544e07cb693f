// Package sdkgen runs protoc-gen-kanto: it builds the model of the schema
// once and hands it to the emitter of the language asked for.
package sdkgen

import (
	"fmt"
	"strings"

	"github.com/kanto-api/kanto/plugins/internal/model"
	"github.com/kanto-api/kanto/plugins/internal/sdkgen/golang"
	"github.com/kanto-api/kanto/plugins/internal/sdkgen/java"
	"github.com/kanto-api/kanto/plugins/internal/sdkgen/python"
	"github.com/kanto-api/kanto/plugins/internal/sdkgen/typescript"
	"google.golang.org/protobuf/compiler/protogen"
	"google.golang.org/protobuf/types/pluginpb"
)

// Params are the plugin's parameters; see the command's documentation.
type Params struct {
	// Lang is go, python, typescript or java.
	Lang string
	// ServiceConfigRoot is where the proto files' directories are.
	ServiceConfigRoot string
	// Lang-specific parameters, by their name with the language prefix
	// (go_umbrella, go_registry, python_..., ts_..., java_...).
	Go, Python, TypeScript, Java map[string]string
}

// Set records one parameter; protogen calls it for every parameter it does
// not handle itself.
func (p *Params) Set(name, value string) error {
	put := func(m *map[string]string) {
		if *m == nil {
			*m = map[string]string{}
		}
		(*m)[name] = value
	}
	switch {
	case name == "lang":
		p.Lang = value
	case name == "service_config_root":
		p.ServiceConfigRoot = value
	case strings.HasPrefix(name, "go_"):
		put(&p.Go)
	case strings.HasPrefix(name, "python_"):
		put(&p.Python)
	case strings.HasPrefix(name, "ts_"):
		put(&p.TypeScript)
	case strings.HasPrefix(name, "java_"):
		put(&p.Java)
	default:
		return fmt.Errorf("protoc-gen-kanto: unknown parameter %q", name)
	}
	return nil
}

// Generate writes the SDK layer of p.Lang for every file protoc asked for.
func Generate(plugin *protogen.Plugin, p Params) error {
	plugin.SupportedFeatures = uint64(pluginpb.CodeGeneratorResponse_FEATURE_PROTO3_OPTIONAL)
	schema, err := model.Build(plugin, model.Options{ServiceConfigRoot: p.ServiceConfigRoot})
	if err != nil {
		return err
	}
	switch p.Lang {
	case "go":
		opts, err := golang.ParseOptions(p.Go)
		if err != nil {
			return err
		}
		return golang.Generate(plugin, schema, opts)
	case "python":
		return python.Generate(plugin, schema, p.Python)
	case "typescript":
		return typescript.Generate(plugin, schema, p.TypeScript)
	case "java":
		return java.Generate(plugin, schema, p.Java)
	case "":
		return fmt.Errorf("protoc-gen-kanto: the lang parameter is required (go, python, typescript or java)")
	}
	return fmt.Errorf("protoc-gen-kanto: unknown lang %q (want go, python, typescript or java)", p.Lang)
}
