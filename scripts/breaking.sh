#!/usr/bin/env bash
# breaking.sh [BASE] runs `buf breaking` (FILE rules) on proto/ against the
# schema at git ref BASE (default main). It needs no network and no Buf
# Schema Registry: the base schema comes out of the local git object store
# with `git archive`, which also works in a shallow clone. If BASE is not
# known locally it tries origin/BASE, then a depth-1 fetch from origin.
set -euo pipefail
base="${1:-main}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
buf="$root/.tools/bin/buf"

resolve() { git rev-parse --verify --quiet "$1^{commit}" 2>/dev/null; }
commit="$(resolve "$base" || resolve "origin/$base" || true)"
if [[ -z "$commit" ]] && git remote get-url origin >/dev/null 2>&1; then
  if git fetch --quiet --depth=1 origin "$base" 2>/dev/null; then
    commit="$(resolve FETCH_HEAD || true)"
  fi
fi
if [[ -z "$commit" ]]; then
  echo "breaking: no git ref '$base' here or at origin; choose one with BASE=<ref>" >&2
  exit 2
fi
if ! git cat-file -e "$commit:proto" 2>/dev/null; then
  echo "breaking: $base has no proto/ yet; nothing to compare"
  exit 0
fi

work="$root/.build/breaking"
rm -rf "$work" && mkdir -p "$work"
git archive "$commit" proto | tar -x -C "$work"
# The base schema imports the same third-party protos as the current one.
ln -s "$root/.tools/protodeps" "$work/protodeps"
printf 'version: v2\nmodules:\n  - path: proto\n  - path: protodeps\n' >"$work/buf.yaml"
"$buf" build "$work/proto" -o "$work/base.binpb"
"$buf" breaking proto --against "$work/base.binpb"
echo "breaking: no breaking changes against $base ($(git rev-parse --short "$commit"))"
