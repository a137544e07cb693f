#!/usr/bin/env bash
# Tests Kanto's own code generators (the plugins/ module): vet, staticcheck
# and the Go tests (the golden files of every emitter among them), then
# generates the whole fixture schema (plugins/testdata/fixture) for every
# language with the same plugins as buf.gen.yaml and compiles the result
# with each language's own compiler in strict mode:
# plugins/testdata/compile/<lang>.sh <generated dir>.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$PWD"
export PATH="$root/.tools/bin:$root/tools/node_modules/.bin:$PATH"

echo "== plugins: go vet, staticcheck, go test"
(
  cd plugins
  export GOWORK=off
  go vet ./...
  "$root/.tools/bin/staticcheck" ./...
  go test -race -count=1 ./...
)

work="$(mktemp -d "${TMPDIR:-/tmp}/kanto-plugins.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# The fixture and the third-party protos, as one buf workspace.
mkdir -p "$work/src"
cp -R plugins/testdata/fixture/proto "$work/src/fixture"
cp -R .tools/protodeps "$work/src/deps"
printf 'version: v2\nmodules:\n  - path: fixture\n  - path: deps\n' >"$work/src/buf.yaml"

echo "== plugins: generate the fixture for every language"
# Every plugin, protoc included, is found on PATH.
buf generate "$work/src" --template plugins/testdata/fixture/buf.gen.yaml -o "$work/gen" \
  --path "$work/src/fixture/fixture"
for lang in go python typescript java; do
  echo "== plugins: compile the fixture ($lang)"
  bash "plugins/testdata/compile/$lang.sh" "$work/gen"
done
