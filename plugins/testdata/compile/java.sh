#!/usr/bin/env bash
# Placeholder: the java emitter writes nothing yet.
set -euo pipefail
echo "compile/java.sh: nothing to compile yet"
