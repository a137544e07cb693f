// The generated clients, the transport and the interceptors against an
// in-process fake gRPC server: auth, retries and deadlines from the
// embedded service configs, request_id filling, request ids, streaming,
// pagination, errors and TLS.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, type ConnectRouter, type HandlerContext, type Interceptor, type ServiceImpl } from "@connectrpc/connect";
import {
  createKantoClient,
  createKantoTransport,
  createPokemonClient,
  createRequestStream,
  KantoError,
  PageTokenLoopError,
  PokemonSchema,
  PokemonService,
  pokemonServiceInfo,
  RoutePlannerService,
  routePlannerServiceInfo,
  ListPokemonRequestSchema,
  ViolationsSchema,
  type KantoClientOptions,
  type NavigateResponse,
  type ServiceInfo,
} from "../src/index.js";
import { startFakeServer, testCert, type FakeServer } from "./fakeserver.js";

const pikachu = create(PokemonSchema, { id: 25, name: "Pikachu" });
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const servers: FakeServer[] = [];
const clients: { close(): void }[] = [];
after(async () => {
  clients.forEach((c) => c.close());
  await Promise.all(servers.map((s) => s.close()));
});

// at points the umbrella client's service at url (an http:// or https://
// fake server).
function at(service: ServiceInfo, url: string): Pick<KantoClientOptions, "targets"> {
  return { targets: { [service.name]: url } };
}

// pokedexWith serves a fake PokemonService and returns a client of it.
async function pokedexWith(impl: Partial<ServiceImpl<typeof PokemonService>>, options: Omit<KantoClientOptions, "targets"> = {}) {
  const server = await startFakeServer(routesOf(impl));
  servers.push(server);
  const kanto = createKantoClient({ ...options, ...at(pokemonServiceInfo, server.url) });
  clients.push(kanto);
  return kanto.pokemon;
}

function routesOf(impl: Partial<ServiceImpl<typeof PokemonService>>) {
  return (router: ConnectRouter) => router.service(PokemonService, impl);
}

describe("auth", () => {
  it("sends the token as a bearer token", async () => {
    const seen: (string | null)[] = [];
    const pokedex = await pokedexWith(
      {
        getPokemon(_req, ctx) {
          seen.push(ctx.requestHeader.get("authorization"));
          return { pokemon: pikachu };
        },
      },
      { token: "s3cret" },
    );
    await pokedex.getPokemon({ id: 25 });
    await pokedex.getPokemon({ id: 25 }, { headers: { authorization: "Bearer other" } });
    assert.deepEqual(seen, ["Bearer s3cret", "Bearer other"]);
  });

  it("sends no authorization without a token, and takes a token function", async () => {
    const seen: (string | null)[] = [];
    const impl = {
      getPokemon(_req: unknown, ctx: HandlerContext) {
        seen.push(ctx.requestHeader.get("authorization"));
        return { pokemon: pikachu };
      },
    };
    await (await pokedexWith(impl)).getPokemon({ id: 25 });
    await (await pokedexWith(impl, { token: async () => "fresh" })).getPokemon({ id: 25 });
    assert.deepEqual(seen, [null, "Bearer fresh"]);
  });
});

