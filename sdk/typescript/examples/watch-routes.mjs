// Follows the best route from Pallet Town to Cerulean City. WatchRoutes
// (server streaming) sends the best route now, then a new one whenever route
// conditions (closures, congestion) change it; this prints each one until
// it has seen max_updates routes or its 20 s deadline passes.
//
//   node examples/watch-routes.mjs [address] [max-updates]
//
// The address is the first argument, else $KANTO_ROUTEPLANNER_ADDR, else the
// route planner's default target from the schema, 127.0.0.1:50052 (plaintext,
// as `make run` serves it). max-updates defaults to 2.
import { Code, createKantoClient, durationMs, KantoError, routePlannerServiceInfo } from "@kanto/sdk";

const address = process.argv[2] ?? process.env["KANTO_ROUTEPLANNER_ADDR"] ?? routePlannerServiceInfo.defaultTarget;
const maxUpdates = Number(process.argv[3] ?? "2");
const kanto = createKantoClient({ insecure: true, targets: { [routePlannerServiceInfo.name]: address } });
try {
  const updates = kanto.routePlanner.watchRoutes(
    { origin: { placeId: "pallet-town" }, destination: { placeId: "cerulean-city" }, maxUpdates },
    { timeoutMs: 20_000 },
  );
  for await (const { route, conditions } of updates) {
    const places = route?.waypoints.map((w) => w.place?.placeId).join(" > ");
    const minutes = route?.estimatedDuration ? Math.round(durationMs(route.estimatedDuration) / 60_000) : 0;
    console.log(`best route: ${route?.distanceKm.toFixed(1)} km, ${minutes} min: ${places}`);
    for (const c of conditions) {
      console.log(`  ${c.place?.placeId}: ${c.closed ? "closed" : `x${c.congestionFactor.toFixed(1)} slower`} (${c.reason})`);
    }
  }
} catch (e) {
  const err = KantoError.from(e);
  if (err.code === Code.DeadlineExceeded) {
    console.log("no further change within 20 s");
  } else {
    console.error(`WatchRoutes failed: ${err.codeName}: ${err.rawMessage}`);
    process.exitCode = 1;
  }
} finally {
  kanto.close();
}
