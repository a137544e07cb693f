#!/usr/bin/env bash
# Type-checks the Python code generated from the fixture: protoc-gen-kanto's
# clients (fixture/**/*_kanto.py and the umbrella fixture/clients_kanto.py)
# with mypy --strict against the Python SDK's hand-written runtime and
# protoc's .pyi stubs of the fixture's messages, and checks that
# `ruff format` would not change them, with the SDK's pinned tools; then
# calls them over TCP against an in-process server of the fixture's
# services (sdk/python/fixture_tests). See
# sdk/python/scripts/check-generated.sh. Usage: python.sh <generated dir>
# (its python/ subdirectory).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
bash "$root/sdk/python/scripts/check-generated.sh" "$1/python" fixture "$root/sdk/python/fixture_tests"
