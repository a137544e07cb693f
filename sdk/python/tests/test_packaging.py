"""The packaging proof: scripts/packaging-proof.sh installs the SDK into a
fresh virtual environment with plain `pip install sdk/python` and runs
examples/get_pokemon.py against live services."""

from __future__ import annotations

import subprocess

from testenv import SDK_DIR, locate_testenv


def test_packaging_proof() -> None:
    locate_testenv()  # fails with the `make build` hint if it is missing
    result = subprocess.run(
        ["bash", str(SDK_DIR / "scripts" / "packaging-proof.sh")],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == "packaging proof: Pokemon #25 is Pikachu"
