// Package model is the language-neutral description of a schema's
// services that every SDK emitter renders: services and their methods with
// call shapes, recognised patterns (pagination, request ids), call policy
// from the service configs, documentation, and the names an SDK gives
// them. Every decision is made here, once; an emitter only maps names to
// its language's casing and writes text.
package model

import (
	"time"

	"github.com/kanto-api/kanto/plugins/internal/shape"
	"google.golang.org/protobuf/compiler/protogen"
	"google.golang.org/protobuf/types/descriptorpb"
)

// Schema is everything one generation run covers.
type Schema struct {
	// Packages are the proto packages that define at least one service,
	// sorted by name.
	Packages []*Package
	// Services are the services of every package, sorted by full name.
	Services []*Service
	// Files are the proto files with at least one service, in the order
	// protoc listed them.
	Files []*File
	// Revision identifies the schema: a digest of every file under the
	// service config root (see Revision); "" without one.
	Revision string
}

// A Package is one proto package with services, such as kanto.pokedex.v1.
type Package struct {
	// Name is the full package name.
	Name string
	// Component is the package's name without its prefix and version:
	// "pokedex" for kanto.pokedex.v1. A Kanto deployment runs one binary
	// per component (services/<component>/cmd/<component>).
	Component string
	// Version is the package's version suffix, "v1", "v1alpha1", or "".
	Version string
	// Unstable is true for alpha, beta and test versions.
	Unstable bool
	// Services are the package's services, sorted by name.
	Services []*Service
}

// A File is one proto file with services.
type File struct {
	// Proto is the file as protogen describes it (descriptors, Go names).
	Proto *protogen.File
	// Services are the file's services, in the order written.
	Services []*Service
}

// A Service is one gRPC service.
type Service struct {
	Proto   *protogen.Service
	File    *File
	Package *Package
	// FullName is "kanto.pokedex.v1.PokemonService".
	FullName string
	// Name is the service's own name, "PokemonService".
	Name string
	// Base is Name without a trailing "Service": the stem of the client's
	// name ("Pokemon" gives PokemonClient).
	Base string
	// Accessor is the stem of the service's name in the umbrella client
	// and in package-wide exports: Base, unless another service of the
	// schema has the same Base, in which case every such service is
	// qualified by its package ("PokedexV1Pokemon"). Unique in the schema.
	Accessor   string
	Doc        Doc
	Deprecated bool
	// DefaultHost is google.api.default_host: the SDKs' default target
	// and the address the service listens on by default; "" if none.
	DefaultHost string
	// ServiceConfig is the service's gRPC service config as compact JSON
	// (the entries of its package's service_config.json that concern it),
	// or "{}" without one.
	ServiceConfig string
	// ServiceConfigPath is the file it came from, or "".
	ServiceConfigPath string
	Methods           []*Method
}

// A Method is one RPC.
type Method struct {
	Proto   *protogen.Method
	Service *Service
	// Name is the RPC's name, "GetPokemon".
	Name string
	// FullName is "kanto.pokedex.v1.PokemonService.GetPokemon"; Path is
	// the gRPC path "/kanto.pokedex.v1.PokemonService/GetPokemon".
	FullName, Path string
	Kind           shape.Kind
	Input, Output  *protogen.Message
	Doc            Doc
	Deprecated     bool
	Idempotency    descriptorpb.MethodOptions_IdempotencyLevel
	// Pagination is set for AIP-158 list methods.
	Pagination *Pagination
	// RequestID is set when the request has an AIP-155 request_id that an
	// SDK fills in with a fresh UUID when the caller leaves it empty.
	RequestID *protogen.Field
	// Policy is the method's call policy from the service config.
	Policy Policy
	// HTTP are the method's REST bindings.
	HTTP []shape.HTTPRule
	// RequestFields document the request's fields.
	RequestFields []FieldDoc
	// RequestRules are the request message's own protovalidate rules.
	RequestRules []shape.Rule
}

// Pagination names the fields of an AIP-158 list method.
type Pagination struct {
	PageSize, PageToken, NextPageToken *protogen.Field
	// Items is the response's repeated field; ItemMessage is its element
	// type when it is a message, ItemEnum when an enum (nil otherwise).
	Items       *protogen.Field
	ItemMessage *protogen.Message
	ItemEnum    *protogen.Enum
}

// Policy is a method's call policy, as every SDK applies it.
type Policy struct {
	// Timeout is the method's deadline when the caller sets none; 0 if
	// the service config gives none.
	Timeout time.Duration
	// Retry is nil when the method is not retried.
	Retry *RetryPolicy
}

// RetryPolicy is when and how a failed call is tried again.
type RetryPolicy struct {
	MaxAttempts       int
	InitialBackoff    time.Duration
	MaxBackoff        time.Duration
	BackoffMultiplier float64
	// Codes are the retryable status codes, upper snake case.
	Codes []string
}

// FieldDoc is what the documentation says of one request field.
type FieldDoc struct {
	// Name is the proto field name; JSONName its JSON name.
	Name, JSONName string
	// Type is a readable type: "int32", "repeated string",
	// "kanto.geo.v1.Location", "map<string, int32>".
	Type string
	// Behaviors are the google.api.field_behavior values.
	Behaviors []string
	// Rules are the field's protovalidate rules.
	Rules      []shape.Rule
	Deprecated bool
	// Oneof names the oneof the field belongs to, if any.
	Oneof string
}

// Doc is a comment from the schema, as lines of text without comment
// markers. Emitters escape it for their language.
type Doc struct {
	Lines []string
}

// Empty reports whether there is no text.
func (d Doc) Empty() bool { return len(d.Lines) == 0 }
