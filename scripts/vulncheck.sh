#!/usr/bin/env bash
# vulncheck.sh runs govulncheck (pinned in tools/go.mod) on every Go module
# of the project: gen/go, gen/goserver, services and sdk/go (VULNCHECK_MODULES narrows it). It reports only
# vulnerabilities in code the modules actually call, and fails on any.
#
# The vulnerability database is VULNDB, by default https://vuln.go.dev; a
# mirror on disk works as file:///path (govulncheck's -db). When the
# database cannot be reached (an offline machine), the check is not run and
# says so loudly; under GitHub Actions, or with VULNCHECK_REQUIRED=1, that
# is a failure instead, so CI never passes without having checked.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
db="${VULNDB:-https://vuln.go.dev}"
required="${VULNCHECK_REQUIRED:-}"
[[ "${GITHUB_ACTIONS:-}" == true ]] && required=1

reachable() {
  case "$db" in
    file://*) [[ -f "${db#file://}/index/db.json" ]] ;;
    *) curl -fsS --max-time 15 -o /dev/null "$db/index/db.json" 2>/dev/null ;;
  esac
}
if ! reachable; then
  if [[ -n "$required" ]]; then
    echo "vulncheck: the vulnerability database $db cannot be reached" >&2
    exit 1
  fi
  echo "vulncheck: NOT RUN: the vulnerability database $db cannot be reached (offline?)." >&2
  echo "vulncheck: CI runs it online; here, point VULNDB=file:///path at a mirror of vuln.go.dev." >&2
  exit 0
fi

# No telemetry sidecar: its crash monitor must not stand between govulncheck
# and the exit status this script reports.
export GOTELEMETRY=off
status=0
for module in ${VULNCHECK_MODULES:-gen/go gen/goserver services sdk/go}; do
  echo "vulncheck: $module"
  (cd "$root/$module" && "$root/.tools/bin/govulncheck" -db "$db" ./...) || status=1
done
exit "$status"
