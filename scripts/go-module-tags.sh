#!/usr/bin/env bash
# go-module-tags.sh vX.Y.Z [--push] tags the Go modules of a release.
#
# A Go module in a subdirectory is versioned by tags with its path as a
# prefix, so `go get github.com/kanto-api/kanto/sdk/go@vX.Y.Z` needs the tag
# sdk/go/vX.Y.Z. This makes gen/go/vX.Y.Z, gen/goserver/vX.Y.Z,
# services/vX.Y.Z and sdk/go/vX.Y.Z at the commit the release tag vX.Y.Z
# names (the tools and plugins modules are not released), after checking
# that the modules require each other at that very version
# (scripts/version.py writes it). With --push it pushes them
# to origin; the release workflow does that.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
tag="${1:-}"
if [[ ! "$tag" =~ ^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]]; then
  echo "usage: go-module-tags.sh vX.Y.Z [--push]" >&2
  exit 2
fi
python3 scripts/version.py check --expect "$tag"
commit="$(git rev-parse --verify "$tag^{commit}" 2>/dev/null || git rev-parse HEAD)"
tags=()
for module in gen/go gen/goserver services sdk/go; do
  t="$module/$tag"
  git tag "$t" "$commit"
  tags+=("$t")
  echo "go-module-tags: $t at $(git rev-parse --short "$commit")"
done
if [[ "${2:-}" == --push ]]; then
  git push origin "${tags[@]}"
fi
