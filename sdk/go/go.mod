module github.com/kanto-api/kanto/sdk/go

go 1.26.0

require (
	github.com/kanto-api/kanto/gen/go v0.1.0
	google.golang.org/genproto/googleapis/rpc v0.0.0-20261019180522-ce908d29299b
	google.golang.org/grpc v1.85.0
	google.golang.org/protobuf v1.36.12
)

require (
	buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go v1.36.12-20260825204119-511051f7f437.2 // indirect
	golang.org/x/net v0.62.0 // indirect
	golang.org/x/sys v0.49.0 // indirect
	golang.org/x/text v0.43.0 // indirect
	google.golang.org/genproto/googleapis/api v0.0.0-20260921155816-b14227669459 // indirect
)

// The generated code lives in this repository; go.work ties the modules
// together, and this replace does the same for GOWORK=off builds.
replace github.com/kanto-api/kanto/gen/go => ../../gen/go
