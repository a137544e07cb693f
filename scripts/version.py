"""The SDK release version, kept in one place.

The root VERSION file holds it. Each SDK must also carry it where its own
tooling looks, so this script writes it there and checks that it is:

  sdk/go/version.go             const Version (Go modules are versioned by
                                git tags; the constant is what the SDK
                                reports in its user agent)
  sdk/go/go.mod, services/go.mod, tools/gomod/gen-*.mod
                                the versions of gen/go, gen/goserver and
                                sdk/go they require: a release tags every
                                Go module with the same version
  sdk/python/src/kanto/__init__.py  __version__ (hatchling reads it)
  sdk/typescript/package.json, package-lock.json, src/version.ts
  sdk/java/pom.xml              the project <version>
  sdk/*/README.md               install snippets

  python3 scripts/version.py check [--expect X.Y.Z]   (make lint, make dist)
  python3 scripts/version.py set X.Y.Z                (make set-version V=X.Y.Z)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$")
V = r"[0-9][0-9A-Za-z.+-]*"

# (file, pattern with one group for the version, template for the line).
PLACES: list[tuple[str, str, str]] = [
    ("sdk/go/version.go", rf'(?m)^const Version = "({V})"$', 'const Version = "{v}"'),
    (
        "sdk/go/go.mod",
        rf"(?m)^(\s*)github\.com/kanto-api/kanto/gen/go v({V})$",
        r"\g<1>github.com/kanto-api/kanto/gen/go v{v}",
    ),
    (
        "services/go.mod",
        rf"(?m)^(\s*)github\.com/kanto-api/kanto/gen/go v({V})$",
        r"\g<1>github.com/kanto-api/kanto/gen/go v{v}",
    ),
    (
        "services/go.mod",
        rf"(?m)^(\s*)github\.com/kanto-api/kanto/gen/goserver v({V})$",
        r"\g<1>github.com/kanto-api/kanto/gen/goserver v{v}",
    ),
    # The generated modules' go.mod files come from these templates (make
    # generate copies them into gen/go and gen/goserver).
    (
        "tools/gomod/gen-go.mod",
        rf"(?m)^(\s*)github\.com/kanto-api/kanto/sdk/go v({V})$",
        r"\g<1>github.com/kanto-api/kanto/sdk/go v{v}",
    ),
    (
        "tools/gomod/gen-goserver.mod",
        rf"(?m)^(\s*)github\.com/kanto-api/kanto/gen/go v({V})$",
        r"\g<1>github.com/kanto-api/kanto/gen/go v{v}",
    ),
    (
        "tools/gomod/gen-goserver.mod",
        rf"(?m)^(\s*)github\.com/kanto-api/kanto/sdk/go v({V})$",
        r"\g<1>github.com/kanto-api/kanto/sdk/go v{v}",
    ),
    ("sdk/python/src/kanto/__init__.py", rf'(?m)^__version__ = "({V})"$', '__version__ = "{v}"'),
    ("sdk/typescript/src/version.ts", rf'(?m)^export const version = "({V})";$', 'export const version = "{v}";'),
    ("sdk/java/pom.xml", rf"(?s)(<artifactId>kanto-sdk</artifactId>\s*<version>)({V})(</version>)", r"\g<1>{v}\g<3>"),
    ("sdk/java/README.md", rf"(?s)(<artifactId>kanto-sdk</artifactId>\s*<version>)({V})(</version>)", r"\g<1>{v}\g<3>"),
    ("sdk/typescript/README.md", rf"kanto-sdk-({V})\.tgz", "kanto-sdk-{v}.tgz"),
]


def read_version() -> str:
    v = (ROOT / "VERSION").read_text().strip()
    if not SEMVER.match(v):
        sys.exit(f"VERSION: {v!r} is not a semantic version (X.Y.Z or X.Y.Z-pre)")
    return v


def found(text: str, pattern: str) -> list[str]:
    """The versions pattern finds; the version is the last group that looks
    like one."""
    out = []
    for m in re.finditer(pattern, text):
        groups = [g for g in m.groups() if g and re.fullmatch(V, g)]
        out.append(groups[-1])
    return out


def package_json_versions() -> list[tuple[str, str]]:
    pkg = json.loads((ROOT / "sdk/typescript/package.json").read_text())
    lock = json.loads((ROOT / "sdk/typescript/package-lock.json").read_text())
    return [
        ("sdk/typescript/package.json", pkg["version"]),
        ("sdk/typescript/package-lock.json", lock["version"]),
        ("sdk/typescript/package-lock.json (packages[''])", lock["packages"][""]["version"]),
    ]


def check(expect: str | None) -> int:
    v = read_version()
    problems = []
    if expect is not None and expect.removeprefix("v") != v:
        problems.append(
            f"VERSION is {v}, but the release is {expect}: run `make set-version V={expect.removeprefix('v')}` first"
        )
    for rel, pattern, _ in PLACES:
        versions = found((ROOT / rel).read_text(), pattern)
        if not versions:
            problems.append(f"{rel}: no version found (pattern {pattern!r})")
        problems += [f"{rel}: {got}, VERSION says {v}" for got in versions if got != v]
    problems += [f"{where}: {got}, VERSION says {v}" for where, got in package_json_versions() if got != v]
    for p in problems:
        print(f"version: {p}", file=sys.stderr)
    if problems:
        print("version: run `make set-version V=<version>` to write VERSION everywhere", file=sys.stderr)
        return 1
    print(f"version: every SDK says {v}")
    return 0


def set_version(v: str) -> int:
    if not SEMVER.match(v):
        sys.exit(f"{v!r} is not a semantic version (X.Y.Z or X.Y.Z-pre)")
    (ROOT / "VERSION").write_text(v + "\n")
    for rel, pattern, template in PLACES:
        path = ROOT / rel
        text, n = re.subn(pattern, template.format(v=v), path.read_text())
        if n == 0:
            sys.exit(f"{rel}: no version found to replace")
        path.write_text(text)
    for rel in ("sdk/typescript/package.json", "sdk/typescript/package-lock.json"):
        path = ROOT / rel
        data = json.loads(path.read_text())
        data["version"] = v
        if "packages" in data:
            data["packages"][""]["version"] = v
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return check(None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("check", help="fail unless every SDK carries VERSION")
    c.add_argument("--expect", help="also fail unless VERSION is this (a release tag, v prefix allowed)")
    s = sub.add_parser("set", help="write a new version everywhere")
    s.add_argument("version")
    args = parser.parse_args()
    return check(args.expect) if args.cmd == "check" else set_version(args.version)


if __name__ == "__main__":
    sys.exit(main())
