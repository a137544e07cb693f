"""Keeps the CI workflow and `make ci` the same check.

Every `run:` step of .github/workflows/ci.yml must be a `make` command (so
the workflow never grows a second copy of a command), and the targets those
steps run, with matrix values expanded, must be exactly the Makefile's
CI_TARGETS, which `make ci` runs. `make lint` runs this with the tools
venv's Python (PyYAML is pinned in tools/requirements.txt).
"""

from __future__ import annotations

import itertools
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github/workflows/ci.yml"
MATRIX_REF = re.compile(r"\$\{\{\s*matrix\.([A-Za-z0-9_-]+)\s*\}\}")


def matrix_combinations(job: dict[str, Any]) -> list[dict[str, str]]:
    matrix = (job.get("strategy") or {}).get("matrix") or {}
    axes = {k: v for k, v in matrix.items() if k not in ("include", "exclude") and isinstance(v, list)}
    if not axes:
        return [{}]
    keys = sorted(axes)
    return [dict(zip(keys, values, strict=True)) for values in itertools.product(*(axes[k] for k in keys))]


def expand_matrix(text: str, combo: dict[str, str]) -> str:
    """Replaces each ${{ matrix.X }} of text with X's value in combo."""
    return MATRIX_REF.sub(lambda m: str(combo.get(m.group(1), m.group(0))), text)


def make_targets(command: str) -> list[str]:
    words = shlex.split(command)
    if not words or words[0] != "make" or len(words) < 2:
        raise ValueError(command)
    # Variable assignments (VAR=value) and flags are not targets.
    return [w for w in words[1:] if "=" not in w and not w.startswith("-")]


def main() -> int:
    workflow = yaml.safe_load(WORKFLOW.read_text())
    problems: list[str] = []
    seen: list[str] = []
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            run = step.get("run")
            if run is None:
                continue
            if "\n" in run.strip():
                problems.append(
                    f"job {job_id}: step {step.get('name', run)!r} has several lines; make it one `make` command"
                )
                continue
            for combo in matrix_combinations(job):
                command = expand_matrix(run.strip(), combo)
                try:
                    seen += make_targets(command)
                except ValueError:
                    problems.append(f"job {job_id}: `{command}` is not a `make <target>` command")
    ci_targets = subprocess.run(
        ["make", "--no-print-directory", "-s", "print-ci-targets"], cwd=ROOT, text=True, capture_output=True, check=True
    ).stdout.split()
    for target in sorted(set(ci_targets) - set(seen)):
        problems.append(f"CI_TARGETS has {target}, but no step of ci.yml runs it")
    for target in sorted(set(seen) - set(ci_targets)):
        problems.append(f"ci.yml runs `make {target}`, but CI_TARGETS (what `make ci` runs) lacks it")
    for target in sorted({t for t in seen if seen.count(t) > 1}):
        problems.append(f"ci.yml runs `make {target}` more than once")
    for p in problems:
        print(f"check_workflows: {p}", file=sys.stderr)
    if problems:
        return 1
    print(f"check_workflows: ci.yml runs exactly `make ci`'s {len(ci_targets)} targets")
    return 0


if __name__ == "__main__":
    sys.exit(main())
