#!/usr/bin/env bash
# breaking.sh runs `buf breaking` on proto/ against the schema at a git ref.
# CI runs it on every pull request and push through `make breaking`, and
# `make breaking-release` runs the second, report-only check against the
# latest release tag. It needs no network and no Buf Schema Registry: the
# base schema comes out of the local git object store with `git archive`,
# which also works in a shallow clone.
#
#   breaking.sh [REF]            fail on a breaking change against REF
#   breaking.sh --release        report, never fail, against the newest
#                                release tag (vX.Y.Z) reachable from HEAD
#
# REF defaults to what CI compares against: on a branch other than main,
# the point where it left main (a pull request's base); on main, the
# upstream branch if there is one (what was pushed before), else HEAD^. A
# REF of forty zeros (GitHub's "before" of a new branch) means HEAD^ too.
#
# The rules are buf.yaml's: FILE and Kanto's own KANTO_CONTRACT (REST
# mappings, protovalidate rules, field behaviors; the buf check plugin
# buf-plugin-kanto) for stable packages (v1, v2, ...), none for unstable
# ones (v1alpha1, v1beta1, v1test). A second step, kanto-callpolicy, does
# the same for the call policies of the service_config.json files, which
# buf does not see: a timeout shortened or a retry policy removed. An
# intended break is accepted when either
#   - a commit between REF and HEAD has the trailer
#       Breaking-Change-Accepted: <why>
#   - or BREAKING_CHANGE_ACCEPTED is set to a non-empty reason (the CI
#     workflow sets it when the pull request carries the label
#     `breaking-change-accepted`);
#   - or, on a push under GitHub Actions, the pushed commit came from a
#     merged pull request with that label;
# an accepted change must still pass the WIRE_JSON rules: deleting a field
# or enum value needs its number and name reserved, and anything that
# breaks the wire or JSON needs a new major package version instead
# (docs/versioning.md). Kanto's rules and the call-policy step are not
# re-checked under acceptance: an accepted REST, validation or call policy
# change passes.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
buf="$root/.tools/bin/buf"
callpolicy="$root/.tools/bin/kanto-callpolicy"
ACCEPT_LABEL="breaking-change-accepted"
TRAILER="Breaking-Change-Accepted"
# Under GitHub Actions, buf's findings become annotations on the pull
# request's files; the message text is the same.
format=text
[[ "${GITHUB_ACTIONS:-}" == true ]] && format=github-actions

resolve() { git rev-parse --verify --quiet "$1^{commit}" 2>/dev/null; }
short() { git rev-parse --short "$1"; }

mode=check
base="${1:-}"
if [[ "$base" == --release ]]; then
  mode=report
  base="$(git describe --tags --abbrev=0 --match 'v[0-9]*.[0-9]*.[0-9]*' HEAD 2>/dev/null || true)"
  if [[ -z "$base" ]]; then
    echo "breaking: no release tag (vX.Y.Z) behind HEAD yet; nothing to report against"
    exit 0
  fi
elif [[ -z "$base" ]]; then
  branch="$(git symbolic-ref --quiet --short HEAD || true)"
  if [[ -n "$branch" && "$branch" != main ]] && resolve main >/dev/null; then
    base="$(git merge-base main HEAD)"
  elif resolve '@{upstream}' >/dev/null && [[ "$(resolve '@{upstream}')" != "$(resolve HEAD)" ]]; then
    base='@{upstream}'
  else
    base='HEAD^'
  fi
elif [[ "$base" =~ ^0{40}$ ]]; then
  base='HEAD^'
fi

commit="$(resolve "$base" || resolve "origin/$base" || true)"
if [[ -z "$commit" ]] && git remote get-url origin >/dev/null 2>&1; then
  if git fetch --quiet --depth=1 origin "$base" 2>/dev/null; then
    commit="$(resolve FETCH_HEAD || true)"
  fi
fi
if [[ -z "$commit" ]]; then
  if [[ "$base" == 'HEAD^' ]]; then
    echo "breaking: HEAD has no parent; nothing to compare"
    exit 0
  fi
  echo "breaking: no git ref '$base' here or at origin; choose one with BASE=<ref>" >&2
  exit 2
fi
if ! git cat-file -e "$commit:proto" 2>/dev/null; then
  echo "breaking: $base has no proto/ yet; nothing to compare"
  exit 0