describe("retries", () => {
  it("retries UNAVAILABLE as the service config says, then succeeds", async () => {
    const attempts: (string | null)[] = [];
    const pokedex = await pokedexWith({
      getPokemon(_req, ctx) {
        attempts.push(ctx.requestHeader.get("grpc-previous-rpc-attempts"));
        if (attempts.length < 3) {
          throw new ConnectError("try again", Code.Unavailable);
        }
        return { pokemon: pikachu };
      },
    });
    const res = await pokedex.getPokemon({ id: 25 });
    assert.equal(res.pokemon?.name, "Pikachu");
    assert.deepEqual(attempts, [null, "1", "2"]);
  });

  it("gives up after maxAttempts (4 for GetPokemon) with UNAVAILABLE", async () => {
    let attempts = 0;
    const pokedex = await pokedexWith({
      getPokemon() {
        attempts++;
        throw new ConnectError("down", Code.Unavailable);
      },
    });
    await assert.rejects(pokedex.getPokemon({ id: 25 }), (e: unknown) => {
      assert.ok(e instanceof KantoError);
      assert.equal(e.codeName, "UNAVAILABLE");
      return true;
    });
    assert.equal(attempts, 4);
  });

  it("does not retry other codes, nor methods without a retry policy", async () => {
    let gets = 0;
    let updates = 0;
    const pokedex = await pokedexWith({
      getPokemon() {
        gets++;
        throw new ConnectError("no such species", Code.NotFound);
      },
      updatePokemon() {
        updates++;
        throw new ConnectError("down", Code.Unavailable);
      },
    });
    await assert.rejects(pokedex.getPokemon({ id: 9999 }), { code: Code.NotFound });
    await assert.rejects(pokedex.updatePokemon({ pokemon: pikachu }), { code: Code.Unavailable });
    assert.deepEqual([gets, updates], [1, 1]);
  });

  it("honours a negative grpc-retry-pushback-ms", async () => {
    let attempts = 0;
    const pokedex = await pokedexWith({
      getPokemon() {
        attempts++;
        throw new ConnectError("go away", Code.Unavailable, { "grpc-retry-pushback-ms": "-1" });
      },
    });
    await assert.rejects(pokedex.getPokemon({ id: 25 }), { code: Code.Unavailable });
    assert.equal(attempts, 1);
  });

  it("can be turned off", async () => {
    let attempts = 0;
    const pokedex = await pokedexWith(
      {
        getPokemon() {
          attempts++;
          throw new ConnectError("down", Code.Unavailable);
        },
      },
      { retries: false },
    );
    await assert.rejects(pokedex.getPokemon({ id: 25 }), { code: Code.Unavailable });
    assert.equal(attempts, 1);
  });

  it("retries a refused connection, once per attempt", async () => {
    const server = await startFakeServer(routesOf({}));
    await server.close(); // nothing listens on its port any more
    let attempts = 0;
    const count: Interceptor = (next) => (req) => {
      attempts++;
      return next(req);
    };
    const transport = createKantoTransport({ service: pokemonServiceInfo, target: server.url, interceptors: [count] });
    clients.push(transport);
    await assert.rejects(createPokemonClient(transport).getPokemon({ id: 25 }), { code: Code.Unavailable });
    assert.equal(attempts, 4);
  });

  it("retries a server stream that fails before its first response", async () => {
    let attempts = 0;
    const server = await startFakeServer((router) =>
      router.service(RoutePlannerService, {
        async *watchRoutes(req) {
          attempts++;
          if (attempts === 1) {
            throw new ConnectError("warming up", Code.Unavailable);
          }
          for (let i = 0; i < req.maxUpdates; i++) {
            yield { route: { distanceKm: i } };
          }
        },
      }),
    );
    servers.push(server);
    const kanto = createKantoClient(at(routePlannerServiceInfo, server.url));
    clients.push(kanto);
    const distances: number[] = [];
    for await (const update of kanto.routePlanner.watchRoutes({ maxUpdates: 2 })) {
      distances.push(update.route?.distanceKm ?? -1);
    }
    assert.deepEqual(distances, [0, 1]);
    assert.equal(attempts, 2);
  });

  it("does not retry a stream once its first response arrived", async () => {
    let attempts = 0;
    const server = await startFakeServer((router) =>
      router.service(RoutePlannerService, {
        async *watchRoutes() {
          attempts++;
          yield { route: { distanceKm: 1 } };
          throw new ConnectError("gone", Code.Unavailable);
        },
      }),
    );
    servers.push(server);
    const kanto = createKantoClient(at(routePlannerServiceInfo, server.url));
    clients.push(kanto);
    let updates = 0;
    await assert.rejects(
      async () => {
        for await (const _ of kanto.routePlanner.watchRoutes({})) {
          updates++;
        }
      },
      (e: unknown) => e instanceof KantoError && e.codeName === "UNAVAILABLE",
    );
    assert.deepEqual([updates, attempts], [1, 1]);
  });

  // The schema's own configs retry no client or bidirectional stream (they
  // are not idempotent); a config of the caller's may.
  const retryEverything = {
    [routePlannerServiceInfo.name]: {
      methodConfig: [
        {
          name: [{ service: routePlannerServiceInfo.name }],
          retryPolicy: { maxAttempts: 3, initialBackoff: "0.01s", maxBackoff: "0.01s", backoffMultiplier: 1, retryableStatusCodes: ["UNAVAILABLE"] },
        },
      ],
    },
  };

  it("retries a client stream that fails before its response, sending every request again", async () => {
    const seen: number[][] = [];
    const server = await startFakeServer((router) =>
      router.service(RoutePlannerService, {
        async recordTrip(requests) {
          const latitudes: number[] = [];
          for await (const r of requests) {
            latitudes.push(r.location?.latitude ?? -1);
          }
          seen.push(latitudes);
          if (seen.length === 1) {
            throw new ConnectError("lost it", Code.Unavailable);
          }
          return { pointCount: latitudes.length };
        },
      }),
    );
    servers.push(server);
    const kanto = createKantoClient({ ...at(routePlannerServiceInfo, server.url), serviceConfigs: retryEverything });
    clients.push(kanto);
    let generated = 0;
    async function* points() {
      for (const latitude of [1, 2, 3]) {
        generated++;
        yield { location: { latitude, longitude: 0 } };
      }
    }
    const res = await kanto.routePlanner.recordTrip(points());
    assert.equal(res.pointCount, 3);
    assert.deepEqual(seen, [[1, 2, 3], [1, 2, 3]]);
    assert.equal(generated, 3, "the caller's requests are read once");
  });

  it("retries a bidirectional stream before its first response, replaying what was sent", async () => {
    const seen: string[][] = [];
    const server = await startFakeServer((router) =>
      router.service(RoutePlannerService, {
        async *navigate(requests) {
          const got: string[] = [];
          seen.push(got);
          for await (const req of requests) {
            got.push(req.destination?.placeId ?? "");
            if (seen.length === 1) {
              throw new ConnectError("restarting", Code.Unavailable);
            }
            yield { instruction: `go to ${req.destination?.placeId}` };
          }
        },
      }),
    );
    servers.push(server);
    const kanto = createKantoClient({ ...at(routePlannerServiceInfo, server.url), serviceConfigs: retryEverything });
    clients.push(kanto);
    const requests = createRequestStream<{ destination: { placeId: string } }>();
    const answers = kanto.routePlanner.navigate(requests)[Symbol.asyncIterator]() as AsyncIterator<NavigateResponse, undefined>;
    requests.send({ destination: { placeId: "a" } });
    assert.equal((await answers.next()).value?.instruction, "go to a");
    requests.send({ destination: { placeId: "b" } });
    assert.equal((await answers.next()).value?.instruction, "go to b");
    requests.close();
    assert.equal((await answers.next()).done, true);
    assert.deepEqual(seen, [["a"], ["a", "b"]]);
    assert.equal(requests.closed, true);
  });
});

