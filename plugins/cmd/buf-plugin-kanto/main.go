// Command buf-plugin-kanto is Kanto's buf check plugin: breaking rules
// for REST mappings, protovalidate rules and field behaviors, and lint
// rules for the API shapes the SDK generator relies on (package
// internal/contract lists them). buf runs it: buf.yaml names it under
// `plugins:` and turns its rules on by their categories, KANTO_CONTRACT
// (breaking) and KANTO_SHAPES (lint). `make tools` builds it into
// .tools/bin, where buf.yaml names it.
package main

import (
	"buf.build/go/bufplugin/check"
	"github.com/kanto-api/kanto/plugins/internal/contract"
)

func main() {
	check.Main(contract.Spec)
}
