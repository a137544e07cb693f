"""Proves that `make breaking` rejects breaking schema changes and accepts
safe ones, and that the versioning policy (docs/versioning.md) is enforced
the way CI runs it.

It copies the schema, the Makefile and the breaking script into a scratch
git repository (sharing the installed .tools), commits the current schema as
`main`, and then, case by case, changes the schema and runs
`make breaking BASE=main`. Each mutation asserts that the text it edits is
still there, so a schema edit that invalidates a case fails loudly here
instead of silently testing nothing.

The second part plays CI's scenarios with real commits in a clone (so
origin/main exists, as in a CI checkout): a pull request that breaks the
contract fails with buf's message and a compatible one passes; the label
(BREAKING_CHANGE_ACCEPTED) or a commit trailer accepts a wire-compatible
break but not a wire break; unstable packages (v1alpha1) may break where
v1 may not, and a stable package may not import them; a push to main is
checked against the commit pushed before; and `make breaking-release`
reports, without failing, against the newest release tag.
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


LAB = """syntax = "proto3";

// Package kanto.lab.{version} is a test package of breaking_test.py.
package kanto.lab.{version};

// A LabResult is a result.
message LabResult {{
  // The score.
  int32 score = 1;
  // A note.
  string note = 2;
}}
"""


def lab_break(repo: Path, version: str) -> None:
    """The same two breaks the v1 cases above reject: a type change and a
    field removed without reserving it."""
    edit(repo, f"proto/kanto/lab/{version}/lab.proto", r"int32 score = 1;", "string score = 1;")
    edit(repo, f"proto/kanto/lab/{version}/lab.proto", r"\n  // A note.\n  string note = 2;", "")


def write(repo: Path, rel: str, text: str) -> None:
    (repo / rel).parent.mkdir(parents=True, exist_ok=True)
    (repo / rel).write_text(text)


def remove_max_level(repo: Path, reserve: bool) -> None:
    edit(repo, POKEMON, r"\n  // The highest level at which it appears.\n  int32 max_level = 5;", '\n  reserved 5;\n  reserved "max_level";' if reserve else "")


class Scenarios:
    """CI's situations, played with commits in a clone of the scratch repo."""

    def __init__(self, origin: Path, clone: Path) -> None:
        self.clone = clone
        subprocess.run(["git", "clone", "-q", str(origin), str(clone)], check=True, capture_output=True)
        if not (clone / ".tools").exists():  # the scratch repo committed its symlink
            os.symlink(ROOT / ".tools", clone / ".tools")
        self.passed = self.failed = 0

    def branch(self, name: str, start: str = "origin/main") -> None:
        git(self.clone, "checkout", "-q", "-B", name, start)

    def commit(self, message: str) -> str:
        git(self.clone, "add", "-A", "proto")
        git(self.clone, "commit", "-q", "-m", message)
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=self.clone, text=True, capture_output=True, check=True).stdout.strip()

    def expect(self, name: str, cmd: list[str], must_fail: bool, *texts: str, env: dict[str, str] | None = None) -> None:
        res = subprocess.run(cmd, cwd=self.clone, text=True, capture_output=True, check=False, env={**os.environ, **(env or {})})
        out = res.stdout + res.stderr
        ok = (res.returncode != 0) == must_fail and all(t in out for t in texts)
        if ok:
            self.passed += 1
            print(f"ok   {name}")
        else:
            self.failed += 1
            missing = [t for t in texts if t not in out]
            print(f"FAIL {name} (exit {res.returncode}, missing {missing})\n{out}")

    def run(self) -> None:
        make = ["make", "--no-print-directory"]
        accepted = {"BREAKING_CHANGE_ACCEPTED": "pull request label breaking-change-accepted"}

        self.branch("pr-break")
        edit(self.clone, POKEMON, r"int32 rate_percent = 3;", "string rate_percent = 3;")
        self.commit("Make rate_percent a string")
        self.expect("a pull request that breaks the contract fails with buf's message", [*make, "breaking", "BASE=origin/main"], True,
                    'Field "3" with name "rate_percent" on message "Encounter" changed type from "int32" to "string"', "breaking-change-accepted")
        self.expect("... also with BASE left to its default (the fork point from main)", [*make, "breaking"], True, 'changed type from "int32" to "string"')
        self.expect("... and the accept label does not let a wire break through", [*make, "breaking", "BASE=origin/main"], True,
                    "ACCEPTED", "even an accepted break must keep the wire and JSON format", env=accepted)

        self.branch("pr-compatible")
        edit(self.clone, POKEMON, r"(google.protobuf.Timestamp update_time = 9 \[[^\]]*\];)", r"\1\n  // Flavor text.\n  string description = 10;")
        self.commit("Add Pokemon.description")
        self.expect("a compatible pull request passes", [*make, "breaking", "BASE=origin/main"], False, "no breaking changes against origin/main")

        self.branch("pr-remove-reserved")
        remove_max_level(self.clone, reserve=True)
        self.commit("Remove Encounter.max_level")
        self.expect("removing a field, even reserved, breaks v1 (FILE)", [*make, "breaking", "BASE=origin/main"], True,
                    'Previously present field "5" with name "max_level" on message "Encounter" was deleted')
        self.expect("the label accepts it: number and name are reserved (WIRE_JSON passes)", [*make, "breaking", "BASE=origin/main"], False,
                    "ACCEPTED (pull request label breaking-change-accepted)", "wire- and JSON-compatible", env=accepted)

        self.branch("pr-remove-unreserved")
        remove_max_level(self.clone, reserve=False)
        self.commit("Remove Encounter.max_level\n\nBreaking-Change-Accepted: max_level was never filled in")
        self.expect("a commit trailer accepts a break too, but not one that leaves the number unreserved", [*make, "breaking", "BASE=origin/main"], True,
                    "ACCEPTED (max_level was never filled in)", 'without reserving the number "5"')

        self.branch("pr-remove-trailer")
        remove_max_level(self.clone, reserve=True)
        self.commit("Remove Encounter.max_level\n\nBreaking-Change-Accepted: max_level was never filled in")
        self.expect("a commit trailer accepts a reserved removal", [*make, "breaking", "BASE=origin/main"], False, "ACCEPTED (max_level was never filled in)")

        for version, must_fail in (("v1alpha1", False), ("v1", True)):
            self.branch(f"lab-{version}-base")
            write(self.clone, f"proto/kanto/lab/{version}/lab.proto", LAB.format(version=version))
            base = self.commit(f"Add kanto.lab.{version}")
            self.branch(f"lab-{version}-change", base)
            lab_break(self.clone, version)
            self.commit(f"Change kanto.lab.{version}")
            self.expect(f"the same type change and removal in kanto.lab.{version} {'fails' if must_fail else 'passes: unstable packages are exempt'}",
                        [*make, "breaking", f"BASE={base}"], must_fail, *(['changed type from "int32" to "string"'] if must_fail else ["no breaking changes"]))

        self.branch("stable-imports-unstable")
        write(self.clone, "proto/kanto/lab/v1alpha1/lab.proto", LAB.format(version="v1alpha1"))
        edit(self.clone, POKEMON, r'(import "google/protobuf/timestamp.proto";)', r'\1\nimport "kanto/lab/v1alpha1/lab.proto";')
        self.expect("a stable package may not import an unstable one (buf lint)", [str(ROOT / ".tools/bin/buf"), "lint"], True, 'This file is in stable package "kanto.pokedex.v1", so it should not depend on')
        git(self.clone, "checkout", "-q", "--", "proto")
        git(self.clone, "clean", "-qfd", "proto")

        self.branch("main")
        before = subprocess.run(["git", "rev-parse", "HEAD"], cwd=self.clone, text=True, capture_output=True, check=True).stdout.strip()
        edit(self.clone, SERVICE, r"\n  // ListEncounters returns.*?\n  }\n", "\n", re.S)
        self.commit("Drop ListEncounters")
        self.expect("a push to main is checked against the commit pushed before", [*make, "breaking", f"BASE={before}"], True, 'Previously present RPC "ListEncounters"')
        self.expect("... which is also the default on main (its upstream)", [*make, "breaking"], True, 'Previously present RPC "ListEncounters"')

        self.expect("with no release tag, the release report says so", [*make, "breaking-release"], False, "no release tag")
        git(self.clone, "tag", "v0.1.0", before)
        self.expect("the release report shows the break since v0.1.0 without failing", [*make, "breaking-release"], False,
                    'Previously present RPC "ListEncounters"', "REPORT ONLY", "since release v0.1.0")


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
        git(repo, "checkout", "-q", "--", "proto")
        git(repo, "checkout", "-q", "main")

        scenarios = Scenarios(repo, Path(tmp) / "clone")
        scenarios.run()
        passed += scenarios.passed
        failed += scenarios.failed
        print(f"{passed} passed, {failed} failed")
        return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