fi
against="$base ($(short "$commit"))"

work="$root/.build/breaking"
rm -rf "$work" && mkdir -p "$work"
git archive "$commit" proto | tar -x -C "$work"
# The base schema imports the same third-party protos as the current one.
ln -s "$root/.tools/protodeps" "$work/protodeps"
printf 'version: v2\nmodules:\n  - path: proto\n  - path: protodeps\n' >"$work/buf.yaml"
"$buf" build "$work/proto" -o "$work/base.binpb"
"$buf" build proto -o "$work/head.binpb"

# check_callpolicy compares the service configs' call policies (the
# timeouts and retry policies of stable packages' methods) with the base.
check_callpolicy() {
  "$callpolicy" -image "$work/head.binpb" -root proto \
    -against-image "$work/base.binpb" -against-root "$work/proto" -error-format "$format"
}

if [[ "$mode" == report ]]; then
  status=0
  out="$("$buf" breaking proto --against "$work/base.binpb" --error-format "$format" 2>&1)" || status=1
  if policy="$(check_callpolicy 2>&1)"; then :; else status=1; out="${out:+$out$'\n'}$policy"; fi
  if [[ "$status" == 0 ]]; then
    echo "breaking: no breaking changes since release $against"
    exit 0
  fi
  echo "$out"
  echo "breaking: REPORT ONLY: the schema has changed incompatibly since release $against."
  echo "breaking: each change was accepted on its way in; together they call for a new major SDK version (docs/versioning.md)."
  if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
    { echo "### Breaking changes since release $against (report only)"; echo '```'; echo "$out"; echo '```'; } >>"$GITHUB_STEP_SUMMARY"
  fi
  exit 0
fi

accepted="${BREAKING_CHANGE_ACCEPTED:-}"
if [[ -z "$accepted" ]]; then
  accepted="$(git log --format="%(trailers:key=$TRAILER,valueonly,separator=%x2C )" "$commit..HEAD" | sed '/^$/d' | head -n1)"
fi
# A push to main that merged a pull request carrying the label: the label
# lives on the pull request, not in git, so ask GitHub which merged pull
# requests the pushed commit belongs to (the workflow grants
# pull-requests: read and sets GH_TOKEN for this).
if [[ -z "$accepted" && "${GITHUB_EVENT_NAME:-}" == push && -n "${GH_TOKEN:-}" ]] && command -v gh >/dev/null; then
  pr="$(gh api "repos/$GITHUB_REPOSITORY/commits/$(git rev-parse HEAD)/pulls" \
    --jq "[.[] | select(any(.labels[]; .name == \"$ACCEPT_LABEL\"))][0].number // empty" 2>/dev/null || true)"
  [[ -n "$pr" ]] && accepted="label $ACCEPT_LABEL on merged pull request #$pr"
fi

schema_ok=true policy_ok=true
"$buf" breaking proto --against "$work/base.binpb" --error-format "$format" || schema_ok=false
check_callpolicy || policy_ok=false
if [[ "$schema_ok" == true && "$policy_ok" == true ]]; then
  echo "breaking: no breaking changes against $against"
  exit 0
fi
if [[ -z "$accepted" ]]; then
  cat >&2 <<MSG
breaking: the changes above break the v1 contract against $against.
breaking: keep the old field, RPC, binding, rule or policy and deprecate it instead (docs/versioning.md).
breaking: if the break is intended, add the label '$ACCEPT_LABEL' to the pull request, or the
breaking: trailer '$TRAILER: <why>' to a commit message; it must still pass the WIRE_JSON rules.
MSG
  exit 1
fi

if [[ "$schema_ok" == true ]]; then
  echo "breaking: the call policy changes above are ACCEPTED ($accepted)"
  exit 0
fi
echo "breaking: the changes above are ACCEPTED ($accepted); checking they keep the wire and JSON format"
if "$buf" breaking "$work/head.binpb" --against "$work/base.binpb" --error-format "$format" \
  --config '{"version":"v2","breaking":{"use":["WIRE_JSON"],"ignore_unstable_packages":true}}'; then
  echo "breaking: accepted break against $against is wire- and JSON-compatible"
  exit 0
fi
cat >&2 <<MSG
breaking: even an accepted break must keep the wire and JSON format: reserve the number and name
breaking: of a deleted field or enum value, and put incompatible changes in a new major version.
MSG
exit 1
