"""Proves that `make vulncheck` fails when the Go code calls a vulnerable
function, and passes when it does not, without the network: it writes two
vulnerability databases in govulncheck's file format (index/db.json,
index/modules.json, index/vulns.json, ID/<id>.json) and points VULNDB at
them. The vulnerable one claims that google.golang.org/grpc's NewClient,
which sdk/go calls, is vulnerable in every version before 1.999.0.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODIFIED = "2026-11-01T00:00:00Z"
VULN_ID = "GO-2099-0001"


def write_db(root: Path, vulnerable: bool) -> None:
    (root / "index").mkdir(parents=True)
    (root / "ID").mkdir()
    (root / "index/db.json").write_text(json.dumps({"modified": MODIFIED}))
    modules, vulns = [], []
    if vulnerable:
        modules = [
            {"path": "google.golang.org/grpc", "vulns": [{"id": VULN_ID, "modified": MODIFIED, "fixed": "1.999.0"}]}
        ]
        vulns = [{"id": VULN_ID, "modified": MODIFIED, "aliases": []}]
        entry = {
            "schema_version": "1.3.1",
            "id": VULN_ID,
            "modified": MODIFIED,
            "published": MODIFIED,
            "summary": "Test entry: grpc.NewClient is vulnerable",
            "details": "Written by scripts/vulncheck_test.py; not a real vulnerability.",
            "affected": [
                {
                    "package": {"name": "google.golang.org/grpc", "ecosystem": "Go"},
                    "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.999.0"}]}],
                    "ecosystem_specific": {"imports": [{"path": "google.golang.org/grpc", "symbols": ["NewClient"]}]},
                }
            ],
            "database_specific": {"url": f"https://pkg.go.dev/vuln/{VULN_ID}"},
        }
        (root / "ID" / f"{VULN_ID}.json").write_text(json.dumps(entry))
    (root / "index/modules.json").write_text(json.dumps(modules))
    (root / "index/vulns.json").write_text(json.dumps(vulns))


def vulncheck(db: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VULNDB": f"file://{db}", "VULNCHECK_MODULES": "sdk/go"}
    return subprocess.run(
        ["make", "--no-print-directory", "vulncheck"], cwd=ROOT, env=env, text=True, capture_output=True, check=False
    )


def main() -> int:
    failed = 0
    with tempfile.TemporaryDirectory(prefix="kanto-vulndb-") as tmp:
        for vulnerable in (True, False):
            db = Path(tmp) / ("vulnerable" if vulnerable else "clean")
            write_db(db, vulnerable)
            res = vulncheck(db)
            out = res.stdout + res.stderr
            if vulnerable:
                ok = res.returncode != 0 and VULN_ID in out and "NewClient" in out
                what = "fails on a vulnerable function the SDK calls"
            else:
                ok = res.returncode == 0 and "No vulnerabilities found" in out
                what = "passes with no known vulnerability"
            print(f"{'ok  ' if ok else 'FAIL'} make vulncheck {what}")
            if not ok:
                failed += 1
                print(f"exit {res.returncode}\n{out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
