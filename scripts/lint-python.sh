#!/usr/bin/env bash
# lint-python.sh runs ruff (check and format --check) and mypy --strict on
# every hand-written Python file of the repository; `make lint` runs it
# (through `make lint-python`, after `make tools`).
#
# The files: every tracked *.py, and every tracked script with a python
# shebang, outside gen/ and plugins/testdata/golden/. Those two hold
# generated code (buf generate's output, and protoc-gen-kanto's golden
# output for the fixture schema), which sdk/python/scripts/check-generated.sh
# checks with mypy --strict and ruff format in the SDK's and the plugins'
# tests.
#
# ruff reads the closest settings: sdk/python/pyproject.toml for the
# Python SDK, ruff.toml at the root for everything else.
#
# mypy (--strict in both areas) runs twice, the tools venv's mypy each time:
#   - everything outside sdk/python with mypy.ini, against the tools venv
#     (the stubs it needs are pinned in tools/requirements.txt);
#   - the Python SDK's files (src, tests, examples, fixture_tests,
#     hatch_build.py) with sdk/python/pyproject.toml, against the SDK's own
#     environment (sdk/python/.venv from the hash-pinned requirements/dev.txt,
#     made by scripts/venv.sh: grpcio, protobuf, pytest, hatchling and their
#     stubs), with the generated code it imports on PYTHONPATH: gen/python,
#     and for fixture_tests the fixture's protoc-gen-kanto modules (the golden
#     files) with protoc's .pyi stubs of its messages, written here.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bin="$root/.tools/venv/bin"
work="$root/.build/lint-python"
if [[ ! -x $bin/ruff || ! -x $bin/mypy ]]; then
  echo "lint-python: ruff and mypy are not installed in .tools/venv: run \`make tools\`" >&2
  exit 1
fi

# The tools venv's ruff and mypy must be the Python SDK's: one version of
# each in the repository.
pins() { grep -iE '^(ruff|mypy)==' "$1" | tr '[:upper:]' '[:lower:]' | sort; }
if [[ "$(pins tools/requirements.in)" != "$(pins sdk/python/requirements/dev.in)" ]]; then
  echo "lint-python: tools/requirements.in and sdk/python/requirements/dev.in pin different ruff or mypy versions:" >&2
  diff <(pins tools/requirements.in) <(pins sdk/python/requirements/dev.in) >&2 || true
  exit 1
fi

mapfile -t files < <(
  {
    git ls-files '*.py'
    git ls-files -z | xargs -0 awk 'FNR == 1 && /^#!.*python/ { print FILENAME } { nextfile }'
  } | grep -v -e '^gen/' -e '^plugins/testdata/golden/' | sort -u
)
sdk=()
other=()
for f in "${files[@]}"; do
  if [[ $f == sdk/python/* ]]; then
    sdk+=("${f#sdk/python/}")
  else
    other+=("$f")
  fi
done

echo "lint-python: ruff check and ruff format --check (${#files[@]} files)"
"$bin/ruff" check --quiet --cache-dir "$work/ruff" "${files[@]}"
"$bin/ruff" format --check --quiet --cache-dir "$work/ruff" "${files[@]}"

echo "lint-python: mypy --strict outside the SDK (${#other[@]} files, mypy.ini)"
"$bin/mypy" --config-file mypy.ini "${other[@]}"

echo "lint-python: mypy --strict of the Python SDK (${#sdk[@]} files, sdk/python/pyproject.toml)"
sdk/python/scripts/venv.sh
# The fixture schema's Python as protoc-gen-kanto writes it (the golden
# files, which the plugins' tests compare with its output) and the .pyi
# stubs of its messages. grpcio-tools' protoc (tools venv) has the
# well-known types' .proto files built in; the stubs only give mypy types.
fixture="$work/fixture"
rm -rf "$fixture"
mkdir -p "$fixture"
cp -R plugins/testdata/golden/python/. "$fixture/"
mapfile -t protos < <(cd plugins/testdata/fixture/proto && find . -name '*.proto' | sed 's|^\./||' | sort)
"$bin/python" -m grpc_tools.protoc -I plugins/testdata/fixture/proto -I .tools/protodeps \
  --pyi_out="$fixture" "${protos[@]}"
(
  cd sdk/python
  PYTHONPATH="$root/gen/python:$fixture" "$bin/mypy" --config-file pyproject.toml \
    --python-executable .venv/bin/python --cache-dir "$work/mypy-sdk" "${sdk[@]}"
)