describe("idempotency", () => {
  it("fills CreatePokemon's empty request_id with one UUID for every attempt", async () => {
    const ids: string[] = [];
    const pokedex = await pokedexWith({
      createPokemon(req) {
        ids.push(req.requestId);
        if (ids.length === 1) {
          throw new ConnectError("blip", Code.Unavailable);
        }
        return { pokemon: req.pokemon };
      },
    });
    const request = { pokemon: pikachu, requestId: "" };
    await pokedex.createPokemon(request);
    await pokedex.createPokemon({ pokemon: pikachu });
    await pokedex.createPokemon({ pokemon: pikachu, requestId: "mine-1" });
    assert.equal(ids.length, 4);
    assert.match(ids[0] ?? "", uuid);
    assert.equal(ids[1], ids[0], "a retry must carry the same request_id");
    assert.match(ids[2] ?? "", uuid);
    assert.notEqual(ids[2], ids[0], "each call gets its own request_id");
    assert.equal(ids[3], "mine-1");
    assert.equal(request.requestId, "", "the caller's message is not modified");
  });
});

describe("request ids", () => {
  it("sends x-request-id when asked, keeping the caller's", async () => {
    const seen: (string | null)[] = [];
    const pokedex = await pokedexWith(
      {
        getPokemon(_req, ctx) {
          seen.push(ctx.requestHeader.get("x-request-id"));
          return {};
        },
      },
      { requestIds: true },
    );
    await pokedex.getPokemon({ id: 1 });
    await pokedex.getPokemon({ id: 1 }, { headers: { "x-request-id": "trace-7" } });
    assert.match(seen[0] ?? "", uuid);
    assert.equal(seen[1], "trace-7");
  });
});

