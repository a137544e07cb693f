#!/usr/bin/env bash
# The Python SDK's checks: mypy --strict and ruff format of the generated
# clients, then pytest: unit tests, tests against in-process fake servers,
# tests against the live services (kanto-testenv, from `make build`) with the
# sync and the async clients, the conformance suite through both, and the
# packaging proof. Runs from any directory; arguments go to pytest. ruff and
# mypy on the hand-written code run in `make lint` (scripts/lint-python.sh
# in the repository root).
#
# Dependencies are pinned with hashes in requirements/dev.txt and installed
# into .venv, which is rebuilt whenever that file changes. The SDK itself is
# installed into .venv as a user would get it: a (non-editable) wheel built
# from this directory and ../../gen/python, or the generated tree
# $KANTO_GEN_DIR names (see hatch_build.py).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
venv="$here/.venv"
pip_flags=(--quiet --disable-pip-version-check --no-input)
scripts/venv.sh

# --no-build-isolation: hatchling comes from the hash-checked .venv.
"$venv/bin/pip" install "${pip_flags[@]}" --no-deps --no-build-isolation --force-reinstall "$here"

echo "test.sh: mypy --strict and ruff format of the generated clients"
scripts/check-generated.sh "${KANTO_GEN_DIR:-$here/../../gen/python}"

echo "test.sh: pytest"
exec "$venv/bin/pytest" "$@"
