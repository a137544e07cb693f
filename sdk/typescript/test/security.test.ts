// The security defaults every Kanto SDK shares (docs/sdk-design.md): TLS
// unless the caller asks for plaintext, and a bearer token never sent over
// plaintext except to a loopback address; plus how targets are chosen.
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { create } from "@bufbuild/protobuf";
import type { HandlerContext } from "@connectrpc/connect";
import {
  createKantoClient,
  createKantoTransport,
  createPokemonClient,
  isLoopback,
  KantoError,
  PokemonSchema,
  PokemonService,
  pokemonServiceInfo,
  routePlannerServiceInfo,
  services,
} from "../src/index.js";
import { startFakeServer, testCert, type FakeServer } from "./fakeserver.js";

const refusal = (target: string) => `a bearer token is sent only over TLS or to a loopback address, and ${target} is neither`;

const servers: FakeServer[] = [];
const closers: { close(): void }[] = [];
after(async () => {
  closers.forEach((c) => c.close());
  await Promise.all(servers.map((s) => s.close()));
});

// serve starts a fake Pokédex that records the authorization header of
// each call; its url is http://127.0.0.1:port or https://127.0.0.1:port.
async function serve(tls = false) {
  const authorization: (string | null)[] = [];
  const server = await startFakeServer(
    (router) =>
      router.service(PokemonService, {
        getPokemon(_req, ctx: HandlerContext) {
          authorization.push(ctx.requestHeader.get("authorization"));
          return { pokemon: create(PokemonSchema, { id: 25, name: "Pikachu" }) };
        },
      }),
    tls,
  );
  servers.push(server);
  return { server, authorization, port: new URL(server.url).port };
}

describe("a bearer token over plaintext", () => {
  it("is refused, when the client is created, to a target that is not loopback", () => {
    for (const target of ["10.1.2.3:50051", "pokedex.example.com:50051", "http://pokedex.example.com", "[2001:db8::1]:50051"]) {
      assert.throws(
        () => createKantoClient({ insecure: true, token: "secret", targets: { [pokemonServiceInfo.name]: target } }),
        (e: unknown) => e instanceof Error && e.message === `${pokemonServiceInfo.name}: ${refusal(target)}`,
        target,
      );
    }
    // A token function counts as a token; an explicit http:// target as
    // plaintext, insecure or not.
    assert.throws(
      () => createKantoTransport({ target: "http://192.0.2.7:80", token: async () => "fresh" }),
      { message: refusal("http://192.0.2.7:80") },
    );
    // The one target of every service.
    assert.throws(() => createKantoClient({ insecure: true, token: "secret", target: "kanto.internal:443" }), {
      message: `${services[0]?.name}: ${refusal("kanto.internal:443")}`,
    });
  });

  it("is sent to a loopback address", async () => {
    const { server, authorization, port } = await serve();
    for (const target of [server.url, `127.0.0.1:${port}`, `localhost:${port}`]) {
      const kanto = createKantoClient({ insecure: true, token: "secret", targets: { [pokemonServiceInfo.name]: target } });
      closers.push(kanto);
      const { pokemon } = await kanto.pokemon.getPokemon({ id: 25 });
      assert.equal(pokemon?.name, "Pikachu");
    }
    assert.deepEqual(authorization, Array(3).fill("Bearer secret"));
  });

  it("is allowed over TLS to any address", async () => {
    // Creating a client connects to nothing: no network is needed to see
    // that it is accepted.
    closers.push(createKantoClient({ token: "secret", target: "pokedex.example.com:443" }));
    closers.push(createKantoTransport({ service: pokemonServiceInfo, target: "https://10.1.2.3", token: "secret" }));
    const { server, authorization } = await serve(true);
    const kanto = createKantoClient({ token: "secret", targets: { [pokemonServiceInfo.name]: server.url }, nodeOptions: { ca: testCert.cert } });
    closers.push(kanto);
    await kanto.pokemon.getPokemon({ id: 25 });
    assert.deepEqual(authorization, ["Bearer secret"]);
  });

  it("is no concern without a token", () => {
    closers.push(createKantoClient({ insecure: true, target: "10.1.2.3:50051" }));
    closers.push(createKantoClient({ insecure: true, token: "", target: "10.1.2.3:50051" }));
  });
});

