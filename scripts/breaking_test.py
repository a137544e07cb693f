"""Proves that `make breaking` rejects breaking schema changes and accepts
safe ones.

It copies the schema, the Makefile and the breaking script into a scratch
git repository (sharing the installed .tools), commits the current schema as
`main`, and then, case by case, changes the schema and runs
`make breaking BASE=main`. Each mutation asserts that the text it edits is
still there, so a schema edit that invalidates a case fails loudly here
instead of silently testing nothing.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POKEMON = "proto/kanto/pokedex/v1/pokemon.proto"
SERVICE = "proto/kanto/pokedex/v1/pokemon_service.proto"
EXPEDITION = "proto/kanto/expedition/v1/expedition_service.proto"


def edit(repo: Path, rel: str, pattern: str, repl: str, flags: int = 0) -> None:
    path = repo / rel
    text = path.read_text()
    new, n = re.subn(pattern, repl, text, count=1, flags=flags)
    if n != 1:
        raise AssertionError(f"mutation pattern {pattern!r} not found in {rel}")
    path.write_text(new)


# Each case: name, mutation, whether `make breaking` must fail, and a text
# that buf's report must contain when it fails.
Case = tuple[str, Callable[[Path], None], bool, str]
CASES: list[Case] = [
    ("unchanged schema", lambda r: None, False, ""),
    (
        "field type change",
        lambda r: edit(r, POKEMON, r"int32 rate_percent = 3;", "string rate_percent = 3;"),
        True,
        'changed type from "int32" to "string"',
    ),
    (
        "field removed without reserved",
        lambda r: edit(r, POKEMON, r"\n  // The highest level at which it appears.\n  int32 max_level = 5;", ""),
        True,
        'Previously present field "5" with name "max_level"',
    ),
    (
        "field renumbered",
        lambda r: edit(r, POKEMON, r"int32 min_level = 4;", "int32 min_level = 6;"),
        True,
        'Previously present field "4" with name "min_level"',
    ),
    (
        "RPC removed",
        lambda r: edit(r, SERVICE, r"\n  // ListEncounters returns.*?\n  }\n", "\n", re.S),
        True,
        'Previously present RPC "ListEncounters"',
    ),
    (
        "enum value removed",
        lambda r: edit(r, POKEMON, r"\n  // Fairy type.\n  POKEMON_TYPE_FAIRY = 18;", ""),
        True,
        'Previously present enum value "18"',
    ),
    (
        "package renamed",
        lambda r: edit(r, EXPEDITION, r"package kanto\.expedition\.v1;", "package kanto.expeditions.v1;"),
        True,
        'package changed from "kanto.expedition.v1" to "kanto.expeditions.v1"',
    ),
    (
        "field added",
        lambda r: edit(r, POKEMON, r"(google.protobuf.Timestamp update_time = 9 \[[^\]]*\];)", r"\1\n  // Flavor text.\n  string description = 10;"),
        False,
        "",
    ),
    (
        "RPC added",
        lambda r: edit(
            r,
            SERVICE,
            r"(service PokemonService \{\n)",
            r"\1  // CountPokemon counts species.\n  rpc CountPokemon(CountPokemonRequest) returns (CountPokemonResponse);\n\n",
        )
        or (r / SERVICE).write_text(
            (r / SERVICE).read_text()
            + "\n// CountPokemonRequest asks for a count.\nmessage CountPokemonRequest {}\n"
            + "\n// CountPokemonResponse is a count.\nmessage CountPokemonResponse {\n  // The count.\n  int32 count = 1;\n}\n"
        ),
        False,
        "",
    ),
    (
        "enum value added",
        lambda r: edit(r, POKEMON, r"(  RARITY_MYTHIC = 3;\n)", r"\1  // An ultra beast.\n  RARITY_ULTRA_BEAST = 4;\n"),
        False,
        "",
    ),
    (
        "message added",
        lambda r: (r / POKEMON).write_text(
            (r / POKEMON).read_text() + "\n// A Trainer catches Pokémon.\nmessage Trainer {\n  // The trainer's name.\n  string name = 1;\n}\n"
        ),
        False,
        "",
    ),
]


def run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, text=True, capture_output=True, check=False)


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=kanto", "-c", "user.email=kanto@localhost", *args], cwd=repo, check=True, capture_output=True)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="kanto-breaking-") as tmp:
        repo = Path(tmp)
        # copy2 keeps modification times, so the shared tool stamps stay
        # newer than their inputs and make installs nothing again.
        for rel in ["Makefile", "buf.yaml", "scripts/breaking.sh", "tools"]:
            src = ROOT / rel
            if src.is_dir():
                shutil.copytree(src, repo / rel, copy_function=shutil.copy2, ignore=shutil.ignore_patterns("node_modules"))
            else:
                (repo / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, repo / rel)
        shutil.copytree(ROOT / "proto", repo / "proto")
        os.symlink(ROOT / ".tools", repo / ".tools")
        git(repo, "init", "-q", "-b", "main")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "base")
        git(repo, "checkout", "-q", "-b", "change")

        passed = failed = 0
        for name, mutate, must_fail, expect in CASES:
            git(repo, "checkout", "-q", "--", "proto")
            mutate(repo)
            res = run(["make", "--no-print-directory", "breaking", "BASE=main"], repo)
            out = res.stdout + res.stderr
            rejected = res.returncode != 0
            ok = rejected == must_fail and (not must_fail or expect in out)
            verdict = "rejects" if must_fail else "accepts"
            if ok:
                passed += 1
                print(f"ok   make breaking {verdict}: {name}")
            else:
                failed += 1
                print(f"FAIL make breaking should {verdict[:-1]}: {name} (exit {res.returncode})\n{out}")
        print(f"{passed} passed, {failed} failed")
        return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
