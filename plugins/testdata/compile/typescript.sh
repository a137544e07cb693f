#!/usr/bin/env bash
# Placeholder: the typescript emitter writes nothing yet.
set -euo pipefail
echo "compile/typescript.sh: nothing to compile yet"
