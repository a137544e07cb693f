"""Fails when the repository holds what must never be committed: a built
executable (ELF, Mach-O, PE, or a Java class or archive), or any file over
1 MiB that the allow-list (.hygiene-allow) does not name.

    check_hygiene.py              the files of HEAD's tree
    check_hygiene.py --history R  also every file added or changed by the
                                  commits of the range R (main..HEAD), so a
                                  binary committed and removed again within
                                  a change is caught; "auto" is the current
                                  change (see auto_range)

`make lint` checks the tree and the history of the current change (BASE..HEAD
in CI, else the commits since the fork point from main, or on main the last
commit), so a binary such as the 3.4 MB kanto-testenv once committed under
services/ fails the lint of the pull request that adds it.
"""

from __future__ import annotations

import argparse
import fnmatch
import subprocess
import sys
from pathlib import Path

MAX_BYTES = 1 << 20

# File signatures of built code. Scripts (#!) are text, and fine.
MAGIC = {
    b"\x7fELF": "an ELF executable or library",
    b"\xcf\xfa\xed\xfe": "a Mach-O binary",
    b"\xce\xfa\xed\xfe": "a Mach-O binary",
    b"\xca\xfe\xba\xbe": "a Mach-O universal binary or a Java class file",
    b"MZ": "a Windows (PE) executable",
    b"\x00asm": "a WebAssembly module",
}
ARCHIVE_SUFFIXES = (".jar", ".war", ".class", ".so", ".dylib", ".dll", ".exe", ".o", ".a", ".pyc", ".whl", ".tgz")


def git(root: Path, *args: str) -> bytes:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True).stdout


def allowed_patterns(root: Path) -> list[str]:
    path = root / ".hygiene-allow"
    if not path.exists():
        return []
    lines = (line.split("#", 1)[0].strip() for line in path.read_text().splitlines())
    return [line for line in lines if line]


def problem(path: str, data: bytes, allow: list[str]) -> str | None:
    """Returns what is wrong with a file, or None."""
    if any(fnmatch.fnmatch(path, p) for p in allow):
        return None
    for magic, what in MAGIC.items():
        if data.startswith(magic):
            return f"{what}: built files are never committed (add the path to .gitignore)"
    if path.endswith(ARCHIVE_SUFFIXES):
        return "a build output or archive: built files are never committed (add the path to .gitignore)"
    if len(data) > MAX_BYTES:
        return f"{len(data)} bytes, over the 1 MiB limit; if it must be committed, name it in .hygiene-allow"
    return None


def blobs_of_tree(root: Path, rev: str) -> list[tuple[str, str]]:
    """(path, blob id) of every file of a tree."""
    out = []
    for line in git(root, "ls-tree", "-r", "-z", rev).split(b"\0"):
        if not line:
            continue
        meta, path = line.split(b"\t", 1)
        mode, kind, blob = meta.split()
        if kind == b"blob" and mode != b"120000":  # not a symlink
            out.append((path.decode(), blob.decode()))
    return out


def blobs_of_history(root: Path, rev_range: str) -> list[tuple[str, str, str]]:
    """(commit, path, blob id) of every file added or modified by the
    commits of a range."""
    out = []
    commits = git(root, "rev-list", rev_range).decode().split()
    for commit in commits:
        raw = git(root, "diff-tree", "-r", "-z", "--no-commit-id", "--diff-filter=AM", "--root", commit)
        fields = raw.split(b"\0")
        for i in range(0, len(fields) - 1, 2):
            meta, path = fields[i], fields[i + 1]
            parts = meta.split()
            if len(parts) < 5:
                continue
            new_mode, new_blob = parts[1], parts[3]
            if new_mode != b"120000":
                out.append((commit[:12], path.decode(), new_blob.decode()))
    return out


def auto_range(root: Path) -> str | None:
    """The commits of the current change: BASE..HEAD when BASE is set (CI
    sets it from the pull request or push), else the commits since the fork
    point from main, else (on main) the last commit; None in a clone
    without that history."""
    import os  # noqa: PLC0415 (only this mode reads the environment)

    def ok(*args: str) -> bool:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, check=False).returncode == 0

    base = os.environ.get("BASE", "")
    if base and ok("rev-parse", "--verify", "--quiet", base + "^{commit}"):
        return f"{base}..HEAD"
    for main in ("origin/main", "main"):
        if ok("rev-parse", "--verify", "--quiet", main):
            fork = git(root, "merge-base", main, "HEAD").decode().strip()
            head = git(root, "rev-parse", "HEAD").decode().strip()
            if fork != head:
                return f"{fork}..HEAD"
            break
    if ok("rev-parse", "--verify", "--quiet", "HEAD~1"):
        return "HEAD~1..HEAD"
    return None


def read_blob(root: Path, blob: str) -> bytes:
    return git(root, "cat-file", "blob", blob)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument(
        "--history",
        metavar="RANGE",
        help="also check the files of these commits, e.g. main..HEAD; 'auto': the current change's",
    )
    args = parser.parse_args()
    root = args.root
    if args.history == "auto":
        args.history = auto_range(root)
    allow = allowed_patterns(root)
    failures = []
    for path, blob in blobs_of_tree(root, "HEAD"):
        why = problem(path, read_blob(root, blob), allow)
        if why:
            failures.append(f"{path}: {why}")
    checked = ""
    if args.history:
        seen = set()
        history = blobs_of_history(root, args.history)
        for commit, path, blob in history:
            if (path, blob) in seen:
                continue
            seen.add((path, blob))
            why = problem(path, read_blob(root, blob), allow)
            if why:
                failures.append(f"{path} (in commit {commit}): {why}")
        checked = f" and {len(history)} file changes of {args.history}"
    if failures:
        print("check_hygiene: the repository holds files it must not:", file=sys.stderr)
        for f in failures:
            print(f"  {f}", file=sys.stderr)
        return 1
    print(f"check_hygiene: no built files and nothing over 1 MiB in HEAD's tree{checked}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
