#!/usr/bin/env bash
# The Go SDK's checks: formatting, go vet, the packaging proof, then the
# unit tests, the examples and the conformance suite (go test -race), whose
# summary ends the output. Needs the service binaries of `make build`
# (kanto-testenv: $KANTO_TESTENV or <repo>/.build/bin/kanto-testenv).
#
# The module is tested on its own (GOWORK=off), as a user's build sees it;
# dependencies come from the Go module cache, pinned by go.mod and go.sum.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
export GOWORK=off

echo "== gofmt"
unformatted="$(gofmt -l .)"
if [[ -n "$unformatted" ]]; then
  echo "gofmt: these files need formatting:" >&2
  echo "$unformatted" >&2
  exit 1
fi

echo "== go vet"
go vet ./...

echo "== packaging proof"
bash scripts/packaging-proof.sh

echo "== go test -race"
# The SDK package last, so that its result is the closing line.
go test -race -count=1 -timeout 5m ./examples/... .
