"""Every code block of README.md, run against live services, so the README
cannot rot.

Each ``python`` block runs as a program of its own, as written, against a
kanto-testenv started with `make run`'s curator token. The blocks call the
services at their default targets (where `make run` serves them); the test
forwards those addresses to kanto-testenv's services by wrapping grpc's
channel constructors in a prelude the block does not see, the way a port
forward would. A block that ends with an ``# Output:`` comment must print
exactly the lines that follow it. The one ``sh`` block, the install
command, is run by the packaging proof (scripts/packaging-proof.sh).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import kanto
from testenv import SDK_DIR, TestEnv, start_testenv

README = SDK_DIR / "README.md"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
# The token scripts/run.sh gives the Pokédex, which the README's blocks use.
DEV_TOKEN = "kanto-dev-curator-token"

PRELUDE = """\
import json as _json
import os as _os

import grpc as _grpc
import grpc.aio as _grpc_aio

import kanto as _kanto


def _forward(make):
    targets = _json.loads(_os.environ["KANTO_README_TARGETS"])
    forward = {s.default_target: targets[s.name] for s in _kanto.SERVICES}

    def channel(target, *args, **kwargs):
        return make(forward.get(target, target), *args, **kwargs)

    return channel


for _module in (_grpc, _grpc_aio):
    _module.insecure_channel = _forward(_module.insecure_channel)
    _module.secure_channel = _forward(_module.secure_channel)
del _module
"""


def blocks() -> list[tuple[str, str, int]]:
    """The README's fenced code blocks: (language, code, line number)."""
    text = README.read_text(encoding="utf-8")
    return [
        (m.group(1), m.group(2), text.count("\n", 0, m.start()) + 1) for m in FENCE.finditer(text)
    ]


def expected_output(code: str) -> list[str] | None:
    """The lines of a block's trailing ``# Output:`` comment, or None."""
    lines = code.rstrip("\n").split("\n")
    if "# Output:" not in lines:
        return None
    start = len(lines) - 1 - lines[::-1].index("# Output:")
    out = []
    for line in lines[start + 1 :]:
        assert line.startswith("#"), f"not an output line: {line!r}"
        out.append(line[2:] if line.startswith("# ") else line[1:])
    return out


PYTHON_BLOCKS = [
    pytest.param(code, id=f"line{line}") for lang, code, line in blocks() if lang == "python"
]


def test_every_block_is_run() -> None:
    languages = [lang for lang, _, _ in blocks()]
    assert languages.count("python") == len(PYTHON_BLOCKS) >= 10
    # The install command, which scripts/packaging-proof.sh runs.
    assert [(lang, code) for lang, code, _ in blocks() if lang != "python"] == [
        ("sh", "pip install ./sdk/python\n")
    ]


def test_the_service_table_is_the_schemas() -> None:
    text = README.read_text(encoding="utf-8")
    rows = re.findall(
        r"^\| `([\w.]+Service)` \| `(\w+)` \| `kanto\.(\w+)` \| `kanto\.(\w+)` \| `(.*)` \|$",
        text,
        re.MULTILINE,
    )
    want = []
    with kanto.KantoClient(insecure=True) as client:
        for info in kanto.SERVICES:
            accessor = next(
                name
                for name in dir(type(client))
                if isinstance(getattr(type(client), name), property)
                and getattr(client, name).SERVICE_INFO is info
            )
            sync = type(getattr(client, accessor)).__name__
            want.append((info.name, accessor, sync, f"Async{sync}", info.default_target))
    assert rows == want


@pytest.fixture(scope="module")
def readme_env() -> Iterator[TestEnv]:
    with start_testenv(args=["-curator-token", DEV_TOKEN]) as env:
        yield env


@pytest.mark.parametrize("code", PYTHON_BLOCKS)
def test_block(code: str, readme_env: TestEnv, tmp_path: Path) -> None:
    program = tmp_path / "block.py"
    program.write_text(PRELUDE + "\n" + code, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(program)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=tmp_path,
        env={**os.environ, "KANTO_README_TARGETS": json.dumps(dict(readme_env.targets))},
    )
    assert result.returncode == 0, result.stderr
    want = expected_output(code)
    if want is not None:
        assert result.stdout.splitlines() == want, result.stderr
