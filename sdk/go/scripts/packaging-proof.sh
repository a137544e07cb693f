#!/usr/bin/env bash
# Packaging proof of the Go SDK: a brand-new Go module in a temporary
# directory, outside the go.work workspace, requires
# github.com/kanto-api/kanto/sdk/go the way a user's module would (replace
# directives stand in for published versions of sdk/go and gen/go), builds
# examples/getpokemon/main.go and runs it against a live kanto-testenv,
# expecting exactly "Pokemon #25 is Pikachu".
#
# kanto-testenv is $KANTO_TESTENV or <repo>/.build/bin/kanto-testenv
# (`make build`).
set -euo pipefail

sdk="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="$(cd "$sdk/../.." && pwd)"
testenv="${KANTO_TESTENV:-$root/.build/bin/kanto-testenv}"
want="Pokemon #25 is Pikachu"

if [[ ! -x "$testenv" ]]; then
  echo "packaging-proof: kanto-testenv not found at $testenv: run \`make build\` in $root (or set KANTO_TESTENV)" >&2
  exit 1
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/kanto-go-packaging.XXXXXX")"
testenv_pid=""
cleanup() {
  # Closing kanto-testenv's stdin stops it and its services; SIGTERM is the
  # fallback for one that does not exit in time.
  exec 3>&- 2>/dev/null || true
  if [[ -n "$testenv_pid" ]]; then
    for _ in $(seq 100); do
      kill -0 "$testenv_pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$testenv_pid" 2>/dev/null; then
      kill -TERM "$testenv_pid" 2>/dev/null || true
    fi
    wait "$testenv_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# The user's module.
app="$work/app"
mkdir -p "$app"
cp "$sdk/examples/getpokemon/main.go" "$app/main.go"
cat >"$app/go.mod" <<EOF
module example.com/kanto-user

go 1.26.0

require github.com/kanto-api/kanto/sdk/go v0.0.0-00010101000000-000000000000

replace (
	github.com/kanto-api/kanto/sdk/go => $sdk
	github.com/kanto-api/kanto/gen/go => $root/gen/go
)
EOF
# The checksums the SDK's own module verified: the user's module starts
# from them, as `go get` would leave them, so no new checksum is looked up.
cp "$sdk/go.sum" "$app/go.sum"

echo "packaging-proof: building a fresh module in $app (GOWORK=off, -mod=mod)"
(
  cd "$app"
  export GOWORK=off GOFLAGS=-mod=mod
  go mod tidy
  go build -o "$work/getpokemon" .
)

# kanto-testenv runs until its stdin closes: keep a FIFO open on fd 3.
mkfifo "$work/testenv.stdin"
"$testenv" <"$work/testenv.stdin" >"$work/testenv.json" 2>"$work/testenv.log" &
testenv_pid=$!
exec 3>"$work/testenv.stdin"

addr=""
for _ in $(seq 1200); do
  if [[ -s "$work/testenv.json" ]]; then
    addr="$(sed -n 's/.*"pokedex":"\([^"]*\)".*/\1/p' "$work/testenv.json")"
    break
  fi
  if ! kill -0 "$testenv_pid" 2>/dev/null; then
    break
  fi
  sleep 0.1
done
if [[ -z "$addr" ]]; then
  echo "packaging-proof: kanto-testenv reported no Pokédex address; its log:" >&2
  tail -n 40 "$work/testenv.log" >&2
  exit 1
fi

got="$("$work/getpokemon" -addr "$addr")"
if [[ "$got" != "$want" ]]; then
  echo "packaging-proof: FAIL: printed \"$got\", want \"$want\"" >&2
  exit 1
fi
echo "packaging-proof: ok: $got"
