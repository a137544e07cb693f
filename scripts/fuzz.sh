#!/usr/bin/env bash
# fuzz.sh runs every fuzz target of the project for FUZZTIME each: the Go
# ones (func FuzzX in a _test.go of the services, the Go SDK or the
# plugins), and the Python SDK's atheris ones (sdk/python/fuzz/fuzz_*.py),
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
# The Python SDK's atheris target, in the SDK's virtual environment with
# the SDK installed the way its tests install it.
python_sdk=sdk/python
"$python_sdk/scripts/venv.sh"
"$python_sdk/.venv/bin/pip" install --quiet --disable-pip-version-check --no-input --no-deps --no-build-isolation --force-reinstall "$python_sdk"
for target in "$python_sdk"/fuzz/fuzz_*.py; do
  name="$(basename "$target" .py)"
  corpus="$python_sdk/fuzz/corpus/${name#fuzz_}"
  targets=$((targets + 1))
  echo "== fuzz $target ($fuzztime)"
  work="$(mktemp -d)"
  # A fresh copy of the committed corpus: what the fuzzer finds stays out
  # of the tree; crashers land in $work and fail the run.
  cp -R "$corpus" "$work/corpus"
  secs="$(python3 -c 'import re,sys; m=re.fullmatch(r"(\d+)(s|m)", sys.argv[1]); sys.exit("FUZZTIME must be like 30s or 2m") if not m else print(int(m[1]) * (60 if m[2] == "m" else 1))' "$fuzztime")"
  (cd "$work" && "$OLDPWD/$python_sdk/.venv/bin/python" "$OLDPWD/$target" -max_total_time="$secs" -artifact_prefix="$work/" corpus 2>&1 | grep -v '^INFO: Instrumenting' | tail -n 3) || {
    echo "fuzz: $target found a crasher; it is in $work" >&2
    exit 1
  }
  rm -rf "$work"
done

if [[ $targets -eq 0 ]]; then
  echo "fuzz: no fuzz targets found" >&2
  exit 1
fi
echo "fuzz: $targets targets, $fuzztime each, no crasher ($((SECONDS - start))s)"
