#!/usr/bin/env bash
# publish-npm.sh publishes the tarball `make dist` built (.build/dist/npm)
# as @kanto/sdk, with provenance, to the registry the npm client is
# configured with; NPM_TOKEN authenticates. The token goes into a throwaway
# user config keyed by that registry's host, read from npm itself, so no
# registry is named here.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
: "${NPM_TOKEN:?NPM_TOKEN must hold an npm automation token}"
shopt -s nullglob
tarballs=("$root"/.build/dist/npm/kanto-sdk-*.tgz)
if [[ ${#tarballs[@]} -ne 1 ]]; then
  echo "publish-npm: want one tarball in .build/dist/npm (run make dist), found ${#tarballs[@]}" >&2
  exit 1
fi
registry="$(npm config get registry)"
host="${registry#*://}"
npmrc="$(mktemp)"
trap 'rm -f "$npmrc"' EXIT
# npm expands ${NPM_TOKEN} itself when it reads the file.
# shellcheck disable=SC2016
printf '//%s/:_authToken=${NPM_TOKEN}\n' "${host%/}" >"$npmrc"
npm publish "${tarballs[0]}" --userconfig "$npmrc" --access public --provenance
