#!/usr/bin/env bash
# Packaging proof of @kanto/sdk: packs the built package with `npm pack`,
# installs the tarball into an empty project in a temporary folder the way a
# user would, type-checks an ESM and a CommonJS TypeScript consumer against
# the installed package's types, and runs the get-pokemon example both as an
# ES module (import) and as CommonJS (require) against a live kanto-testenv,
# checking that each prints "Pokemon #25 is Pikachu".
#
# Run after `npm run build` (test.sh does both). Uses $KANTO_TESTENV, by
# default <repo>/.build/bin/kanto-testenv.
set -euo pipefail

sdk_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo_root="$(cd "$sdk_dir/../.." && pwd)"
testenv="${KANTO_TESTENV:-$repo_root/.build/bin/kanto-testenv}"
want="Pokemon #25 is Pikachu"

if [[ ! -x "$testenv" ]]; then
  echo "packaging proof: kanto-testenv not found at $testenv: run \`make build\` in the repository root first" >&2
  exit 1
fi
if [[ ! -f "$sdk_dir/dist/esm/index.js" || ! -f "$sdk_dir/dist/cjs/index.js" ]]; then
  echo "packaging proof: dist/ is missing: run \`npm run build\` in sdk/typescript first" >&2
  exit 1
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/kanto-sdk-proof.XXXXXX")"
testenv_pid=""
testenv_in=""
cleanup() {
  if [[ -n "$testenv_pid" ]]; then
    # Closing kanto-testenv's stdin stops it and its services.
    eval "exec ${testenv_in}>&-" || true
    wait "$testenv_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "packaging proof: npm pack"
# dist/ was just built; prepack would only build it again.
tarball="$(cd "$sdk_dir" && npm pack --ignore-scripts --silent --pack-destination "$work")"
tarball="$work/$tarball"
tar -tzf "$tarball" | sort >"$work/contents.txt"
for f in package/package.json package/dist/esm/index.js package/dist/esm/index.d.ts \
  package/dist/cjs/index.js package/dist/cjs/index.d.ts package/dist/cjs/package.json \
  package/dist/esm/gen/kanto_sdk.js package/dist/cjs/gen/kanto_sdk.js package/README.md; do
  grep -qx "$f" "$work/contents.txt" || { echo "packaging proof: $f is not in the tarball" >&2; exit 1; }
done
if grep -q -e '^package/src/' -e '^package/test/' -e '^package/node_modules/' "$work/contents.txt"; then
  echo "packaging proof: the tarball holds sources, tests or node_modules" >&2
  exit 1
fi

echo "packaging proof: npm install $(basename "$tarball") into an empty project"
app="$work/app"
mkdir -p "$app"
cat >"$app/package.json" <<'JSON'
{
  "name": "kanto-sdk-packaging-proof",
  "version": "0.0.0",
  "private": true
}
JSON
(cd "$app" && npm install --no-audit --no-fund --prefer-offline --loglevel=error "$tarball")
cp "$sdk_dir/examples/get-pokemon.mjs" "$sdk_dir/examples/get-pokemon.cjs" "$app/"

echo "packaging proof: type-check ESM and CommonJS consumers against the installed types"
cat >"$app/consumer.mts" <<'TS'
import { createKantoClient, KantoError, type Pokemon } from "@kanto/sdk";
const kanto = createKantoClient({ insecure: true });
const p: Promise<Pokemon | undefined> = kanto.pokemon.getPokemon({ id: 25 }).then((r) => r.pokemon);
const items: AsyncIterable<Pokemon> = kanto.pokemon.listPokemonItems({ pageSize: 10 });
export const check = (e: unknown): readonly string[] => KantoError.from(e).fieldViolations.map((v) => v.field);
void [p, items];
TS
cat >"$app/consumer.cts" <<'TS'
import sdk = require("@kanto/sdk");
const kanto = sdk.createKantoClient({ insecure: true, targets: { [sdk.pokemonServiceInfo.name]: "127.0.0.1:50051" } });
const p: Promise<sdk.Pokemon | undefined> = kanto.pokemon.getPokemon({ id: 25 }).then((r) => r.pokemon);
const items: AsyncIterable<sdk.Pokemon> = kanto.pokemon.listPokemonItems({ pageSize: 10 });
export const check = (e: unknown): readonly string[] => sdk.KantoError.from(e).fieldViolations.map((v) => v.field);
void [p, items];
TS
node "$sdk_dir/node_modules/typescript/bin/tsc" --noEmit --strict --module nodenext --moduleResolution nodenext \
  --target es2022 --typeRoots "$sdk_dir/node_modules/@types" --types node \
  "$app/consumer.mts" "$app/consumer.cts"

echo "packaging proof: start kanto-testenv"
coproc TESTENV { exec "$testenv" 2>"$work/testenv.log"; }
testenv_pid="$TESTENV_PID"
testenv_in="${TESTENV[1]}"
if ! read -r -t 90 line <&"${TESTENV[0]}"; then
  echo "packaging proof: kanto-testenv printed no addresses; its log:" >&2
  cat "$work/testenv.log" >&2
  exit 1
fi
pokedex="$(node -e 'console.log(JSON.parse(process.argv[1]).pokedex)' "$line")"

for script in get-pokemon.mjs get-pokemon.cjs; do
  got="$(cd "$app" && node "$script" "$pokedex")"
  if [[ "$got" != "$want" ]]; then
    echo "packaging proof: $script printed \"$got\", want \"$want\"" >&2
    exit 1
  fi
  echo "packaging proof: $script (installed @kanto/sdk) printed: $got"
done
echo "packaging proof: OK"
