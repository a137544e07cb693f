#!/usr/bin/env bash
# smoke.sh runs `make run`'s script the way a person would, on the default
# ports, and checks it from the outside: curl through the REST gateway,
# grpcurl through server reflection (list, and a call by reflection), then
# Ctrl-C (SIGINT) must stop every process cleanly.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
grpcurl="$root/.tools/bin/grpcurl"
log="$root/.build/smoke.log"
passed=0 failed=0

for port in 50051 50052 50053 8080 9091 9092 9093; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "smoke: port $port is in use (is 'make run' already running?)" >&2
    exit 1
  fi
done

rm -rf "$root/.build/smoke" && mkdir -p "$root/.build/smoke"
# A fresh database, so the check does not depend on a developer's data.
export KANTO_POKEDEX_DB="$root/.build/smoke/pokedex.db"
setsid scripts/run.sh >"$log" 2>&1 &
run_pid=$!
cleanup() { kill -INT -- "-$run_pid" 2>/dev/null || true; }
trap cleanup EXIT

check() {
  local name="$1"; shift
  if out="$("$@" 2>&1)"; then
    passed=$((passed + 1)); echo "ok   $name"
  else
    failed=$((failed + 1)); echo "FAIL $name"; echo "$out" | sed 's/^/    /'
  fi
}
contains() { local want="$1"; shift; local out; out="$("$@")" && grep -q -- "$want" <<<"$out" || { echo "$out"; return 1; }; }

for _ in $(seq 1 300); do
  curl -sf http://127.0.0.1:8080/healthz >/dev/null 2>&1 && break
  sleep 0.1
done

check "REST GET /v1/pokemon/25 is Pikachu" contains '"name":"Pikachu"' curl -sf http://127.0.0.1:8080/v1/pokemon/25
check "REST unknown Pokémon is 404" contains '404' curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8080/v1/pokemon/9999
check "REST route search" contains '"viridian-city"' curl -sf -X POST http://127.0.0.1:8080/v1/routes:search -d '{"origin":{"placeId":"pallet-town"},"destination":{"placeId":"viridian-city"}}'
check "OpenAPI document" contains '"swagger"' curl -sf http://127.0.0.1:8080/openapi.json
check "grpcurl list (Pokédex)" contains 'kanto.pokedex.v1.PokemonService' "$grpcurl" -plaintext 127.0.0.1:50051 list
check "grpcurl list (route planner)" contains 'kanto.routeplanner.v1.RoutePlannerService' "$grpcurl" -plaintext 127.0.0.1:50052 list
check "grpcurl call by reflection" contains '"name": "Pikachu"' "$grpcurl" -plaintext -d '{"id": 25}' 127.0.0.1:50051 kanto.pokedex.v1.PokemonService/GetPokemon
check "REST expedition plan" contains '"Pidgey"' curl -sf -X POST -H 'Grpc-Timeout: 5S' http://127.0.0.1:8080/v1/expeditions:plan -d '{"origin":{"placeId":"pallet-town"},"destination":{"placeId":"viridian-city"},"maxRoutes":1}'
check "grpcurl health" contains 'SERVING' "$grpcurl" -plaintext 127.0.0.1:50052 grpc.health.v1.Health/Check
check "metrics endpoint" contains 'grpc_server_handled_total' curl -sf http://127.0.0.1:9091/metrics

# Ctrl-C: every process must stop, and run.sh must report it.
kill -INT -- "-$run_pid"
stopped=0
for _ in $(seq 1 150); do
  if ! kill -0 "$run_pid" 2>/dev/null; then stopped=1; break; fi
  sleep 0.1
done
trap - EXIT
if [[ $stopped == 1 ]] && ! pgrep -f "$root/.build/bin/(pokedex|routeplanner|expedition|gateway)" >/dev/null; then
  passed=$((passed + 1)); echo "ok   Ctrl-C stops every service"
else
  failed=$((failed + 1)); echo "FAIL Ctrl-C stops every service"; tail -20 "$log"
  kill -KILL -- "-$run_pid" 2>/dev/null || true
fi
echo "smoke: $passed passed, $failed failed"
[[ $failed == 0 ]]
