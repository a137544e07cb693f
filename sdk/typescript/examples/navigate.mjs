// Walks from Pallet Town to Viridian City with Navigate (bidirectional
// streaming): it sends a position, reads the instruction for it, and sends
// the next position, through a RequestStream.
//
//   node examples/navigate.mjs [address]
//
// The address is the first argument, else $KANTO_ROUTEPLANNER_ADDR, else the
// route planner's default target from the schema, 127.0.0.1:50052 (plaintext,
// as `make run` serves it).
import { createKantoClient, createRequestStream, KantoError, routePlannerServiceInfo } from "@kanto/sdk";

const address = process.argv[2] ?? process.env["KANTO_ROUTEPLANNER_ADDR"] ?? routePlannerServiceInfo.defaultTarget;
const kanto = createKantoClient({ insecure: true, targets: { [routePlannerServiceInfo.name]: address } });
// Pallet Town, Route 1, Viridian City, going north.
const walk = [35.452, 35.584, 35.716].map((latitude) => ({
  location: { latitude, longitude: 139.06 },
  destination: { placeId: "viridian-city" },
}));
/** @type {import("@kanto/sdk").RequestStream<import("@kanto/sdk").MessageInitShape<typeof import("@kanto/sdk").NavigateRequestSchema>>} */
const positions = createRequestStream();
try {
  const answers = kanto.routePlanner.navigate(positions, { timeoutMs: 10_000 })[Symbol.asyncIterator]();
  for (const position of walk) {
    positions.send(position);
    const answer = await answers.next();
    if (answer.done) {
      break;
    }
    const { instruction, arrived } = answer.value;
    console.log(`at ${position.location.latitude}: ${instruction}${arrived ? " (arrived)" : ""}`);
  }
  positions.close();
} catch (e) {
  const err = KantoError.from(e);
  console.error(`Navigate failed: ${err.codeName}: ${err.rawMessage}`);
  process.exitCode = 1;
} finally {
  positions.close();
  kanto.close();
}
