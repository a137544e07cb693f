#!/usr/bin/env bash
# build-classpath.sh builds the Java SDK against a tree of generated Java
# code and prints the classpath a program needs to use the result: the
# SDK's classes (runtime, generated clients, messages and stubs) and its
# dependencies from the local Maven repository.
#
#   KANTO_GEN_DIR=<tree> sdk/java/scripts/build-classpath.sh <out dir>
#
# <tree> plays the role of gen/java (default: this repository's gen/java),
# for example what `buf generate` wrote for a changed copy of the schema; no
# SDK file is edited. Maven builds into <out dir>/target, leaving the SDK's
# own target/ alone, without the SDK's tests (they are written against this
# repository's schema). The classpath is also written to
# <out dir>/classpath.txt, so that a program can then run on it, for
# example as a single source file:
#
#   java -cp "$(cat <out dir>/classpath.txt)" MyClient.java
set -euo pipefail

sdk_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ $# -ne 1 ]]; then
  echo "usage: [KANTO_GEN_DIR=<generated java tree>] $0 <out dir>" >&2
  exit 2
fi
mkdir -p "$1"
out="$(cd "$1" && pwd)"
if [[ -n "${KANTO_GEN_DIR:-}" ]]; then
  if [[ ! -d "$KANTO_GEN_DIR" ]]; then
    echo "build-classpath.sh: KANTO_GEN_DIR=$KANTO_GEN_DIR is not a directory" >&2
    exit 1
  fi
  # Maven would resolve a relative path against sdk/java, not against the
  # caller's directory.
  KANTO_GEN_DIR="$(cd "$KANTO_GEN_DIR" && pwd)"
  export KANTO_GEN_DIR
fi

if ! mvn -B -ntp -f "$sdk_dir/pom.xml" -Dkanto.build.dir="$out/target" -Dmaven.test.skip=true \
  package dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$out/dependencies.txt" \
  >"$out/mvn.log" 2>&1; then
  cat "$out/mvn.log" >&2
  echo "build-classpath.sh: the build against ${KANTO_GEN_DIR:-$sdk_dir/../../gen/java} failed (log: $out/mvn.log)" >&2
  exit 1
fi
echo "$out/target/classes:$(cat "$out/dependencies.txt")" >"$out/classpath.txt"
cat "$out/classpath.txt"