describe("deadlines", () => {
  it("applies the service config's timeout when the caller sets none, and never a later one", async () => {
    const seen: Record<string, number | undefined> = {};
    const pokedex = await pokedexWith({
      getPokemon(req, ctx) {
        seen[req.id === 1 ? "get" : "getLong"] = ctx.timeoutMs();
        return {};
      },
      updatePokemon(_req, ctx) {
        seen["update"] = ctx.timeoutMs();
        return {};
      },
      listPokemon(_req, ctx) {
        seen["list"] = ctx.timeoutMs();
        return {};
      },
    });
    await pokedex.getPokemon({ id: 1 });
    await pokedex.updatePokemon({});
    await pokedex.listPokemon({}, { timeoutMs: 1234 });
    await pokedex.getPokemon({ id: 2 }, { timeoutMs: 60_000 });
    // GetPokemon has its own 5s entry, UpdatePokemon only the service-wide 10s.
    assert.ok(within(seen["get"], 4000, 5000), `GetPokemon deadline ${seen["get"]}`);
    assert.ok(within(seen["update"], 9000, 10000), `UpdatePokemon deadline ${seen["update"]}`);
    // A caller's earlier deadline wins; a later one does not.
    assert.ok(within(seen["list"], 1000, 1234), `caller's deadline ${seen["list"]}`);
    assert.ok(within(seen["getLong"], 4000, 5000), `GetPokemon deadline with the caller's 60s ${seen["getLong"]}`);
  });

  it("gives unary calls without a method timeout 30 s, or defaultTimeoutMs, and streams none", async () => {
    const seen: (number | undefined)[] = [];
    const impl = {
      getPokemon(_req: unknown, ctx: HandlerContext) {
        seen.push(ctx.timeoutMs());
        return {};
      },
    };
    // A service config without timeouts.
    const serviceConfigs = { [pokemonServiceInfo.name]: {} };
    await (await pokedexWith(impl, { serviceConfigs })).getPokemon({ id: 1 });
    await (await pokedexWith(impl, { serviceConfigs, defaultTimeoutMs: 1500 })).getPokemon({ id: 1 });
    await (await pokedexWith(impl, { serviceConfigs, defaultTimeoutMs: 0 })).getPokemon({ id: 1 });
    assert.ok(within(seen[0], 29_000, 30_000), `default deadline ${seen[0]}`);
    assert.ok(within(seen[1], 1000, 1500), `defaultTimeoutMs deadline ${seen[1]}`);
    assert.equal(seen[2], undefined);

    let streamDeadline: number | undefined = -1;
    const server = await startFakeServer((router) =>
      router.service(RoutePlannerService, {
        async *watchRoutes(_req, ctx) {
          streamDeadline = ctx.timeoutMs();
          yield {};
        },
      }),
    );
    servers.push(server);
    const kanto = createKantoClient(at(routePlannerServiceInfo, server.url));
    clients.push(kanto);
    for await (const _ of kanto.routePlanner.watchRoutes({})) {
      // one update
    }
    assert.equal(streamDeadline, undefined, "WatchRoutes has no timeout in its service config");
  });

  it("fails with DEADLINE_EXCEEDED when the default timeout passes", async () => {
    const pokedex = await pokedexWith(
      {
        async getPokemon(_req, ctx) {
          await sleep(5000, undefined, { signal: ctx.signal, ref: false }).catch(() => undefined);
          return {};
        },
      },
      {
        serviceConfigs: {
          "kanto.pokedex.v1.PokemonService": {
            methodConfig: [{ name: [{ service: "kanto.pokedex.v1.PokemonService" }], timeout: "0.2s" }],
          },
        },
      },
    );
    const started = Date.now();
    await assert.rejects(pokedex.getPokemon({ id: 1 }), (e: unknown) => {
      assert.ok(e instanceof KantoError);
      assert.equal(e.codeName, "DEADLINE_EXCEEDED");
      return true;
    });
    assert.ok(Date.now() - started < 2000);
  });

  it("can be turned off", async () => {
    let seen: number | undefined = -1;
    const pokedex = await pokedexWith(
      {
        getPokemon(_req, ctx) {
          seen = ctx.timeoutMs();
          return {};
        },
      },
      { defaultTimeouts: false },
    );
    await pokedex.getPokemon({ id: 1 });
    assert.equal(seen, undefined);
  });
});

