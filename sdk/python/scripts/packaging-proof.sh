#!/usr/bin/env bash
# Packaging proof: installs kanto-sdk the way a user would, with the
# README's install block (plain `pip install ./sdk/python`, run from the
# repository root) in a fresh virtual environment in a temporary directory
# (pip builds the wheel with the pinned hatchling in an isolated build
# environment, from gen/python or $KANTO_GEN_DIR), then runs
# examples/get_pokemon.py from outside the repository against a
# kanto-testenv it starts, and checks the line it prints.
# tests/test_packaging.py runs it; it also runs on its own.
set -euo pipefail

sdk="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo="$(cd "$sdk/../.." && pwd)"
testenv="${KANTO_TESTENV:-$repo/.build/bin/kanto-testenv}"
python="${PYTHON:-python3}"

if [[ ! -x $testenv ]]; then
  echo "packaging proof: kanto-testenv not found at $testenv: run \`make build\` in $repo" >&2
  exit 1
fi

tmp="$(mktemp -d)"
te_pid=""
cleanup() {
  if [[ -n $te_pid ]]; then
    exec {te_stdin}>&-   # closing its stdin stops kanto-testenv and the services
    wait "$te_pid" || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

echo "packaging proof: the README's install block in a fresh venv"
"$python" -m venv "$tmp/venv"
install="$(awk '/^```sh$/ { block = 1; next } /^```/ { if (block) exit } block' "$sdk/README.md")"
if [[ -z $install ]]; then
  echo "packaging proof: README.md has no sh block to install the SDK with" >&2
  exit 1
fi
(cd "$repo" && PATH="$tmp/venv/bin:$PATH" PIP_QUIET=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
  bash -euo pipefail -c "$install")

# The example runs from the temporary directory, so only the installed
# package can satisfy `import kanto`.
cp "$sdk/examples/get_pokemon.py" "$tmp/"

# Without the validation extra, asking for validation says what to install.
(cd "$tmp" && "$tmp/venv/bin/python" - <<'PY'
import kanto

try:
    kanto.PokemonClient(validate=True)
except ImportError as e:
    assert "kanto-sdk[validation]" in str(e), e
else:
    raise SystemExit("validate=True worked without protovalidate installed")
PY
)

# kanto-testenv runs until its stdin closes: it reads a FIFO whose write end
# this script holds open until cleanup.
mkfifo "$tmp/testenv.stdin"
# shellcheck disable=SC2086  # KANTO_TESTENV_ARGS is a word list (development only)
"$testenv" ${KANTO_TESTENV_ARGS:-} <"$tmp/testenv.stdin" >"$tmp/testenv.out" 2>"$tmp/testenv.log" &
te_pid=$!
exec {te_stdin}>"$tmp/testenv.stdin"
for _ in $(seq 600); do
  [[ -s $tmp/testenv.out ]] && break
  if ! kill -0 "$te_pid" 2>/dev/null; then break; fi
  sleep 0.1
done
if [[ ! -s $tmp/testenv.out ]]; then
  echo "packaging proof: kanto-testenv printed no addresses:" >&2
  tail -n 20 "$tmp/testenv.log" >&2
  exit 1
fi
addr="$("$python" -c 'import json, sys; print(json.loads(sys.stdin.readline())["pokedex"])' <"$tmp/testenv.out")"

out="$(cd "$tmp" && "$tmp/venv/bin/python" get_pokemon.py --addr "$addr")"
if [[ $out != "Pokemon #25 is Pikachu" ]]; then
  echo "packaging proof: get_pokemon.py printed $(printf '%q' "$out")" >&2
  exit 1
fi
echo "packaging proof: $out"
