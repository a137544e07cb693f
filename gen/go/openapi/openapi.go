// Package openapi embeds the OpenAPI v2 document that protoc-gen-openapiv2
// generates from the google.api.http annotations of proto/ (written here by
// `buf generate`; this file is the only hand-written one in the package).
package openapi

import _ "embed"

// Spec is the OpenAPI v2 (Swagger) document of Kanto's REST/JSON API.
//
//go:embed kanto.swagger.json
var Spec []byte
