#!/usr/bin/env bash
# Test entry point of the TypeScript SDK (@kanto/sdk), run by `make test`
# after `make build`. Runnable from any directory, and again and again:
#   1. npm ci: the pinned dependencies of package-lock.json into node_modules/
#   2. build: gen/ts copied into src/gen, strict tsc of src/ to dist/esm and
#      dist/cjs, of the tests to .build/test, and a type check of examples/
#   3. the packaging proof (scripts/packaging-proof.sh): npm pack, install
#      the tarball into an empty project, run the example via import and
#      require against a live kanto-testenv
#   4. node --test: unit tests (fake in-process gRPC server), live tests and
#      the conformance suite against kanto-testenv
# The live parts use $KANTO_TESTENV, by default <repo>/.build/bin/kanto-testenv.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

echo "== npm ci"
npm ci --no-audit --no-fund --prefer-offline --loglevel=error

echo "== build and type-check"
node scripts/build.mjs --tests

echo "== packaging proof"
bash scripts/packaging-proof.sh

echo "== tests"
node --test --test-concurrency=1 .build/test/test/*.test.js
