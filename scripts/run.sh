#!/usr/bin/env bash
# run.sh starts every Kanto service and the REST gateway as separate
# processes on their default addresses, prints where they listen, and stops
# them all on Ctrl-C (SIGINT) or SIGTERM. `make run` builds and calls it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$root/.build/bin"
state="$root/.run"
mkdir -p "$state"

# A development curator token, so curator writes can be tried at once.
# Production deployments set their own through KANTO_*_CURATOR_TOKEN.
export KANTO_POKEDEX_CURATOR_TOKEN="${KANTO_POKEDEX_CURATOR_TOKEN:-kanto-dev-curator-token}"
export KANTO_POKEDEX_DB="${KANTO_POKEDEX_DB:-$state/pokedex.db}"

pids=()
stopping=0
stop() {
  [[ $stopping == 1 ]] && return
  stopping=1
  trap - INT TERM
  echo
  echo "stopping..."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait
  echo "all stopped"
}
trap stop INT TERM

start() {
  local name="$1"; shift
  "$bin/$name" "$@" 2> >(sed -u "s/^/[$name] /" >&2) &
  pids+=("$!")
}

start pokedex
start routeplanner
start expedition
start gateway

cat <<EOT

Kanto is running:
  Pokédex        gRPC 127.0.0.1:50051   metrics http://127.0.0.1:9091/metrics
  Route planner  gRPC 127.0.0.1:50052   metrics http://127.0.0.1:9092/metrics
  Expedition     gRPC 127.0.0.1:50053   metrics http://127.0.0.1:9093/metrics
  REST gateway   http://127.0.0.1:8080  (OpenAPI at /openapi.json)
  Curator token  $KANTO_POKEDEX_CURATOR_TOKEN

Try:
  curl -s http://127.0.0.1:8080/v1/pokemon/25
  .tools/bin/grpcurl -plaintext 127.0.0.1:50051 list   (after 'make tools')
Press Ctrl-C to stop.

EOT
# If any service dies, stop the rest too.
wait -n "${pids[@]}" || true
stop
