#!/usr/bin/env bash
# smoke.sh runs `make run` the way a person would, on the default ports
# (with a fresh database), and checks it from the outside: curl through
# the REST gateway, grpcurl through server reflection and the health
# service, the request id in the gateway's and the Pokédex's logs, then
# Ctrl-C (SIGINT) must stop every process cleanly. `make run` prints its
# listing only once everything is ready, which is what this waits for;
# the addresses come from the launcher's testenv.json, not from here.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
grpcurl="$root/.tools/bin/grpcurl"
dir="$root/.build/smoke"
log="$root/.build/smoke.log"
passed=0 failed=0

rm -rf "$dir" && mkdir -p "$dir"
# make run's stdout goes through a FIFO: reading it blocks until the
# launcher prints its listing, once every service is ready.
fifo="$dir/stdout"
mkfifo "$fifo"
setsid make -s run RUN_DIR="$dir" >"$fifo" 2>"$log" &
run_pid=$!
exec 3<"$fifo"
cleanup() { kill -INT -- "-$run_pid" 2>/dev/null || true; }
trap cleanup EXIT

ready=0
while IFS= read -r -t 180 line <&3; do
  echo "$line" >>"$log"
  if [[ $line == "Kanto is running"* ]]; then ready=1; break; fi
done
if [[ $ready != 1 ]]; then
  echo "smoke: make run did not report ready; its output:" >&2
  tail -n 40 "$log" >&2
  exit 1
fi
cat <&3 >>"$log" &  # the rest of the listing, until make run exits

# Where everything is, as the launcher reports it.
field() {
  python3 -c 'import json, sys; v = json.load(open(sys.argv[1])); [v := v[k] for k in sys.argv[2:]]; print(json.dumps(v) if isinstance(v, dict) else v)' "$dir/testenv.json" "$@"
}
gateway="$(field gateway)"
pokedex="$(field pokedex)"
routeplanner="$(field routeplanner)"
pokedex_metrics="$(field metrics pokedex)"

check() {
  local name="$1"; shift
  if out="$("$@" 2>&1)"; then
    passed=$((passed + 1)); echo "ok   $name"
  else
    failed=$((failed + 1)); echo "FAIL $name"; echo "$out" | sed 's/^/    /'
  fi
}
contains() { local want="$1"; shift; local out; out="$("$@")" && grep -q -- "$want" <<<"$out" || { echo "$out"; return 1; }; }
lacks() { local unwanted="$1"; shift; local out; out="$("$@" 2>&1)" || true; if grep -q -- "$unwanted" <<<"$out"; then echo "$out"; return 1; fi; }

check "gateway /healthz" contains '"SERVING"' curl -sf "$gateway/healthz"
check "REST GET /v1/pokemon/25 is Pikachu" contains '"name":"Pikachu"' curl -sf "$gateway/v1/pokemon/25"
check "REST unknown Pokémon is 404" contains '404' curl -s -o /dev/null -w '%{http_code}' "$gateway/v1/pokemon/9999"
check "REST route search" contains '"viridian-city"' curl -sf -X POST "$gateway/v1/routes:search" -d '{"origin":{"placeId":"pallet-town"},"destination":{"placeId":"viridian-city"}}'
check "OpenAPI document" contains '"swagger"' curl -sf "$gateway/openapi.json"
check "grpcurl list (Pokédex)" contains 'kanto.pokedex.v1.PokemonService' "$grpcurl" -plaintext "$pokedex" list
check "grpcurl list (route planner)" contains 'kanto.routeplanner.v1.RoutePlannerService' "$grpcurl" -plaintext "$routeplanner" list
check "grpcurl call by reflection" contains '"name": "Pikachu"' "$grpcurl" -plaintext -d '{"id": 25}' "$pokedex" kanto.pokedex.v1.PokemonService/GetPokemon
check "REST expedition plan" contains '"Pidgey"' curl -sf -X POST -H 'Grpc-Timeout: 5S' "$gateway/v1/expeditions:plan" -d '{"origin":{"placeId":"pallet-town"},"destination":{"placeId":"viridian-city"},"maxRoutes":1}'
check "REST call past its deadline is 504" contains '504' curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Grpc-Timeout: 1n' "$gateway/v1/expeditions:plan" -d '{"origin":{"placeId":"pallet-town"},"destination":{"placeId":"viridian-city"}}'
for target in $(field targets | python3 -c 'import json, sys; print(" ".join(json.load(sys.stdin).values()))'); do
  check "grpcurl health of $target" contains 'SERVING' "$grpcurl" -plaintext "$target" grpc.health.v1.Health/Check
done
check "metrics endpoint" contains 'grpc_server_handled_total' curl -sf "$pokedex_metrics/metrics"
check "request id echoed by the gateway" contains 'X-Request-Id: smoke-trail-1' curl -sf -D - -o /dev/null -H 'X-Request-Id: smoke-trail-1' "$gateway/v1/pokemon/25"
check "request id in the gateway's log" grep -q 'request_id=smoke-trail-1' "$dir/gateway.log"
check "request id in the Pokédex's log" grep -q 'request_id=smoke-trail-1' "$dir/pokedex.log"
check "production builds have no -faults" lacks '-faults' .build/bin/pokedex -help
check "test builds have -faults" contains '-faults' bash -c '.build/bin/kantofaults/pokedex -help 2>&1'

# Ctrl-C: every process must stop, and make run with them.
kill -INT -- "-$run_pid"
trap - EXIT
if timeout 30 tail --pid="$run_pid" -f /dev/null && ! pgrep -f "$root/.build/bin/(kantofaults/)?(pokedex|routeplanner|expedition|gateway|kanto-testenv)" >/dev/null; then
  passed=$((passed + 1)); echo "ok   Ctrl-C stops every service"
else
  failed=$((failed + 1)); echo "FAIL Ctrl-C stops every service"; tail -20 "$log"
  kill -KILL -- "-$run_pid" 2>/dev/null || true
fi
echo "smoke: $passed passed, $failed failed"
[[ $failed == 0 ]]
