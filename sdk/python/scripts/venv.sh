#!/usr/bin/env bash
# Creates sdk/python/.venv from the hash-pinned requirements/dev.txt, and
# rebuilds it whenever that file changes. test.sh and the release build
# (scripts/dist.sh in the repository root) both use it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$here/.venv"
python="${PYTHON:-python3}"
want="$(sha256sum "$here/requirements/dev.txt" | cut -d' ' -f1)"
if [[ ! -x $venv/bin/python || "$(cat "$venv/.requirements-sha256" 2>/dev/null)" != "$want" ]]; then
  echo "venv.sh: installing requirements/dev.txt into .venv"
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check --no-input --require-hashes --no-deps -r "$here/requirements/dev.txt"
  echo "$want" >"$venv/.requirements-sha256"
fi
