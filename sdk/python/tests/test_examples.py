"""The examples, run as a user would against the live services."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from testenv import TestEnv

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run_example(name: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / name), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_get_pokemon(testenv: TestEnv) -> None:
    out = run_example("get_pokemon.py", "--addr", testenv.address("pokedex"))
    assert out.splitlines() == ["Pokemon #25 is Pikachu"]


def test_watch_routes(testenv: TestEnv) -> None:
    out = run_example(
        "watch_routes.py", "--addr", testenv.address("routeplanner"), "--updates", "1"
    )
    lines = out.splitlines()
    assert len(lines) == 1
    assert lines[0].endswith("Cerulean City")
    assert ": Pallet Town -> " in lines[0]


def test_list_pokemon_async(testenv: TestEnv) -> None:
    out = run_example("list_pokemon_async.py", "--addr", testenv.address("pokedex"))
    lines = out.splitlines()
    assert lines[0] == "#150 Mewtwo"
    assert "  place_ids[0] (string.pattern): does not match regex pattern" in out