describe("streaming", () => {
  it("leaving a for-await loop early cancels the server stream", async () => {
    let cancelled: () => void = () => undefined;
    const serverSawCancel = new Promise<void>((resolve) => (cancelled = resolve));
    const server = await startFakeServer((router) =>
      router.service(RoutePlannerService, {
        async *watchRoutes(_req, ctx) {
          ctx.signal.addEventListener("abort", () => cancelled());
          for (let i = 0; !ctx.signal.aborted; i++) {
            yield { route: { distanceKm: i } };
            await sleep(10);
          }
        },
      }),
    );
    servers.push(server);
    const kanto = createKantoClient(at(routePlannerServiceInfo, server.url));
    clients.push(kanto);
    let got = 0;
    for await (const _ of kanto.routePlanner.watchRoutes({})) {
      if (++got === 2) {
        break;
      }
    }
    await Promise.race([serverSawCancel, sleep(5000, undefined, { ref: false }).then(() => assert.fail("the server saw no cancellation"))]);
  });

  it("client streaming: RecordTrip gets every request", async () => {
    const server = await startFakeServer((router) =>
      router.service(RoutePlannerService, {
        async recordTrip(requests) {
          let pointCount = 0;
          for await (const _ of requests) {
            pointCount++;
          }
          return { pointCount };
        },
      }),
    );
    servers.push(server);
    const kanto = createKantoClient(at(routePlannerServiceInfo, server.url));
    clients.push(kanto);
    async function* points() {
      for (let i = 0; i < 3; i++) {
        yield { location: { latitude: 35 + i / 10, longitude: 139 } };
      }
    }
    const res = await kanto.routePlanner.recordTrip(points());
    assert.equal(res.pointCount, 3);
  });

  it("bidirectional streaming: Navigate answers each request sent through a RequestStream", async () => {
    const server = await startFakeServer((router) =>
      router.service(RoutePlannerService, {
        async *navigate(requests) {
          for await (const req of requests) {
            yield { instruction: `go to ${req.destination?.placeId}`, arrived: req.destination?.placeId === "end" };
          }
        },
      }),
    );
    servers.push(server);
    const kanto = createKantoClient(at(routePlannerServiceInfo, server.url));
    clients.push(kanto);
    const requests = createRequestStream<{ destination: { placeId: string } }>();
    const answers = kanto.routePlanner.navigate(requests)[Symbol.asyncIterator]();
    const got: string[] = [];
    for (const placeId of ["a", "b", "end"]) {
      requests.send({ destination: { placeId } });
      const answer = await answers.next();
      assert.equal(answer.done, false);
      got.push(answer.value.instruction);
    }
    requests.close();
    assert.equal((await answers.next()).done, true);
    assert.deepEqual(got, ["go to a", "go to b", "go to end"]);
  });

  it("leaving a stream early releases the call, so a program can exit before the call's deadline", async () => {
    const server = await startFakeServer((router) =>
      router.service(RoutePlannerService, {
        async *watchRoutes(_req, ctx) {
          for (let i = 0; !ctx.signal.aborted; i++) {
            yield { route: { distanceKm: i } };
            await sleep(10);
          }
        },
      }),
    );
    servers.push(server);
    // A program of its own: it ends when nothing keeps Node's event loop
    // alive, such as the timer of a deadline a minute away.
    const index = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), "..", "src", "index.js")).href;
    const program = `
      import { createKantoClient } from ${JSON.stringify(index)};
      const kanto = createKantoClient({ targets: { ${JSON.stringify(routePlannerServiceInfo.name)}: ${JSON.stringify(server.url)} } });
      for await (const _ of kanto.routePlanner.watchRoutes({}, { timeoutMs: 60_000 })) {
        break;
      }
      kanto.close();
    `;
    const started = Date.now();
    const child = spawn(process.execPath, ["--input-type=module", "-e", program], { stdio: ["ignore", "inherit", "inherit"] });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    assert.equal(code, 0);
    assert.ok(Date.now() - started < 20_000, `the program took ${Date.now() - started}ms to exit`);
  });

  it("stream errors are KantoErrors", async () => {
    const server = await startFakeServer((router) =>
      router.service(RoutePlannerService, {
        // eslint-disable-next-line require-yield
        async *watchRoutes() {
          throw new ConnectError("no such place", Code.NotFound);
        },
      }),
    );
    servers.push(server);
    const kanto = createKantoClient({ ...at(routePlannerServiceInfo, server.url), retries: false });
    clients.push(kanto);
    await assert.rejects(
      async () => {
        for await (const _ of kanto.routePlanner.watchRoutes({})) {
          // no messages
        }
      },
      (e: unknown) => e instanceof KantoError && e.codeName === "NOT_FOUND",
    );
  });
});

