// The SDK against the live Go services of one kanto-testenv: what the
// conformance vectors do not show (pagination through every page, the
// idempotency key, token handling, leaving streams early, what the services
// log of the SDK's user agent).
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import {
  createKantoClient,
  KantoError,
  PokemonType,
  Rarity,
  requestIdHeader,
  schemaRevision,
  timestampFromMs,
  userAgent,
  version,
  type KantoClient,
} from "../src/index.js";
import { startTestenv, waitForLogLine, type Testenv } from "./support.js";

interface Live {
  env: Testenv;
  kanto: KantoClient;
  curator: KantoClient;
}

// Started by the first test (see conformance.test.ts for why not before()).
let started: Promise<Live> | undefined;
function live(): Promise<Live> {
  started ??= startTestenv("live-testenv").then((env) => {
    // kanto-testenv serves plaintext on 127.0.0.1, where a token may go.
    const connection = { targets: env.targets, insecure: true };
    return {
      env,
      kanto: createKantoClient(connection),
      curator: createKantoClient({ ...connection, token: env.curatorToken, requestIds: true }),
    };
  });
  return started;
}

describe("live services", () => {
  after(async () => {
    const s = await started?.catch(() => undefined);
    s?.kanto.close();
    s?.curator.close();
    await s?.env.stop();
  });

  it("gets Pikachu", async () => {
    const { kanto } = await live();
    const { pokemon } = await kanto.pokemon.getPokemon({ id: 25 });
    assert.equal(`Pokemon #${pokemon?.id} is ${pokemon?.name}`, "Pokemon #25 is Pikachu");
  });

  it("is logged by the Pokédex with its version and schema revision", async () => {
    const { env, kanto } = await live();
    assert.ok(env.logDir, "kanto-testenv printed no log_dir");
    const requestId = `ts-user-agent-${randomUUID()}`;
    const { pokemon } = await kanto.pokemon.getPokemon({ id: 25 }, { headers: { [requestIdHeader]: requestId } });
    assert.equal(pokemon?.name, "Pikachu");
    const line = await waitForLogLine(
      join(env.logDir, "pokedex.log"),
      (l) => l["msg"] === "rpc" && l["request_id"] === requestId,
      10_000,
    );
    assert.equal(line["method"], "/kanto.pokedex.v1.PokemonService/GetPokemon");
    assert.equal(line["sdk"], "kanto-sdk-typescript");
    assert.equal(line["sdk_version"], version);
    assert.equal(line["schema_revision"], schemaRevision);
    assert.equal(line["schema_skew"], undefined, "the SDK and the Pokédex come from the same schema");
    const logged = line["user_agent"];
    assert.equal(typeof logged, "string");
    assert.ok(
      (logged as string).startsWith(`${userAgent} connect-es/`),
      `logged user_agent ${JSON.stringify(logged)} does not start with ${JSON.stringify(userAgent)} and Connect's token`,
    );
  });

  it("lists every legendary species across pages", async () => {
    const { kanto } = await live();
    const first = await kanto.pokemon.listPokemon({ rarity: Rarity.LEGENDARY, pageSize: 1 });
    const ids: number[] = [];
    for await (const p of kanto.pokemon.listPokemonItems({ rarity: Rarity.LEGENDARY, pageSize: 7 })) {
      assert.equal(p.rarity, Rarity.LEGENDARY);
      ids.push(p.id);
    }
    assert.ok(first.totalSize > 7, "want more than one page");
    assert.equal(ids.length, first.totalSize);
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
    let pages = 0;
    for await (const page of kanto.pokemon.listPokemonPages({ rarity: Rarity.LEGENDARY, pageSize: 7 })) {
      pages++;
      assert.ok(page.pokemon.length <= 7);
    }
    assert.equal(pages, Math.ceil(first.totalSize / 7));
  });

  it("creates with a token, filling request_id, and deletes", async () => {
    const { kanto, curator } = await live();
    const pokemon = {
      id: 3001,
      name: "Typemon",
      types: [PokemonType.NORMAL],
      rarity: Rarity.NORMAL,
      baseStats: { hp: 1, attack: 1, defense: 1, specialAttack: 1, specialDefense: 1, speed: 1 },
      heightMeters: 1,
      weightKilograms: 1,
    };
    await assert.rejects(kanto.pokemon.createPokemon({ pokemon }), (e: unknown) => {
      assert.ok(e instanceof KantoError);
      assert.equal(e.codeName, "UNAUTHENTICATED");
      return true;
    });
    const created = await curator.pokemon.createPokemon({ pokemon });
    assert.equal(created.pokemon?.name, "Typemon");
    // A second create without request_id gets a fresh one: a real duplicate.
    await assert.rejects(curator.pokemon.createPokemon({ pokemon }), { code: 6 /* ALREADY_EXISTS */ });
    await curator.pokemon.deletePokemon({ id: 3001 });
    await assert.rejects(kanto.pokemon.getPokemon({ id: 3001 }), (e: unknown) => KantoError.from(e).codeName === "NOT_FOUND");
  });

  it("reports field violations", async () => {
    const { kanto } = await live();
    await assert.rejects(kanto.pokemon.batchGetPokemon({ ids: [] }), (e: unknown) => {
      assert.ok(e instanceof KantoError);
      assert.deepEqual(
        e.fieldViolations.map((v) => [v.field, v.ruleId]),
        [["ids", "repeated.min_items"]],
      );
      return true;
    });
  });

  it("stops watching routes when the loop is left", async () => {
    const { kanto } = await live();
    const started = Date.now();
    let updates = 0;
    for await (const update of kanto.routePlanner.watchRoutes({
      origin: { placeId: "pallet-town" },
      destination: { placeId: "cerulean-city" },
    })) {
      assert.ok((update.route?.waypoints.length ?? 0) > 1);
      updates++;
      break;
    }
    assert.equal(updates, 1);
    assert.ok(Date.now() - started < 5000);
  });

  it("records a trip from a client stream", async () => {
    const { kanto } = await live();
    const t0 = Date.UTC(2026, 0, 1, 10);
    async function* reports() {
      for (const [i, latitude] of [35.452, 35.584, 35.716].entries()) {
        yield { location: { latitude, longitude: 139.06 }, recordTime: timestampFromMs(t0 + i * 1_800_000) };
      }
    }
    const trip = await kanto.routePlanner.recordTrip(reports());
    assert.equal(trip.pointCount, 3);
    assert.ok(trip.distanceKm > 20);
    assert.ok(trip.visitedPlaces.some((p) => p.placeId === "viridian-city"));
  });
});
