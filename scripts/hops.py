#!/usr/bin/env python3
"""hops.py REQUEST_ID LOG... prints the hops of one request across the
JSON logs of Kanto's binaries (-log-format json, as the launcher runs
them), in time order: which binary handled or made which call, the
deadline budget it had, how long it took and how it ended. The request id
follows the chain in x-request-id; a REST call's first hop is the
gateway's own line (msg "http"), with the HTTP status.

Example, after the demo in the README's "Deadlines and cancellation":
    scripts/hops.py demo-2bab5ac641c64bc2 .run/*.log
"""

import json
import sys
from datetime import datetime, timedelta
from typing import Any

# The log lines of a hop: the gateway's request, a service's call, and a
# call one binary made to another.
HOP_MESSAGES = {"http": "handled", "rpc": "handled", "downstream call": "called"}


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    request_id, paths = sys.argv[1], sys.argv[2:]
    rows: list[dict[str, Any]] = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                try:
                    entry = json.loads(line)
                except json.JSONDecodeError:
                    continue  # text-format lines and anything else
                if entry.get("request_id") != request_id or entry.get("msg") not in HOP_MESSAGES:
                    continue
                rows.append(entry)
    if not rows:
        print(f"no hops of request {request_id} in {', '.join(paths)}", file=sys.stderr)
        return 1
    # A line is written when its call ends: order the hops by when they
    # started instead, and show that relative to the first.
    for e in rows:
        end = datetime.fromisoformat(e["time"])
        e["start"] = end - timedelta(microseconds=e.get("duration", 0) / 1000)
    rows.sort(key=lambda e: e["start"])
    first = rows[0]["start"]
    print(f"{'start':>10} {'service':<13} {'hop':<8} {'method':<58} {'budget':>12} {'took':>12}  code")
    for e in rows:
        start = f"+{(e['start'] - first) / timedelta(milliseconds=1):.3f}ms"
        print(
            f"{start:>10} {e.get('service', '?'):<13} {HOP_MESSAGES[e['msg']]:<8} {e.get('method', ''):<58} "
            f"{fmt(e.get('deadline_budget')):>12} {fmt(e.get('duration')):>12}  {code(e)}"
        )
    return 0


def fmt(nanos: float | None) -> str:
    """slog's JSON handler writes durations as nanoseconds."""
    if nanos is None:
        return "-"
    return f"{nanos / 1e6:.3f}ms"


def code(e: dict[str, Any]) -> str:
    """The gRPC code of a call; the HTTP status of the gateway's request."""
    if e["msg"] == "http":
        return f"HTTP {e.get('status', '?')}"
    return str(e.get("code", ""))


if __name__ == "__main__":
    sys.exit(main())
