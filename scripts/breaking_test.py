"""Proves that `make breaking` rejects breaking schema changes and accepts
safe ones, and that the versioning policy (docs/versioning.md) is enforced
the way CI runs it.

It copies the schema, the Makefile and the breaking script into a scratch
git repository (sharing the installed .tools), commits the current schema as
`main`, and then, case by case, changes the schema and runs
`make breaking BASE=main`. Each mutation asserts that the text it edits is
still there, so a schema edit that invalidates a case fails loudly here
instead of silently testing nothing.

The cases cover buf's own FILE rules and Kanto's (buf-plugin-kanto's
KANTO_CONTRACT rules: REST mappings, protovalidate tightening, field
behaviors; and kanto-callpolicy's service config timeouts and retries):
each rejected change must be reported with the rule's words, and loosened
rules, comments and additions must pass.

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
ROUTES = "proto/kanto/routeplanner/v1/route_planner_service.proto"
GEO = "proto/kanto/geo/v1/geo.proto"
POKEDEX_CONFIG = "proto/kanto/pokedex/v1/service_config.json"
ROUTES_CONFIG = "proto/kanto/routeplanner/v1/service_config.json"


def edit(repo: Path, rel: str, pattern: str, repl: str, flags: int = 0) -> None:
    path = repo / rel
    text = path.read_text()
    new, n = re.subn(pattern, repl, text, count=1, flags=flags)
    if n != 1:
        raise AssertionError(f"mutation pattern {pattern!r} not found in {rel}")
    path.write_text(new)


def append(repo: Path, rel: str, text: str) -> None:
    path = repo / rel
    path.write_text(path.read_text() + text)


def steps(*mutations: Callable[[Path], None]) -> Callable[[Path], None]:
    """One mutation made of several, applied in order."""

    def mutate(repo: Path) -> None:
        for m in mutations:
            m(repo)

    return mutate


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
        lambda r: edit(
            r,
            POKEMON,
            r"(google.protobuf.Timestamp update_time = 9 \[[^\]]*\];)",
            r"\1\n  // Flavor text.\n  string description = 10;",
        ),
        False,
        "",
    ),
    (
        "RPC added",
        steps(
            lambda r: edit(
                r,
                SERVICE,
                r"(service PokemonService \{\n)",
                r"\1  // CountPokemon counts species.\n  rpc CountPokemon(CountPokemonRequest) returns (CountPokemonResponse);\n\n",
            ),
            lambda r: append(
                r,
                SERVICE,
                "\n// CountPokemonRequest asks for a count.\nmessage CountPokemonRequest {}\n"
                + "\n// CountPokemonResponse is a count.\nmessage CountPokemonResponse {\n  // The count.\n  int32 count = 1;\n}\n",
            ),
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
        lambda r: append(
            r,
            POKEMON,
            "\n// A Trainer catches Pokémon.\nmessage Trainer {\n  // The trainer's name.\n  string name = 1;\n}\n",
        ),
        False,
        "",
    ),
    # Kanto's rules (buf-plugin-kanto): the four edits of issue 12 first.
    (
        "REST path changed",
        lambda r: edit(r, SERVICE, r'get: "/v1/pokemon/\{id\}"', 'get: "/v1/species/{id}"'),
        True,
        'RPC "GetPokemon" on service "PokemonService" changed the path template of HTTP binding "GET /v1/pokemon/{id}" from "/v1/pokemon/{id}" to "/v1/species/{id}".',
    ),
    (
        "REST verb changed (DELETE to POST :delete)",
        lambda r: edit(
            r,
            SERVICE,
            r'\{delete: "/v1/pokemon/\{id\}"\}',
            '{\n      post: "/v1/pokemon/{id}:delete"\n      body: "*"\n    }',
        ),
        True,
        'RPC "DeletePokemon" on service "PokemonService" changed the HTTP verb of binding "DELETE /v1/pokemon/{id}" from DELETE to POST.',
    ),
    (
        "validation tightened (max_len 512 to 16)",
        lambda r: edit(r, SERVICE, r"string.max_len = 512", "string.max_len = 16"),
        True,
        'Field "page_token" on message "ListPokemonRequest" tightened string.max_len from 512 to 16.',
    ),
    (
        "existing field made required by validation",
        lambda r: edit(
            r, SERVICE, r"Rarity rarity = 4 \[", "Rarity rarity = 4 [(buf.validate.field).required = true, "
        ),
        True,
        'Field "rarity" on message "ListPokemonRequest" became required',
    ),
    (
        "HTTP binding removed",
        lambda r: edit(r, SERVICE, r'\n    option \(google.api.http\) = \{get: "/v1/encounters"\};', ""),
        True,
        'RPC "ListEncounters" on service "PokemonService" no longer has an HTTP binding; it had "GET /v1/encounters".',
    ),
    (
        "HTTP body changed",
        lambda r: edit(
            r, SERVICE, r'post: "/v1/pokemon"\n      body: "pokemon"', 'post: "/v1/pokemon"\n      body: "*"'
        ),
        True,
        'changed the body of HTTP binding "POST /v1/pokemon" from "pokemon" to "*".',
    ),
    (
        "numeric bound narrowed",
        lambda r: edit(r, SERVICE, r"gte: 0\n    lte: 1000\n", "gte: 0\n    lte: 100\n"),
        True,
        'Field "page_size" on message "ListPokemonRequest" tightened int32.lte from 1000 to 100.',
    ),
    (
        "floating-point bound narrowed",
        lambda r: edit(r, GEO, r"gte: -90\n", "gte: -80\n"),
        True,
        'Field "latitude" on message "Location" tightened double.gte from -90 to -80.',
    ),
    (
        "length bound raised",
        lambda r: edit(r, GEO, r"min_len: 1\n", "min_len: 2\n"),
        True,
        'Field "place_id" on message "PlaceRef" tightened string.min_len from 1 to 2.',
    ),
    (
        "count bound narrowed",
        lambda r: edit(r, SERVICE, r"max_items: 100\n", "max_items: 10\n"),
        True,
        'Field "ids" on message "BatchGetPokemonRequest" tightened repeated.max_items from 100 to 10.',
    ),
    (
        "pattern of repeated items changed",
        lambda r: edit(
            r, SERVICE, r'pattern: "\^\[a-z0-9\]\+\(-\[a-z0-9\]\+\)\*\$"', 'pattern: "^[a-z]+(-[a-z0-9]+)*$"'
        ),
        True,
        "tightened repeated.items.string.pattern from",
    ),
    (
        "well-known format added",
        lambda r: edit(r, SERVICE, r"max_len: 64\n    pattern:", "max_len: 64\n    uuid: true\n    pattern:"),
        True,
        'Field "request_id" on message "CreatePokemonRequest" tightened its format from none to string.uuid.',
    ),
    (
        "not_in grown",
        lambda r: edit(
            r,
            POKEMON,
            r"defined_only: true\n      not_in: \[0\]\n    \}\n  \];\n  // The species' base stats.",
            "defined_only: true\n      not_in: [0, 3]\n    }\n  ];\n  // The species' base stats.",
        ),
        True,
        'Field "rarity" on message "Pokemon" tightened enum.not_in from [0] to [0, 3]. It now also rejects 3.',
    ),
    (
        "new field with validation rules",
        lambda r: edit(
            r,
            POKEMON,
            r"(  int32 max_level = 5;\n)",
            r"\1  // The level cap.\n  int32 level_cap = 6 [(buf.validate.field).int32.lte = 100];\n",
        ),
        False,
        "",
    ),
    (
        "new field whose unset value fails its rules",
        lambda r: edit(
            r,
            POKEMON,
            r"(  int32 max_level = 5;\n)",
            r"\1  // The region.\n  string region = 6 [(buf.validate.field).string.min_len = 1];\n",
        ),
        True,
        'Field "region" on message "Encounter" was added with rules that its unset value fails (string.min_len)',
    ),
    (
        "CEL rule changed",
        lambda r: edit(r, SERVICE, r"'base_stats', 'height_meters', 'weight_kilograms'\]\)", "'base_stats'])"),
        True,
        'changed the expression of the CEL rule "update_mask.paths" from',
    ),
    (
        "message CEL rule added",
        lambda r: edit(
            r,
            SERVICE,
            r"message DeletePokemonRequest \{\n",
            'message DeletePokemonRequest {\n  option (buf.validate.message).cel = {\n    id: "delete.not_mew"\n    expression: "this.id != 151"\n  };\n',
        ),
        True,
        'Message "DeletePokemonRequest" added the CEL rule "delete.not_mew" with the expression "this.id != 151".',
    ),
    (
        "ignore made stricter",
        lambda r: edit(r, SERVICE, r"ignore = IGNORE_ALWAYS", "ignore = IGNORE_IF_ZERO_VALUE"),
        True,
        'Field "pokemon" on message "UpdatePokemonRequest" tightened ignore from IGNORE_ALWAYS to IGNORE_IF_ZERO_VALUE.',
    ),
    (
        "field_behavior REQUIRED added",
        lambda r: edit(
            r, SERVICE, r"string page_token = 2 \[", "string page_token = 2 [(google.api.field_behavior) = REQUIRED, "
        ),
        True,
        'Field "page_token" on message "ListPokemonRequest" added google.api.field_behavior REQUIRED',
    ),
    (
        "field_behavior IMMUTABLE added",
        lambda r: edit(
            r,
            POKEMON,
            r"\(google.api.field_behavior\) = IDENTIFIER,",
            "(google.api.field_behavior) = IDENTIFIER,\n    (google.api.field_behavior) = IMMUTABLE,",
        ),
        True,
        'Field "id" on message "Pokemon" added google.api.field_behavior IMMUTABLE',
    ),
    (
        "validation loosened",
        steps(
            lambda r: edit(r, SERVICE, r"string.max_len = 512", "string.max_len = 1024"),
            lambda r: edit(r, SERVICE, r"gte: 0\n    lte: 1000\n", "gte: 0\n    lte: 2000\n"),
            lambda r: edit(
                r, GEO, r"min_len: 1\n    max_len: 64\n    pattern: \"[^\"]*\"\n", "min_len: 1\n    max_len: 128\n"
            ),
            lambda r: edit(
                r, SERVICE, r"\(buf.validate.field\).required = true\n", "(google.api.field_behavior) = OPTIONAL\n"
            ),
        ),
        False,
        "",
    ),
    (
        "comments changed",
        steps(
            lambda r: edit(
                r, SERVICE, r"// GetPokemon returns one species", "// GetPokemon returns exactly one species"
            ),
            lambda r: edit(
                r, SERVICE, r"// The next_page_token of the previous page", "// The next_page_token of the page before"
            ),
        ),
        False,
        "",
    ),
    (
        "HTTP bindings added",
        steps(
            lambda r: edit(
                r,
                SERVICE,
                r'\{get: "/v1/pokemon/\{id\}"\}',
                '{\n      get: "/v1/pokemon/{id}"\n      additional_bindings {get: "/v1/species/{id}"}\n    }',
            ),
            lambda r: edit(
                r,
                ROUTES,
                r"rpc WatchRoutes\(WatchRoutesRequest\) returns \(stream WatchRoutesResponse\) \{\n",
                'rpc WatchRoutes(WatchRoutesRequest) returns (stream WatchRoutesResponse) {\n    option (google.api.http) = {\n      post: "/v1/routes:watch"\n      body: "*"\n    };\n',
            ),
        ),
        False,
        "",
    ),
    # kanto-callpolicy: the service configs' call policies.
    (
        "timeout shortened",
        lambda r: edit(r, POKEDEX_CONFIG, r'"timeout": "5s"', '"timeout": "1s"'),
        True,
        'proto/kanto/pokedex/v1/service_config.json:5:1:Method "GetPokemon" of service "kanto.pokedex.v1.PokemonService" shortened its timeout from 5s to 1s',
    ),
    (
        "retry policy removed",
        lambda r: edit(r, ROUTES_CONFIG, r'"timeout": "5s",\n      "retryPolicy": \{[^}]*\}', '"timeout": "5s"'),
        True,
        'Method "GetRoutes" of service "kanto.routeplanner.v1.RoutePlannerService" lost its retry policy',
    ),
    (
        "timeout lengthened",
        lambda r: edit(r, POKEDEX_CONFIG, r'"timeout": "5s"', '"timeout": "8s"'),
        False,
        "",
    ),
]


def run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, text=True, capture_output=True, check=False)


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=kanto", "-c", "user.email=kanto@localhost", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


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


LAB_REST = """syntax = "proto3";

