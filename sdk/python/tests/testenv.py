"""Starts kanto-testenv, the launcher of the live Go services, for tests."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

SDK_DIR = Path(__file__).resolve().parents[1]
REPO_ROOT = SDK_DIR.parents[1]
# The generated tree the installed SDK was built from (see hatch_build.py).
GEN_DIR = Path(os.environ.get("KANTO_GEN_DIR") or REPO_ROOT / "gen" / "python")


def locate_testenv() -> Path:
    """Returns the kanto-testenv binary: $KANTO_TESTENV, by default
    <repo>/.build/bin/kanto-testenv. Fails the test (never skips) if it is
    missing."""
    path = Path(os.environ.get("KANTO_TESTENV") or REPO_ROOT / ".build" / "bin" / "kanto-testenv")
    if not path.is_file():
        pytest.fail(
            f"kanto-testenv not found at {path}: run `make build` in {REPO_ROOT} "
            "(or point KANTO_TESTENV at the binary)",
            pytrace=False,
        )
    return path


@dataclass(frozen=True)
class TestEnv:
    """What kanto-testenv printed: the target of every service by its full
    name (``targets``, what the SDK's clients take), the addresses of its
    components (``addresses``: "pokedex", "routeplanner", "gateway", ...),
    the curator token and log_dir, the directory of the services' JSON
    logs. ``log`` is kanto-testenv's own stderr."""

    __test__ = False  # not a test class, whatever pytest thinks of its name

    targets: Mapping[str, str]
    addresses: Mapping[str, str]
    curator_token: str
    log_dir: Path
    log: Path

    def service_log(self, service: str) -> Path:
        """Returns the JSON log of "pokedex", "routeplanner" or
        "expedition" (one object a line), which the service writes as it
        runs."""
        return self.log_dir / f"{service}.log"

    def address(self, service: str) -> str:
        """Returns host:port of "pokedex", "routeplanner" or "expedition";
        fails the test if kanto-testenv did not start that service."""
        try:
            return self.addresses[service]
        except KeyError:
            pytest.fail(
                f"kanto-testenv did not start {service!r} (it printed {dict(self.addresses)}); "
                "build every service with `make build`",
                pytrace=False,
            )


@contextmanager
def start_testenv(
    env: Mapping[str, str] | None = None, args: Sequence[str] = ()
) -> Iterator[TestEnv]:
    """Starts kanto-testenv (every service, its default) and stops it on
    exit by closing its standard input. ``env`` adds environment variables,
    for example KANTO_POKEDEX_FAULTS; ``args`` adds arguments, such as
    ``-curator-token``. $KANTO_TESTENV_ARGS adds arguments too, for
    development only (``-services pokedex`` before every service binary
    exists)."""
    binary = locate_testenv()
    command = [str(binary), *args, *shlex.split(os.environ.get("KANTO_TESTENV_ARGS", ""))]
    log = Path(tempfile.mkstemp(prefix="kanto-testenv-", suffix=".log")[1])
    with log.open("wb") as log_file:
        proc = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log_file,
            env={**os.environ, **(env or {})},
        )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if not line:
            proc.wait(timeout=30)
            pytest.fail(
                f"kanto-testenv exited ({proc.returncode}) without printing its addresses:\n"
                + _tail(log),
                pytrace=False,
            )
        printed = json.loads(line)
        token = printed.pop("curator_token")
        if "log_dir" not in printed:
            pytest.fail(
                f"kanto-testenv at {binary} printed no log_dir (it printed {printed}): "
                f"it is older than this test suite; run `make build` in {REPO_ROOT}",
                pytrace=False,
            )
        log_dir = Path(printed.pop("log_dir"))
        targets = printed.pop("targets", None)
        if not targets:
            pytest.fail(
                f"kanto-testenv at {binary} printed no targets (it printed {printed}): "
                f"it is older than this test suite; run `make build` in {REPO_ROOT}",
                pytrace=False,
            )
        yield TestEnv(
            targets=targets, addresses=printed, curator_token=token, log_dir=log_dir, log=log
        )
    finally:
        if proc.stdin is not None:
            proc.stdin.close()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            # SIGTERM still stops the services; SIGKILL would orphan them.
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()
        log.unlink(missing_ok=True)


def _tail(path: Path, lines: int = 30) -> str:
    text = path.read_text(errors="replace").splitlines()
    return "\n".join(text[-lines:])
