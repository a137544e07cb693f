"""Build hook: puts the generated code from ../../gen/python into the wheel
(and the sdist) with hatchling's force-include.

The wheel gets kanto/<service>/v1/*, kanto/serviceconfig/*.json and
buf/validate/validate_pb2.py(+.pyi) (protovalidate's Python runtime expects
the application to supply buf.validate). gen/python/google/** is left out:
google.api comes from googleapis-common-protos.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

# The hand-written package is src/kanto; these names are generated.
GENERATED = ("kanto", "buf")


class GeneratedCodeHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        gen = (root / ".." / ".." / "gen" / "python").resolve()
        if version == "editable":
            raise RuntimeError(
                "kanto-sdk does not support editable installs: its generated code lives "
                "outside this directory. Install it with `pip install sdk/python`."
            )
        if not (gen / "kanto").is_dir():
            # Building from an sdist: the generated code is already in src/.
            if not (root / "src" / "kanto" / "pokedex").is_dir():
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