// Package kanto.lab.{version} is a test package of breaking_test.py.
package kanto.lab.{version};

import "buf/validate/validate.proto";
import "google/api/annotations.proto";

// LabService serves lab results.
service LabService {{
  // GetLabResult returns one result.
  rpc GetLabResult(GetLabResultRequest) returns (GetLabResultResponse) {{
    option (google.api.http) = {{get: "/{version}/lab/results/{{id}}"}};
  }}
}}

// GetLabResultRequest asks for a result.
message GetLabResultRequest {{
  // The result's id.
  string id = 1 [(buf.validate.field).string.max_len = 64];
}}

// GetLabResultResponse carries a result.
message GetLabResultResponse {{
  // The score.
  int32 score = 1;
}}
"""

LAB_CONFIG = """{{
  "methodConfig": [
    {{ "name": [{{ "service": "kanto.lab.{version}.LabService", "method": "GetLabResult" }}], "timeout": "5s" }}
  ]
}}
"""


def lab_rest_break(repo: Path, version: str) -> None:
    """A REST path change, a tightened rule and a shortened timeout: what
    Kanto's rules reject in a stable package."""
    lab = f"proto/kanto/lab/{version}/lab.proto"
    edit(repo, lab, r"/lab/results/", "/lab/scores/")
    edit(repo, lab, r"max_len = 64", "max_len = 8")
    edit(repo, f"proto/kanto/lab/{version}/service_config.json", r'"timeout": "5s"', '"timeout": "1s"')


