#!/usr/bin/env bash
# Compiles the Go code generated from the fixture (messages, gRPC, gateway
# and protoc-gen-kanto's clients) as a module of its own that uses the Go
# SDK's runtime (sdk/go) the way a user's module would: go build and
# go vet must pass. Usage: go.sh <generated dir> (its go/ subdirectory).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
gen="$1/go"

cat >"$gen/go.mod" <<MOD
module example.com/fixture/gen

go 1.26.0

require github.com/kanto-api/kanto/sdk/go v0.0.0-00010101000000-000000000000

replace (
	github.com/kanto-api/kanto/sdk/go => $root/sdk/go
	github.com/kanto-api/kanto/gen/go => $root/gen/go
)
MOD
# Start from the checksums the repository's modules verified, so nothing
# new is looked up for what they already use.
cat "$root/sdk/go/go.sum" "$root/gen/go/go.sum" | sort -u >"$gen/go.sum"
cd "$gen"
export GOWORK=off GOFLAGS=-mod=mod
go mod tidy
go build ./...
go vet ./...
unformatted="$(gofmt -l .)"
if [[ -n "$unformatted" ]]; then
  echo "compile/go.sh: generated files gofmt would change:" >&2
  echo "$unformatted" >&2
  exit 1
fi
echo "compile/go.sh: the fixture's Go code builds, vets and is gofmt-clean"
