#!/usr/bin/env bash
# dist.sh builds every release artifact into .build/dist/, checks that each
# carries the release version, and writes SHA256SUMS:
#
#   python/kanto_sdk-V-py3-none-any.whl, python/kanto_sdk-V.tar.gz   (PyPI)
#   npm/kanto-sdk-V.tgz                                          (npm)
#   maven/kanto-sdk-V.jar, -sources.jar, -javadoc.jar, .pom      (Maven Central)
#   kanto-schema-V.binpb   the schema as a Buf image (buf build), for
#                          `buf breaking --against` and other tools
#   kanto-openapi-V.json   the REST gateway's OpenAPI document
#   kanto-api-reference-V.md
#
# Go has no artifact: a Go release is the module tags gen/go/vV, sdk/go/vV
# and services/vV that the release workflow pushes beside vV.
#
#   dist.sh [TAG]   TAG (vX.Y.Z) must match the VERSION file: the release
#                   workflow passes the tag it was started by.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
tag="${1:-}"
if [[ -n "$tag" ]]; then
  python3 scripts/version.py check --expect "$tag"
  # Releases are cut from main only.
  if git rev-parse --verify --quiet origin/main >/dev/null && ! git merge-base --is-ancestor HEAD origin/main; then
    echo "dist: $tag ($(git rev-parse --short HEAD)) is not on origin/main; tag a commit of main" >&2
    exit 1
  fi
else
  python3 scripts/version.py check
fi
v="$(cat VERSION)"
out="$root/.build/dist"
rm -rf "$out" && mkdir -p "$out/python" "$out/npm" "$out/maven"

echo "dist: Python wheel and sdist"
sdk/python/scripts/venv.sh
# Quiet on success; a build error still reaches stderr.
(cd sdk/python && .venv/bin/hatchling build -d "$out/python" >/dev/null)

echo "dist: npm tarball"
(cd sdk/typescript && npm ci --no-audit --no-fund --prefer-offline --loglevel=error && npm pack --silent --pack-destination "$out/npm" >/dev/null)

echo "dist: Maven jars"
(cd sdk/java && mvn -B -q -Dstyle.color=never -P release -Dgpg.skip -DskipTests package)
for classifier in "" -sources -javadoc; do
  cp "sdk/java/target/kanto-sdk-$v$classifier.jar" "$out/maven/"
done
cp sdk/java/pom.xml "$out/maven/kanto-sdk-$v.pom"

echo "dist: schema image, OpenAPI document, API reference"
.tools/bin/buf build proto -o "$out/kanto-schema-$v.binpb"
cp gen/goserver/kantoregistry/kanto.swagger.json "$out/kanto-openapi-$v.json"
cp docs/api/reference.md "$out/kanto-api-reference-$v.md"

# Every artifact must say the version it is released as, and the wheel and
# the jar the schema revision they were generated from, which
# protoc-gen-kanto writes into every language's generated code (the
# servers' registry too).
fail() { echo "dist: $*" >&2; exit 1; }
# (Each listing is read whole before grep looks at it: grep -q stopping
# early would fail the pipe.)
revision="$(sed -n 's/^const SchemaRevision = "\([0-9a-f]\{12\}\)"$/\1/p' gen/goserver/kantoregistry/kantoregistry.kanto.go)"
[[ -n "$revision" ]] || fail "gen/goserver/kantoregistry names no schema revision"
wheel="$out/python/kanto_sdk-$v-py3-none-any.whl"
grep -qx "Version: $v" <<<"$(unzip -p "$wheel" "kanto_sdk-$v.dist-info/METADATA")" || fail "wheel is not version $v"
grep -qx "SCHEMA_REVISION = \"$revision\"" <<<"$(unzip -p "$wheel" kanto/clients_kanto.py)" || fail "wheel lacks schema revision $revision"
grep -qx "Version: $v" <<<"$(tar -xOzf "$out/python/kanto_sdk-$v.tar.gz" "kanto_sdk-$v/PKG-INFO")" || fail "sdist is not version $v"
grep -q "\"version\": \"$v\"" <<<"$(tar -xOzf "$out/npm/kanto-sdk-$v.tgz" package/package.json)" || fail "npm tarball is not version $v"
grep -q "version=$v" <<<"$(unzip -p "$out/maven/kanto-sdk-$v.jar" dev/kanto/sdk/kanto-sdk.properties)" || fail "jar is not version $v"
# (grep -c reads the class file whole, and -a reads it as text.)
[[ "$(unzip -p "$out/maven/kanto-sdk-$v.jar" dev/kanto/sdk/KantoSchema.class | grep -ac "$revision")" -gt 0 ]] ||
  fail "jar lacks schema revision $revision"

(cd "$out" && find . -type f ! -name SHA256SUMS -printf '%P\n' | sort | xargs sha256sum >SHA256SUMS)
echo "dist: $v in .build/dist:"
sed 's/^/  /' "$out/SHA256SUMS"
