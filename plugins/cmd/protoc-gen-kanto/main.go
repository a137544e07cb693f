// Command protoc-gen-kanto is Kanto's SDK generator: a protoc (and buf)
// plugin that writes the client layer of the Go, Python, TypeScript and
// Java SDKs from the schema. One run writes one language, chosen with the
// lang parameter; buf.gen.yaml runs it once per language, with strategy
// all, so that the umbrella client and the registries see every service.
//
// Parameters (comma-separated key=value, as protoc passes them):
//
//	lang=go|python|typescript|java   the language to write (required)
//	service_config_root=DIR          where the proto files' directories are,
//	                                 to read each package's service_config.json;
//	                                 the digest of every file under it is the
//	                                 schema revision (model.Revision) that the
//	                                 generated code of every language carries
//	go_umbrella=IMPORT_PATH          Go: import path of the umbrella package
//	                                 (default: no umbrella)
//	go_registry=IMPORT_PATH          Go: import path of the servers' registry
//	                                 (every service, its binary and REST
//	                                 handlers; default: none)
package main

import (
	"github.com/kanto-api/kanto/plugins/internal/sdkgen"
	"google.golang.org/protobuf/compiler/protogen"
)

func main() {
	var params sdkgen.Params
	protogen.Options{ParamFunc: params.Set}.Run(func(p *protogen.Plugin) error {
		return sdkgen.Generate(p, params)
	})
}