def lab_break(repo: Path, version: str) -> None:
    """The same two breaks the v1 cases above reject: a type change and a
    field removed without reserving it."""
    edit(repo, f"proto/kanto/lab/{version}/lab.proto", r"int32 score = 1;", "string score = 1;")
    edit(repo, f"proto/kanto/lab/{version}/lab.proto", r"\n  // A note.\n  string note = 2;", "")


def write(repo: Path, rel: str, text: str) -> None:
    (repo / rel).parent.mkdir(parents=True, exist_ok=True)
    (repo / rel).write_text(text)


def remove_max_level(repo: Path, reserve: bool) -> None:
    edit(
        repo,
        POKEMON,
        r"\n  // The highest level at which it appears.\n  int32 max_level = 5;",
        '\n  reserved 5;\n  reserved "max_level";' if reserve else "",
    )


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
        return subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=self.clone, text=True, capture_output=True, check=True
        ).stdout.strip()

    def expect(
        self, name: str, cmd: list[str], must_fail: bool, *texts: str, env: dict[str, str] | None = None
    ) -> None:
        res = subprocess.run(
            cmd, cwd=self.clone, text=True, capture_output=True, check=False, env={**os.environ, **(env or {})}
        )
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
        self.expect(
            "a pull request that breaks the contract fails with buf's message",
            [*make, "breaking", "BASE=origin/main"],
            True,
            'Field "3" with name "rate_percent" on message "Encounter" changed type from "int32" to "string"',
            "breaking-change-accepted",
        )
        self.expect(
            "... also with BASE left to its default (the fork point from main)",
            [*make, "breaking"],
            True,
            'changed type from "int32" to "string"',
        )
        self.expect(
            "... and the accept label does not let a wire break through",
            [*make, "breaking", "BASE=origin/main"],
            True,
            "ACCEPTED",
            "even an accepted break must keep the wire and JSON format",
            env=accepted,
        )

        self.branch("pr-compatible")
        edit(
            self.clone,
            POKEMON,
            r"(google.protobuf.Timestamp update_time = 9 \[[^\]]*\];)",
            r"\1\n  // Flavor text.\n  string description = 10;",
        )
        self.commit("Add Pokemon.description")
        self.expect(
            "a compatible pull request passes",
            [*make, "breaking", "BASE=origin/main"],
            False,
            "no breaking changes against origin/main",
        )

        self.branch("pr-remove-reserved")
        remove_max_level(self.clone, reserve=True)
        self.commit("Remove Encounter.max_level")
        self.expect(
            "removing a field, even reserved, breaks v1 (FILE)",
            [*make, "breaking", "BASE=origin/main"],
            True,
            'Previously present field "5" with name "max_level" on message "Encounter" was deleted',
        )
        self.expect(
            "the label accepts it: number and name are reserved (WIRE_JSON passes)",
            [*make, "breaking", "BASE=origin/main"],
            False,
            "ACCEPTED (pull request label breaking-change-accepted)",
            "wire- and JSON-compatible",
            env=accepted,
        )

        self.branch("pr-remove-unreserved")
        remove_max_level(self.clone, reserve=False)
        self.commit("Remove Encounter.max_level\n\nBreaking-Change-Accepted: max_level was never filled in")
        self.expect(
            "a commit trailer accepts a break too, but not one that leaves the number unreserved",
            [*make, "breaking", "BASE=origin/main"],
            True,
            "ACCEPTED (max_level was never filled in)",
            'without reserving the number "5"',
        )

        self.branch("pr-remove-trailer")
        remove_max_level(self.clone, reserve=True)
        self.commit("Remove Encounter.max_level\n\nBreaking-Change-Accepted: max_level was never filled in")
        self.expect(
            "a commit trailer accepts a reserved removal",
            [*make, "breaking", "BASE=origin/main"],
            False,
            "ACCEPTED (max_level was never filled in)",
        )

        for version, must_fail in (("v1alpha1", False), ("v1", True)):
            self.branch(f"lab-{version}-base")
            write(self.clone, f"proto/kanto/lab/{version}/lab.proto", LAB.format(version=version))
            base = self.commit(f"Add kanto.lab.{version}")
            self.branch(f"lab-{version}-change", base)
            lab_break(self.clone, version)
            self.commit(f"Change kanto.lab.{version}")
            self.expect(
                f"the same type change and removal in kanto.lab.{version} {'fails' if must_fail else 'passes: unstable packages are exempt'}",
                [*make, "breaking", f"BASE={base}"],
                must_fail,
                *(['changed type from "int32" to "string"'] if must_fail else ["no breaking changes"]),
            )

        for version, must_fail in (("v1alpha1", False), ("v1", True)):
            self.branch(f"lab-rest-{version}-base")
            write(self.clone, f"proto/kanto/lab/{version}/lab.proto", LAB_REST.format(version=version))
            write(self.clone, f"proto/kanto/lab/{version}/service_config.json", LAB_CONFIG.format(version=version))
            base = self.commit(f"Add kanto.lab.{version} with a REST binding")
            self.branch(f"lab-rest-{version}-change", base)
            lab_rest_break(self.clone, version)
            self.commit(f"Change kanto.lab.{version}'s REST path, validation and timeout")
            texts = (
                [
                    f'changed the path template of HTTP binding "GET /{version}/lab/results/{{id}}"',
                    'Field "id" on message "GetLabResultRequest" tightened string.max_len from 64 to 8.',
                    f'Method "GetLabResult" of service "kanto.lab.{version}.LabService" shortened its timeout from 5s to 1s',
                ]
                if must_fail
                else ["no breaking changes"]
            )
            self.expect(
                f"a REST, validation and timeout change in kanto.lab.{version} {'fails' if must_fail else 'passes: unstable packages are exempt from Kanto rules too'}",
                [*make, "breaking", f"BASE={base}"],
                must_fail,
                *texts,
            )

        self.branch("pr-rest-break")
        edit(self.clone, SERVICE, r'get: "/v1/pokemon/\{id\}"', 'get: "/v1/species/{id}"')
        edit(self.clone, SERVICE, r"string.max_len = 512", "string.max_len = 16")
        self.commit("Move GetPokemon to /v1/species and shorten page tokens")
        self.expect(
            "a pull request that changes a REST path and tightens a rule fails with Kanto's messages",
            [*make, "breaking", "BASE=origin/main"],
            True,
            'changed the path template of HTTP binding "GET /v1/pokemon/{id}" from "/v1/pokemon/{id}" to "/v1/species/{id}"',
            'Field "page_token" on message "ListPokemonRequest" tightened string.max_len from 512 to 16.',
            "(.tools/bin/buf-plugin-kanto)",
            "breaking-change-accepted",
        )
        self.expect(
            "... and the accept label lets them through: they keep the wire and JSON format",
            [*make, "breaking", "BASE=origin/main"],
            False,
            "ACCEPTED (pull request label breaking-change-accepted)",
            "wire- and JSON-compatible",
            env=accepted,
        )
        self.expect(
            "... under GitHub Actions the findings are annotations on the files",
            [*make, "breaking", "BASE=origin/main"],
            True,
            "::error file=proto/kanto/pokedex/v1/pokemon_service.proto,line=23,",
            env={"GITHUB_ACTIONS": "true"},
        )

        self.branch("pr-validation-trailer")
        edit(self.clone, SERVICE, r"Rarity rarity = 4 \[", "Rarity rarity = 4 [(buf.validate.field).required = true, ")
        self.commit("Require a rarity filter\n\nBreaking-Change-Accepted: every client sends a rarity")
        self.expect(
            "a commit trailer accepts a field made required",
            [*make, "breaking", "BASE=origin/main"],
            False,
            'Field "rarity" on message "ListPokemonRequest" became required',
            "ACCEPTED (every client sends a rarity)",
        )

        self.branch("pr-timeout")
        edit(self.clone, POKEDEX_CONFIG, r'"timeout": "10s"', '"timeout": "2s"')
        self.commit("Shorten UpdatePokemon's timeout")
        self.expect(
            "a shortened timeout fails, at its line of the service config",
            [*make, "breaking", "BASE=origin/main"],
            True,
            'proto/kanto/pokedex/v1/service_config.json:22:1:Method "UpdatePokemon" of service "kanto.pokedex.v1.PokemonService" shortened its timeout from 10s to 2s',
            "breaking-change-accepted",
        )
        self.expect(
            "... under GitHub Actions as an annotation",
            [*make, "breaking", "BASE=origin/main"],
            True,
            '::error file=proto/kanto/pokedex/v1/service_config.json,line=22,col=1::Method "UpdatePokemon"',
            env={"GITHUB_ACTIONS": "true"},
        )
        self.expect(
            "... and the accept label lets it through",
            [*make, "breaking", "BASE=origin/main"],
            False,
            "the call policy changes above are ACCEPTED (pull request label breaking-change-accepted)",
            env=accepted,
        )

        buf = str(ROOT / ".tools/bin/buf")
        self.branch("lint-route-clash")
        edit(self.clone, SERVICE, r'\{get: "/v1/pokemon:batchGet"\}', '{get: "/v1/pokemon/{name}"}')
        self.expect(
            "buf lint rejects two RPCs on one REST route (Kanto's lint rules)",
            [buf, "lint"],
            True,
            'RPC "BatchGetPokemon" on service "PokemonService" maps "GET /v1/pokemon/{name}" to the same HTTP route as RPC "GetPokemon"',
        )
        git(self.clone, "checkout", "-q", "--", "proto")
        edit(
            self.clone,
            ROUTES,
            r"rpc RecordTrip\(stream RecordTripRequest\) returns \(RecordTripResponse\);",
            'rpc RecordTrip(stream RecordTripRequest) returns (RecordTripResponse) {\n    option (google.api.http) = {\n      post: "/v1/trips"\n      body: "*"\n    };\n  }',
        )
        self.expect(
            "buf lint rejects an HTTP binding on a client-streaming RPC",
            [buf, "lint"],
            True,
            'RPC "RecordTrip" on service "RoutePlannerService" is client_stream and has an HTTP binding',
        )
        git(self.clone, "checkout", "-q", "--", "proto")

        self.branch("stable-imports-unstable")
        write(self.clone, "proto/kanto/lab/v1alpha1/lab.proto", LAB.format(version="v1alpha1"))
        edit(
            self.clone,
            POKEMON,
            r'(import "google/protobuf/timestamp.proto";)',
            r'\1\nimport "kanto/lab/v1alpha1/lab.proto";',
        )
        self.expect(
            "a stable package may not import an unstable one (buf lint)",
            [str(ROOT / ".tools/bin/buf"), "lint"],
            True,
            'This file is in stable package "kanto.pokedex.v1", so it should not depend on',
        )
        git(self.clone, "checkout", "-q", "--", "proto")
        git(self.clone, "clean", "-qfd", "proto")

        self.branch("main")
        before = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=self.clone, text=True, capture_output=True, check=True
        ).stdout.strip()
        edit(self.clone, SERVICE, r"\n  // ListEncounters returns.*?\n  }\n", "\n", re.S)
        self.commit("Drop ListEncounters")
        self.expect(
            "a push to main is checked against the commit pushed before",
            [*make, "breaking", f"BASE={before}"],
            True,
            'Previously present RPC "ListEncounters"',
        )
        self.expect(
            "... which is also the default on main (its upstream)",
            [*make, "breaking"],
            True,
            'Previously present RPC "ListEncounters"',
        )

        self.expect(
            "with no release tag, the release report says so", [*make, "breaking-release"], False, "no release tag"
        )
        git(self.clone, "tag", "v0.1.0", before)
        self.expect(
            "the release report shows the break since v0.1.0 without failing",
            [*make, "breaking-release"],
            False,
            'Previously present RPC "ListEncounters"',
            "REPORT ONLY",
            "since release v0.1.0",
        )
        edit(self.clone, SERVICE, r'get: "/v1/pokemon/\{id\}"', 'get: "/v1/species/{id}"')
        edit(self.clone, POKEDEX_CONFIG, r'"timeout": "10s"', '"timeout": "2s"')
        self.commit("Move GetPokemon and shorten a timeout\n\nBreaking-Change-Accepted: test")
        self.expect(
            "... and Kanto's REST and call policy breaks too",
            [*make, "breaking-release"],
            False,
            'changed the path template of HTTP binding "GET /v1/pokemon/{id}"',
            "shortened its timeout from 10s to 2s",
            "REPORT ONLY",
        )


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="kanto-breaking-") as tmp:
        repo = Path(tmp)
        # copy2 keeps modification times, so the shared tool stamps stay
        # newer than their inputs and make installs nothing again.
        for rel in ["Makefile", "buf.yaml", "scripts/breaking.sh", "tools"]:
            src = ROOT / rel
            if src.is_dir():
                shutil.copytree(
                    src, repo / rel, copy_function=shutil.copy2, ignore=shutil.ignore_patterns("node_modules")
                )
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
