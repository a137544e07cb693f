#!/usr/bin/env bash
# Checks the Python modules protoc-gen-kanto generated (*_kanto.py and the
# umbrella module) the way the project checks its own code: mypy --strict
# against this SDK's hand-written runtime, and `ruff format --check`. The
# SDK's test.sh runs it on gen/python; the plugins' compile check
# (plugins/testdata/compile/python.sh) on the fixture's generated code.
#
# Usage: check-generated.sh <generated python dir> [<top-level package> [<test dir>]]
#   The generated dir plays the role of gen/python. The package (default
#   kanto) is the directory under it whose *_kanto.py modules are checked;
#   any other package is checked beside the SDK's own generated code from
#   $KANTO_GEN_DIR (default <repo>/gen/python). The tests of a test dir
#   are type-checked with the modules (mypy --strict), then run with
#   pytest against that package and the runtime.
set -euo pipefail
sdk="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo="$(cd "$sdk/../.." && pwd)"
gen="$(cd "$1" && pwd)"
pkg="${2:-kanto}"
tests=()
if [[ -n ${3:-} ]]; then
  mapfile -t tests < <(find "$(cd "$3" && pwd)" -name 'test_*.py' | sort)
fi
kanto_gen="${KANTO_GEN_DIR:-$repo/gen/python}"
venv="$sdk/.venv"
"$sdk/scripts/venv.sh"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# The package as the wheel lays it out: the hand-written runtime with the
# generated modules merged into it (see hatch_build.py).
site="$tmp/site"
mkdir -p "$site"
cp -R "$sdk/src/kanto" "$site/kanto"
cp -R "$kanto_gen/kanto/." "$site/kanto/"
cp -R "$kanto_gen/buf" "$site/buf"
if [[ $pkg != kanto ]]; then
  cp -R "$gen/$pkg" "$site/$pkg"
fi
mapfile -t files < <(cd "$site" && find "$pkg" -name '*_kanto.py' | sort)
if [[ ${#files[@]} -eq 0 ]]; then
  echo "check-generated.sh: no *_kanto.py modules under $gen/$pkg" >&2
  exit 1
fi

cd "$site"
# Strict for the generated modules only: errors of what they import (the
# runtime, which test.sh checks, and protoc's .pyi stubs, which mypy
# always follows) are not theirs to report.
modules="$(
  printf '%s\n' "${files[@]}" | sed 's|\.py$||; s|/|.|g'
  for t in "${tests[@]}"; do basename "$t" .py; done
)"
modules="$(paste -sd, - <<<"$modules")"
cat >"$tmp/mypy.ini" <<INI
[mypy]
python_version = 3.11
strict = True
explicit_package_bases = True
ignore_errors = True
ignore_missing_imports = True
cache_dir = /dev/null

[mypy-$modules]
ignore_errors = False
INI
MYPYPATH="$site" "$venv/bin/mypy" --config-file "$tmp/mypy.ini" "${files[@]}" "${tests[@]}"
"$venv/bin/ruff" format --isolated --check --line-length 100 --target-version py310 "${files[@]}"
echo "check-generated.sh: ${#files[@]} generated modules of $pkg pass mypy --strict and ruff format"
if [[ ${#tests[@]} -gt 0 ]]; then
  # The package and the runtime from the site, before anything installed.
  GRPC_VERBOSITY=ERROR PYTHONPATH="$site" "$venv/bin/pytest" -q -p no:cacheprovider \
    -c "$sdk/pyproject.toml" --rootdir "$sdk" "${tests[@]}"
fi
