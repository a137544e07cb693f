// The generated method tables: every RPC of every service as data, called
// through the generated clients.
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import {
  createKantoClient,
  CreatePokemonRequestSchema,
  GetPokemonRequestSchema,
  KantoError,
  ListPokemonRequestSchema,
  PokemonSchema,
  PokemonService,
  pokemonServiceInfo,
  services,
  type UnaryMethodInfo,
} from "../src/index.js";
import { startFakeServer, type FakeServer } from "./fakeserver.js";

const kindOf = { unary: "unary", server_streaming: "server_stream", client_streaming: "client_stream", bidi_streaming: "bidi_stream" } as const;

const servers: FakeServer[] = [];
const closers: { close(): void }[] = [];
after(async () => {
  closers.forEach((c) => c.close());
  await Promise.all(servers.map((s) => s.close()));
});

describe("methods()", () => {
  it("lists every RPC of every service, in the order of the schema", () => {
    const kanto = createKantoClient({ insecure: true });
    closers.push(kanto);
    const want = services.flatMap((s) => s.service.methods.map((m) => [s.name, m.name, kindOf[m.methodKind]]));
    assert.deepEqual(
      kanto.methods().map((m) => [m.service, m.name, m.kind]),
      want,
    );
    assert.ok(want.length >= 10, "the Kanto schema has more RPCs than that");
    assert.deepEqual(kanto.pokemon.methods().map((m) => m.method), pokemonServiceInfo.service.methods);
  });

  it("calls through the client's own methods, request_id filling included", async () => {
    const ids: string[] = [];
    const server = await startFakeServer((router) =>
      router.service(PokemonService, {
        createPokemon(req) {
          ids.push(req.requestId);
          if (ids.length === 1) {
            throw new ConnectError("blip", Code.Unavailable);
          }
          return { pokemon: req.pokemon };
        },
        getPokemon() {
          throw new ConnectError("no such species", Code.NotFound);
        },
      }),
    );
    servers.push(server);
    const kanto = createKantoClient({ targets: { [pokemonServiceInfo.name]: server.url } });
    closers.push(kanto);
    const method = (name: string) => {
      const m = kanto.methods().find((m) => m.service === pokemonServiceInfo.name && m.name === name);
      assert.ok(m?.kind === "unary", name);
      return m;
    };
    const created = await method("CreatePokemon").call(create(CreatePokemonRequestSchema, { pokemon: create(PokemonSchema, { id: 7 }) }));
    assert.equal(created.$typeName, "kanto.pokedex.v1.CreatePokemonResponse");
    assert.equal(ids.length, 2);
    assert.equal(ids[0], ids[1]);
    assert.notEqual(ids[0], "");
    await assert.rejects(method("GetPokemon").call(create(GetPokemonRequestSchema, { id: 1 })), (e: unknown) => e instanceof KantoError && e.codeName === "NOT_FOUND");
  });

  it("refuses a request of another type", () => {
    const kanto = createKantoClient({ insecure: true });
    closers.push(kanto);
    const get = kanto.pokemon.methods().find((m) => m.name === "GetPokemon") as UnaryMethodInfo;
    assert.throws(
      () => get.call(create(ListPokemonRequestSchema, {})),
      /\/kanto\.pokedex\.v1\.PokemonService\/GetPokemon takes a kanto\.pokedex\.v1\.GetPokemonRequest, not a kanto\.pokedex\.v1\.ListPokemonRequest/,
    );
  });
});
