package kanto

// Version is this SDK's release version. The root VERSION file is the one
// place it is chosen; scripts/version.py writes it here and into the other
// SDKs' manifests, and `make lint` fails when they disagree.
const Version = "0.1.0"

// UserAgent is the product token of this SDK, "kanto-sdk-go/<version>".
const UserAgent = "kanto-sdk-go/" + Version

// UserAgentFor returns the user agent every call to a service sends: the
// SDK and its version, then the revision of the schema the service's
// generated code came from, as product tokens ("kanto-sdk-go/0.1.0
// kanto-schema/00dc362c42cf"). grpc-go appends its own token. The Kanto
// services log the parts, so operators can see which SDK releases and
// schema revisions call them.
func UserAgentFor(info ServiceInfo) string {
	if info.SchemaRevision == "" {
		return UserAgent
	}
	return UserAgent + " kanto-schema/" + info.SchemaRevision
}
