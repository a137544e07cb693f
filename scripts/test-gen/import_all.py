"""Imports every generated Python module, so a broken generator or a
runtime older than the generated code fails here, not in a user's app."""

import importlib
import pathlib
import sys

root = pathlib.Path(sys.argv[1])
count = 0
for path in sorted(root.rglob("*.py")):
    parts = path.relative_to(root).with_suffix("").parts
    if parts[0] not in ("kanto", "buf"):
        continue  # google.api comes from googleapis-common-protos at run time
    if parts[-1].endswith("_kanto"):
        # protoc-gen-kanto's clients import the SDK's runtime (kanto._runtime);
        # sdk/python's tests import and type-check them with it.
        continue
    importlib.import_module(".".join(parts))
    count += 1
if count == 0:
    sys.exit("no generated Python modules found")
print(f"imported {count} generated Python modules")
