"""Build hook: puts the generated code into the wheel (and the sdist) with
hatchling's force-include.

The generated code is gen/python of the repository, or the directory
$KANTO_GEN_DIR names (a tree laid out like gen/python, for example one
generated from a modified copy of the schema). The wheel gets kanto/**
(the messages, and protoc-gen-kanto's clients and umbrella module, which
carries the schema revision) merged into the hand-written src/kanto,
and buf/validate/validate_pb2.py(+.pyi) (protovalidate's Python runtime
expects the application to supply buf.validate). google/** is left out:
google.api comes from googleapis-common-protos.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

# The hand-written package is src/kanto; these names are generated.
GENERATED = ("kanto", "buf")
# The generated file every build needs: the umbrella clients, which
# kanto/__init__.py re-exports with the schema revision.
UMBRELLA = Path("kanto") / "clients_kanto.py"


class GeneratedCodeHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        override = os.environ.get("KANTO_GEN_DIR")
        gen = Path(override).resolve() if override else (root / ".." / ".." / "gen" / "python")
        gen = gen.resolve()
        if version == "editable":
            raise RuntimeError(
                "kanto-sdk does not support editable installs: its generated code lives "
                "outside this directory. Install it with `pip install sdk/python`."
            )
        if override and not (gen / UMBRELLA).is_file():
            raise RuntimeError(f"KANTO_GEN_DIR={override} has no {UMBRELLA}: is it gen/python?")
        if not (gen / UMBRELLA).is_file():
            # Building from an sdist: the generated code is already in src/.
            if not (root / "src" / UMBRELLA).is_file():
                raise RuntimeError(
                    f"generated code not found in {gen} nor in src/: build kanto-sdk from "
                    "the Kanto repository (after `make generate`) or from its sdist"
                )
            return
        prefix = "src/" if self.target_name == "sdist" else ""
        for top in GENERATED:
            for entry in sorted((gen / top).iterdir()):
                if entry.name == "__pycache__":
                    continue
                if top == "kanto" and (root / "src" / "kanto" / entry.name).exists():
                    raise RuntimeError(f"src/kanto/{entry.name} would shadow generated code")
                build_data["force_include"][str(entry)] = f"{prefix}{top}/{entry.name}"
