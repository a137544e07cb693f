#!/usr/bin/env bash
# fuzz.sh runs every Go fuzz target of the project (func FuzzX in a
# _test.go of the services, the Go SDK or the plugins) for FUZZTIME each,
# one after another, and fails on the first crasher. `make fuzz
# FUZZTIME=30s` runs it at length; `make test-fuzz` runs it briefly (their
# seed corpora also run as plain tests in every `go test`).
#
# A crasher is written by go test to the target's
# testdata/fuzz/FuzzX/<hash>: fix the bug and commit the file, so it stays a
# regression case.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
fuzztime="${FUZZTIME:-30s}"
targets=0
start=$SECONDS
for module in services sdk/go plugins; do
  # Each package with fuzz targets, and its targets.
  while IFS= read -r pkg; do
    while IFS= read -r name; do
      [[ "$name" == Fuzz* ]] || continue
      targets=$((targets + 1))
      echo "== fuzz $pkg $name ($fuzztime)"
      (cd "$module" && go test -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" -fuzzminimizetime 10s "$pkg" 2>&1 | tail -n 3)
    done < <(cd "$module" && go test -list '^Fuzz' "$pkg" | grep '^Fuzz' || true)
  done < <(cd "$module" && grep -rl --include='*_test.go' '^func Fuzz' . | xargs -r -n1 dirname | sort -u)
done
if [[ $targets -eq 0 ]]; then
  echo "fuzz: no fuzz targets found" >&2
  exit 1
fi
echo "fuzz: $targets targets, $fuzztime each, no crasher ($((SECONDS - start))s)"
