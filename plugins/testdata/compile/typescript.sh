#!/usr/bin/env bash
# Type-checks the TypeScript generated from the fixture (protoc-gen-es's
# messages and protoc-gen-kanto's clients) against the TypeScript SDK's
# hand-written runtime (sdk/typescript/src), the way the SDK builds it: the
# generated tree becomes src/gen beside the runtime, and tsc compiles the
# whole of src, index.ts included, with the SDK's own strict tsconfigs, as
# ES modules and as CommonJS. It adds typescript/fixture_usage.ts, which
# calls every shape of the fixture's clients (and fails to compile if the
# generated types are wrong), and checks with the TypeScript compiler API
# that deprecated RPCs are marked so (typescript/deprecated.mjs).
# Usage: typescript.sh <generated dir> (its ts/ subdirectory).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
gen="$1/ts"
sdk="$root/sdk/typescript"

# The SDK's own pinned dependencies (package-lock.json), TypeScript among
# them.
if [[ ! -f "$sdk/node_modules/@connectrpc/connect/package.json" ]]; then
  (cd "$sdk" && npm ci --no-audit --no-fund --prefer-offline --loglevel=error)
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/kanto-compile-ts.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src"
# The runtime only: the SDK's src/gen (a copy of gen/ts) is replaced by the
# fixture's tree.
cp "$sdk"/src/*.ts "$work/src/"
cp -R "$gen" "$work/src/gen"
cp "$here/typescript/fixture_usage.ts" "$work/src/"
cp "$sdk/tsconfig.base.json" "$sdk/tsconfig.json" "$sdk/tsconfig.cjs.json" "$work/"
ln -s "$sdk/node_modules" "$work/node_modules"

tsc="$sdk/node_modules/typescript/bin/tsc"
cd "$work"
node "$tsc" -p tsconfig.json --noEmit
node "$tsc" -p tsconfig.cjs.json --noEmit
node "$here/typescript/deprecated.mjs" "$work"
echo "compile/typescript.sh: the fixture's TypeScript type-checks with the SDK runtime (tsc --strict, ESM and CommonJS)"