describe("TLS", () => {
  it("is the default for a host:port target", async () => {
    const transport = createKantoTransport({ service: pokemonServiceInfo });
    closers.push(transport);
    assert.equal(transport.baseUrl, "https://127.0.0.1:50051");
    // A plaintext server does not speak TLS: the call fails.
    const { port, authorization } = await serve();
    const kanto = createKantoClient({ targets: { [pokemonServiceInfo.name]: `127.0.0.1:${port}` }, retries: false });
    closers.push(kanto);
    await assert.rejects(kanto.pokemon.getPokemon({ id: 25 }), (e: unknown) => e instanceof KantoError);
    assert.deepEqual(authorization, []);
  });

  it("is left only when asked: insecure, or an http:// target", () => {
    const t = (options: Parameters<typeof createKantoTransport>[0]) => {
      const transport = createKantoTransport(options);
      closers.push(transport);
      return transport.baseUrl;
    };
    assert.equal(t({ target: "127.0.0.1:50051", insecure: true }), "http://127.0.0.1:50051");
    assert.equal(t({ target: "http://127.0.0.1:50051" }), "http://127.0.0.1:50051");
    assert.equal(t({ target: "https://kanto.example.com" }), "https://kanto.example.com");
    assert.equal(t({ target: "[::1]:50051", insecure: true }), "http://[::1]:50051");
    assert.throws(() => t({ target: "https://kanto.example.com", insecure: true }), /insecure: true asks for plaintext, but the target https:\/\/kanto.example.com asks for TLS/);
  });
});

describe("targets", () => {
  it("default to each service's google.api.default_host", () => {
    const transports = services.map((service) => createKantoTransport({ service, insecure: true }));
    closers.push(...transports);
    assert.deepEqual(
      transports.map((t) => t.target),
      services.map((s) => s.defaultTarget),
    );
    assert.ok(services.every((s) => /^127\.0\.0\.1:\d+$/.test(s.defaultTarget)));
  });

  it("are taken per service, then the common one, then the default", async () => {
    const { server } = await serve();
    // The Pokédex at its own target wins over the common one, which
    // points nowhere.
    const kanto = createKantoClient({ insecure: true, target: "127.0.0.1:1", targets: { [pokemonServiceInfo.name]: server.url } });
    closers.push(kanto);
    assert.equal((await kanto.pokemon.getPokemon({ id: 25 })).pokemon?.name, "Pikachu");
  });

  it("refuse a service the schema does not define", () => {
    assert.throws(
      () => createKantoClient({ insecure: true, targets: { "kanto.pokedex.v1.PokedexService": "127.0.0.1:1" } }),
      /targets names kanto\.pokedex\.v1\.PokedexService, which the schema does not define/,
    );
  });

  it("are needed for a service without a default", () => {
    assert.throws(
      () => createKantoTransport({ service: { ...routePlannerServiceInfo, defaultTarget: "" } }),
      /kanto\.routeplanner\.v1\.RoutePlannerService: no target/,
    );
    assert.throws(() => createKantoTransport({}), /needs a target/);
  });

  it("come with options checked at creation", () => {
    assert.throws(() => createKantoClient({ insecure: true, defaultTimeoutMs: -1 }), /defaultTimeoutMs must be a number of milliseconds/);
    assert.throws(
      () => createKantoClient({ insecure: true, serviceConfigs: { "example.v1.Nothing": {} } }),
      /serviceConfigs names example\.v1\.Nothing, which the schema does not define/,
    );
    assert.throws(
      () => createKantoClient({ insecure: true, serviceConfigs: { [pokemonServiceInfo.name]: { methodConfig: [{ timeout: "soon" }] } } }),
      /not a duration/,
    );
  });

  it("must be addresses", () => {
    assert.throws(() => createKantoTransport({ target: "unix:///tmp/kanto.sock" }), /unsupported scheme/);
    assert.throws(() => createKantoTransport({ target: "https://kanto.example.com/v1" }), /more than a host and a port/);
    assert.throws(() => createKantoTransport({ target: "not a target" }), /not a target/);
  });

  it("make a client for one service alone", async () => {
    const { server } = await serve();
    const transport = createKantoTransport({ service: pokemonServiceInfo, target: server.url });
    closers.push(transport);
    assert.equal((await createPokemonClient(transport).getPokemon({ id: 25 })).pokemon?.id, 25);
  });
});

describe("isLoopback", () => {
  it("knows localhost, 127.0.0.0/8 and ::1, with or without a port or scheme", () => {
    for (const t of ["localhost", "LOCALHOST:1", "127.0.0.1:50051", "127.255.0.9", "http://127.0.0.1:1", "[::1]:50051", "https://[::1]", "[::ffff:127.0.0.1]:1", "::1"]) {
      assert.equal(isLoopback(t), true, t);
    }
    for (const t of ["10.0.0.1:1", "128.0.0.1", "kanto.example.com:443", "localhost.example.com", "[::2]:1", "[::ffff:10.0.0.1]:1", ""]) {
      assert.equal(isLoopback(t), false, t);
    }
  });
});
