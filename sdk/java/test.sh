#!/usr/bin/env bash
# test.sh runs every check of the Java SDK, from any directory:
#   1. the packaging proof (scripts/packaging-proof.sh): README.md's install command
#      (`mvn install` of the SDK, which compiles it with every javac lint
#      warning as an error), then a brand-new Maven project with README.md's
#      dependency runs its own program and the examples against a live
#      kanto-testenv, and a build against a copy of gen/java given as
#      KANTO_GEN_DIR runs a program of its own;
#   2. `mvn test`: unit tests, the generated clients against live services
#      and fake servers, README.md's Java blocks, and the conformance runner
#      (sdk/conformance/vectors), last, so that the output ends with
#      Surefire's summary.
# Needs Java 17+, Maven 3.8+, and `make build` (for .build/bin/kanto-testenv,
# or set KANTO_TESTENV). Dependencies come from Maven Central into the usual
# local repository (~/.m2), pinned by pom.xml.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

proof=0
scripts/packaging-proof.sh || proof=$?

mvn -B -ntp test || tests=$?
if [[ "$proof" != 0 ]]; then
  echo "packaging proof FAILED (exit $proof); see its output above" >&2
  exit "$proof"
fi
exit "${tests:-0}"
