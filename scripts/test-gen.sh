#!/usr/bin/env bash
# test-gen.sh proves the generated code of every language builds or imports
# against its pinned runtime: go build, a Python import, tsc --noEmit and
# mvn compile. Run it through `make test-gen`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
here="$root/scripts/test-gen"
cd "$root"

echo "== go: build gen/go and gen/goserver"
(cd gen/go && GOWORK=off go build ./... && GOWORK=off go vet ./...)
(cd gen/goserver && GOWORK=off go build ./... && GOWORK=off go vet ./...)

echo "== python: import gen/python"
# The tools venv holds the pinned protobuf and grpcio runtimes.
PYTHONPATH="$root/gen/python" "$root/.tools/venv/bin/python" "$here/import_all.py" "$root/gen/python"

echo "== typescript: tsc --noEmit gen/ts"
ts="$root/.build/test-gen-ts"
rm -rf "$ts" && mkdir -p "$ts"
cp -R gen/ts "$ts/src"
# protoc-gen-kanto's clients (*_kanto.ts, kanto_sdk.ts) import the
# TypeScript SDK's runtime: its build (make test-sdk-typescript) type-checks
# them with it, and make test-plugins the fixture's. Here, the rest.
find "$ts/src" \( -name '*_kanto.ts' -o -name kanto_sdk.ts \) -delete
cp "$here/tsconfig.json" "$ts/"
ln -s "$root/tools/node_modules" "$ts/node_modules"
"$root/tools/node_modules/.bin/tsc" -p "$ts/tsconfig.json"

echo "== java: mvn compile gen/java"
mvn -q -B -f "$here/pom.xml" compile

echo "generated code builds in Go, Python, TypeScript and Java"
