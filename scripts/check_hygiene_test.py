"""Proves that scripts/check_hygiene.py fails on what must not be committed
and passes otherwise, in a scratch git repository, commit by commit: a
built executable is caught in the tree, and in the history of a change
even after a later commit removed it (as kanto-testenv was once committed);
a file over 1 MiB fails unless .hygiene-allow names it; scripts pass."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECK = ROOT / "scripts" / "check_hygiene.py"


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(
        repo,
        "-c",
        "user.name=test",
        "-c",
        "user.email=test@example.com",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        message,
    )


def check(repo: Path, *args: str) -> tuple[int, str]:
    proc = subprocess.run(
        [sys.executable, str(CHECK), "--root", str(repo), *args], capture_output=True, text=True, check=False
    )
    return proc.returncode, proc.stdout + proc.stderr


def main() -> int:
    failures = 0

    def expect(name: str, got: tuple[int, str], fail: bool, text: str = "") -> None:
        nonlocal failures
        code, out = got
        if (code != 0) != fail or text not in out:
            failures += 1
            print(f"FAIL {name}: exit {code}, want {'failure' if fail else 'success'} with {text!r}\n{out}")
        else:
            print(f"ok   {name}")

    repo = Path(tempfile.mkdtemp(prefix="kanto-hygiene."))
    try:
        git(repo, "init", "-q", "-b", "main")
        (repo / "README.md").write_text("hello\n")
        (repo / "run.sh").write_text("#!/bin/sh\necho hi\n")
        (repo / "run.sh").chmod(0o755)
        commit(repo, "text and a script")
        expect("text files and scripts pass", check(repo), False, "no built files")
        base = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True, check=True
        ).stdout.strip()

        (repo / "services").mkdir()
        shutil.copy("/bin/true", repo / "services" / "kanto-testenv")
        commit(repo, "a built binary, by mistake")
        expect("a committed ELF binary fails", check(repo), True, "services/kanto-testenv: an ELF executable")

        (repo / "services" / "kanto-testenv").unlink()
        commit(repo, "remove it again")
        expect("the tree is clean once it is removed", check(repo), False)
        expect("the change's history still holds it", check(repo, "--history", f"{base}..HEAD"), True, "(in commit ")
        # A topic branch that adds and removes a binary: "auto" checks the
        # commits since its fork point from main.
        git(repo, "checkout", "-q", "-b", "topic", base)
        shutil.copy("/bin/true", repo / "tool")
        commit(repo, "binary on a branch")
        (repo / "tool").unlink()
        commit(repo, "gone")
        expect(
            "--history auto on a branch checks its commits", check(repo, "--history", "auto"), True, "tool (in commit "
        )
        git(repo, "checkout", "-q", "main")

        (repo / "Thing.class").write_bytes(b"\xca\xfe\xba\xbe\x00\x00\x00\x3d")
        commit(repo, "a class file")
        expect("a Java class file fails", check(repo), True, "Thing.class")
        (repo / "Thing.class").unlink()

        (repo / "data.json").write_text("x" * ((1 << 20) + 1))
        commit(repo, "a large file")
        expect("a file over 1 MiB fails", check(repo), True, "over the 1 MiB limit")
        (repo / ".hygiene-allow").write_text("# seeded data, on purpose\ndata.json\n")
        commit(repo, "allow it")
        expect("an allowed large file passes", check(repo), False)
    finally:
        shutil.rmtree(repo, ignore_errors=True)
    print(f"{failures} failed" if failures else "check_hygiene: all cases passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