describe("pagination", () => {
  const all = Array.from({ length: 7 }, (_, i) => create(PokemonSchema, { id: i + 1, name: `P${i + 1}` }));

  // paged serves all in pages of req.pageSize, the token being the offset,
  // and records the tokens it was asked for.
  function paged(tokens: string[], pageSize?: number[]) {
    return {
      listPokemon(req: { pageToken: string; pageSize: number }) {
        tokens.push(req.pageToken);
        pageSize?.push(req.pageSize);
        const start = req.pageToken === "" ? 0 : Number(req.pageToken);
        const end = Math.min(start + req.pageSize, all.length);
        return { pokemon: all.slice(start, end), nextPageToken: end < all.length ? String(end) : "", totalSize: all.length };
      },
    };
  }

  it("listPokemonItems follows next_page_token to the end", async () => {
    const tokens: string[] = [];
    const pokedex = await pokedexWith(paged(tokens));
    const ids: number[] = [];
    for await (const p of pokedex.listPokemonItems({ pageSize: 3 })) {
      ids.push(p.id);
    }
    assert.deepEqual(ids, [1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(tokens, ["", "3", "6"]);
  });

  it("listPokemonPages yields each page, from the request's token, and leaves the request alone", async () => {
    const tokens: string[] = [];
    const sizes: number[] = [];
    const pokedex = await pokedexWith(paged(tokens, sizes));
    const request = create(ListPokemonRequestSchema, { pageSize: 2, pageToken: "1" });
    const pages: number[][] = [];
    for await (const page of pokedex.listPokemonPages(request)) {
      pages.push(page.pokemon.map((p) => p.id));
    }
    assert.deepEqual(pages, [[2, 3], [4, 5], [6, 7]]);
    assert.deepEqual(tokens, ["1", "3", "5"]);
    assert.deepEqual(sizes, [2, 2, 2]);
    assert.equal(request.pageToken, "1", "the caller's request is not modified");
  });

  it("makes no further calls when the loop is left", async () => {
    const tokens: string[] = [];
    const pokedex = await pokedexWith(paged(tokens));
    for await (const p of pokedex.listPokemonItems({ pageSize: 2 })) {
      if (p.id === 3) {
        break;
      }
    }
    assert.deepEqual(tokens, ["", "2"]);
  });

  it("takes no request at all", async () => {
    const tokens: string[] = [];
    const pokedex = await pokedexWith({
      listPokemon(req) {
        tokens.push(req.pageToken);
        return { pokemon: all.slice(0, 1) };
      },
    });
    const ids: number[] = [];
    for await (const p of pokedex.listPokemonItems()) {
      ids.push(p.id);
    }
    assert.deepEqual([ids, tokens], [[1], [""]]);
  });

  it("fails with PageTokenLoopError when the server returns the token it was given", async () => {
    let calls = 0;
    const pokedex = await pokedexWith({
      listPokemon(req) {
        calls++;
        return { pokemon: all.slice(0, 1), nextPageToken: req.pageToken === "" ? "again" : req.pageToken };
      },
    });
    const ids: number[] = [];
    await assert.rejects(
      async () => {
        for await (const p of pokedex.listPokemonItems()) {
          ids.push(p.id);
        }
      },
      (e: unknown) => e instanceof PageTokenLoopError && e.pageToken === "again",
    );
    assert.deepEqual([ids, calls], [[1, 1], 2]);
  });

  it("stops on a page's error, as a KantoError", async () => {
    const pokedex = await pokedexWith({
      listPokemon(req) {
        if (req.pageToken !== "") {
          throw new ConnectError("bad token", Code.InvalidArgument);
        }
        return { pokemon: all.slice(0, 2), nextPageToken: "2" };
      },
    });
    const ids: number[] = [];
    await assert.rejects(
      async () => {
        for await (const p of pokedex.listPokemonItems()) {
          ids.push(p.id);
        }
      },
      (e: unknown) => e instanceof KantoError && e.codeName === "INVALID_ARGUMENT",
    );
    assert.deepEqual(ids, [1, 2]);
  });
});

describe("errors", () => {
  it("carries the field violations of buf.validate.Violations", async () => {
    const pokedex = await pokedexWith({
      listEncounters() {
        throw new ConnectError("invalid request", Code.InvalidArgument, undefined, [
          {
            desc: ViolationsSchema,
            value: {
              violations: [
                {
                  field: { elements: [{ fieldName: "place_ids", subscript: { case: "index", value: 2n } }] },
                  ruleId: "string.pattern",
                  message: "does not match",
                },
                { ruleId: "message.cel", message: "whole message" },
              ],
            },
          },
        ]);
      },
    });
    await assert.rejects(pokedex.listEncounters({ placeIds: ["x"] }), (e: unknown) => {
      assert.ok(e instanceof KantoError);
      assert.ok(e instanceof ConnectError);
      assert.equal(e.codeName, "INVALID_ARGUMENT");
      assert.deepEqual(e.fieldViolations, [
        { field: "place_ids[2]", ruleId: "string.pattern", message: "does not match" },
        { field: "", ruleId: "message.cel", message: "whole message" },
      ]);
      return true;
    });
  });
});

describe("TLS", () => {
  it("calls an https:// address, trusting the given CA", async () => {
    const server = await startFakeServer(routesOf({ getPokemon: () => ({ pokemon: pikachu }) }), true);
    servers.push(server);
    const kanto = createKantoClient({ ...at(pokemonServiceInfo, server.url), nodeOptions: { ca: testCert.cert } });
    clients.push(kanto);
    const res = await kanto.pokemon.getPokemon({ id: 25 });
    assert.equal(res.pokemon?.name, "Pikachu");

    const untrusting = createKantoClient({ ...at(pokemonServiceInfo, server.url), retries: false });
    clients.push(untrusting);
    await assert.rejects(untrusting.pokemon.getPokemon({ id: 25 }), (e: unknown) => e instanceof KantoError);
  });
});

function within(value: number | undefined, min: number, max: number): boolean {
  return value !== undefined && value >= min && value <= max;
}
