#!/usr/bin/env bash
# Placeholder: the python emitter writes nothing yet.
set -euo pipefail
echo "compile/python.sh: nothing to compile yet"
