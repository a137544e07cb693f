package kanto

import "github.com/kanto-api/kanto/gen/go/serviceconfig"

// Version is this SDK's release version. The root VERSION file is the one
// place it is chosen; scripts/version.py writes it here and into the other
// SDKs' manifests, and `make lint` fails when they disagree.
const Version = "0.1.0"

// SchemaRevision identifies the schema the SDK's generated code came from
// (see gen/go/serviceconfig.SchemaRevision).
const SchemaRevision = serviceconfig.SchemaRevision

// UserAgent is the prefix of the user agent every call sends: the SDK and
// its version, then the schema revision, as product tokens. grpc-go appends
// its own token. The Kanto services log the parts, so operators can see
// which SDK releases and schema revisions are calling them.
const UserAgent = "kanto-sdk-go/" + Version + " kanto-schema/" + SchemaRevision
