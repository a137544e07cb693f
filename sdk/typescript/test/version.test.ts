// The SDK's version, schema revision and user agent: the strings, and that
// every call of the SDK's transports sends them (against an in-process fake
// server; live.test.ts checks what the Go services log of them).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient, type ConnectRouter, type HandlerContext, type Interceptor } from "@connectrpc/connect";
import {
  createKantoClient,
  createKantoTransport,
  createRequestStream,
  PokemonSchema,
  PokemonService,
  RoutePlannerService,
  schemaRevision,
  userAgent,
  version,
  type KantoClientOptions,
} from "../src/index.js";
import { withUserAgentPrefix } from "../src/interceptors.js";
import { startFakeServer, type FakeServer } from "./fakeserver.js";
import { repoRoot, sdkDir } from "./support.js";

const semver = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$/;
const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8")) as { version: string };
const connectToken = `connect-es/${readJson(join(sdkDir, "node_modules", "@connectrpc", "connect", "package.json")).version}`;

describe("version, schemaRevision and userAgent", () => {
  it("version is package.json's semantic version", () => {
    assert.match(version, semver);
    assert.equal(version, readJson(join(sdkDir, "package.json")).version);
  });

  it("schemaRevision is the generated one, and the services'", () => {
    assert.match(schemaRevision, /^[0-9a-f]{12}$/);
    const revisionOf = (path: string, re: RegExp) => {
      const m = re.exec(readFileSync(path, "utf8"));
      assert.ok(m, `${path} declares no schema revision`);
      return m[1];
    };
    // What the SDK was built from: src/gen, a copy of $KANTO_GEN_DIR.
    const ts = /^export const schemaRevision = "([^"]*)";$/m;
    assert.equal(schemaRevision, revisionOf(join(sdkDir, "src", "gen", "kanto_schema.ts"), ts));
    if (process.env["KANTO_GEN_DIR"] === undefined) {
      // The servers' registry, from the same protoc-gen-kanto run over proto/.
      const go = /^const SchemaRevision = "([^"]*)"$/m;
      assert.equal(schemaRevision, revisionOf(join(repoRoot, "gen", "goserver", "kantoregistry", "kantoregistry.kanto.go"), go));
    }
  });

  it("userAgent is kanto-sdk-typescript/<version> kanto-schema/<revision>", () => {
    assert.equal(userAgent, `kanto-sdk-typescript/${version} kanto-schema/${schemaRevision}`);
    assert.match(userAgent, /^kanto-sdk-typescript\/\d+\.\d+\.\d+\S* kanto-schema\/[0-9a-f]{12}$/);
  });

  it("is added before Connect's token, after the application's own", () => {
    const p = "kanto-sdk-typescript/1.2.3 kanto-schema/0123456789ab";
    assert.equal(withUserAgentPrefix("connect-es/2.2.0", p), `${p} connect-es/2.2.0`);
    assert.equal(withUserAgentPrefix(null, p), p);
    assert.equal(withUserAgentPrefix("", p), p);
    assert.equal(withUserAgentPrefix("my-app/1.0", p), `my-app/1.0 ${p}`);
    assert.equal(withUserAgentPrefix("my-app/1.0 (linux) connect-es/2.2.0", p), `my-app/1.0 (linux) ${p} connect-es/2.2.0`);
    assert.equal(withUserAgentPrefix(`my-app/1.0 ${p} connect-es/2.2.0`, p), `my-app/1.0 ${p} connect-es/2.2.0`);
    assert.equal(withUserAgentPrefix(`${p} connect-es/2.2.0`, p), `${p} connect-es/2.2.0`);
  });
});

describe("the user agent of the SDK's calls", () => {
  const servers: FakeServer[] = [];
  const closers: { close(): void }[] = [];
  after(async () => {
    closers.forEach((c) => c.close());
    await Promise.all(servers.map((s) => s.close()));
  });

  // serve records the user agent of every call to a fake Pokédex and route
  // planner; the first n GetPokemon attempts fail with UNAVAILABLE.
  async function serve(failFirst = 0) {
    const seen: (string | null)[] = [];
    let attempts = 0;
    const ua = (ctx: HandlerContext) => seen.push(ctx.requestHeader.get("user-agent"));
    const server = await startFakeServer((router: ConnectRouter) => {
      router.service(PokemonService, {
        getPokemon(_req, ctx) {
          ua(ctx);
          if (++attempts <= failFirst) {
            throw new ConnectError("try again", Code.Unavailable);
          }
          return { pokemon: create(PokemonSchema, { id: 25, name: "Pikachu" }) };
        },
      });
      router.service(RoutePlannerService, {
        async *watchRoutes(_req, ctx) {
          ua(ctx);
          yield {};
        },
        async recordTrip(reqs, ctx) {
          ua(ctx);
          for await (const _ of reqs) {
            // drain
          }
          return {};
        },
        async *navigate(reqs, ctx) {
          ua(ctx);
          for await (const _ of reqs) {
            yield {};
          }
        },
      });
    });
    servers.push(server);
    return { url: server.url, seen };
  }

  function client(url: string, options: Omit<KantoClientOptions, "target"> = {}) {
    const kanto = createKantoClient({ ...options, target: url });
    closers.push(kanto);
    return kanto;
  }

  it("sends userAgent before Connect's token with every kind of call", async () => {
    const { url, seen } = await serve();
    const kanto = client(url);
    await kanto.pokemon.getPokemon({ id: 25 });
    for await (const _ of kanto.routePlanner.watchRoutes({})) {
      break;
    }
    await kanto.routePlanner.recordTrip(
      (async function* () {
        yield {};
      })(),
    );
    const requests = createRequestStream<Record<string, never>>();
    const answers = kanto.routePlanner.navigate(requests);
    requests.send({});
    requests.close();
    for await (const _ of answers) {
      // drain
    }
    assert.deepEqual(seen, Array(4).fill(`${userAgent} ${connectToken}`));
  });

  it("sends it once per attempt of a retried call", async () => {
    const { url, seen } = await serve(2);
    await client(url).pokemon.getPokemon({ id: 25 });
    assert.deepEqual(seen, Array(3).fill(`${userAgent} ${connectToken}`));
  });

  it("keeps the application's user agent in front", async () => {
    const { url, seen } = await serve();
    const appToken: Interceptor = (next) => async (req) => {
      req.header.set("user-agent", `interceptor-app/2.0 ${req.header.get("user-agent") ?? ""}`);
      return await next(req);
    };
    await client(url).pokemon.getPokemon({ id: 25 }, { headers: { "User-Agent": "header-app/1.0" } });
    await client(url, { interceptors: [appToken] }).pokemon.getPokemon({ id: 25 });
    assert.deepEqual(seen, [`header-app/1.0 ${userAgent}`, `interceptor-app/2.0 ${userAgent} ${connectToken}`]);
  });

  it("is sent by a transport from createKantoTransport used with Connect's createClient", async () => {
    const { url, seen } = await serve();
    const transport = createKantoTransport({ target: url });
    closers.push(transport);
    await createClient(PokemonService, transport).getPokemon({ id: 25 });
    assert.deepEqual(seen, [`${userAgent} ${connectToken}`]);
  });
});
