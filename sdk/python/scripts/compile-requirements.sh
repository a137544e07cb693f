#!/usr/bin/env bash
# Recompiles requirements/dev.txt (exact pins with hashes) from
# requirements/dev.in in a throwaway virtual environment, so pip-tools never
# lands in the SDK's own .venv. Run it after changing dev.in, then commit
# both files.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

python3 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --quiet --disable-pip-version-check pip-tools==7.6.2
cd "$here/requirements"
"$tmp/venv/bin/pip-compile" --quiet --generate-hashes --allow-unsafe --strip-extras \
  --no-header --no-emit-find-links --output-file dev.txt dev.in
