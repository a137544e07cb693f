// The conformance suite (sdk/conformance/README.md): every vector of every
// file in sdk/conformance/vectors, in order, replayed through the SDK's
// clients against one live kanto-testenv, one test per vector.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fromJson, toJson, type DescService, type JsonValue } from "@bufbuild/protobuf";
import type { CallOptions } from "@connectrpc/connect";
import {
  createKantoClient,
  createRequestStream,
  ExpeditionService,
  KantoError,
  PokemonService,
  RoutePlannerService,
  type KantoClient,
} from "../src/index.js";
import { badRequestFieldViolations } from "../src/errors.js";
import { match } from "./matcher.js";
import { repoRoot, startTestenv, type Testenv } from "./support.js";

interface Vector {
  readonly name: string;
  readonly service: string;
  readonly method: string;
  readonly kind: "unary" | "server_stream" | "client_stream" | "bidi_stream";
  readonly request?: JsonValue;
  readonly requests?: JsonValue[];
  readonly metadata?: Record<string, string>;
  readonly timeout_ms?: number;
  readonly cancel_after?: number;
  readonly expect: {
    readonly code: string;
    readonly field_violations?: { field: string; rule_id: string }[];
    readonly response?: JsonValue;
    readonly responses?: JsonValue[];
    readonly min_responses?: number;
  };
}

interface Outcome {
  code: string;
  message: string;
  fieldViolations: { field: string; rule_id: string }[];
  badRequest: { field: string; rule_id: string }[];
  responses: JsonValue[];
}

const methodKinds = {
  unary: "unary",
  server_stream: "server_streaming",
  client_stream: "client_streaming",
  bidi_stream: "bidi_streaming",
} as const;

const vectorsDir = join(repoRoot, "sdk", "conformance", "vectors");
const files = readdirSync(vectorsDir)
  .filter((f) => f.endsWith(".json"))
  .sort();

// Started by the first test that needs it, so that if it cannot start every
// vector fails with the reason (a failing before() hook would only cancel
// them).
let started: Promise<{ env: Testenv; kanto: KantoClient }> | undefined;
function services(): Promise<{ env: Testenv; kanto: KantoClient }> {
  started ??= startTestenv("conformance-testenv").then((env) => ({
    env,
    // No token: vectors that need one carry it in their metadata.
    kanto: createKantoClient({
      pokedexUrl: env.pokedex,
      ...(env.routeplanner === undefined ? {} : { routePlannerUrl: env.routeplanner }),
      ...(env.expedition === undefined ? {} : { expeditionUrl: env.expedition }),
    }),
  }));
  return started;
}

describe("conformance", () => {
  after(async () => {
    const s = await started?.catch(() => undefined);
    s?.kanto.close();
    await s?.env.stop();
  });

  it("has vectors", () => {
    assert.ok(files.length > 0, `no vector files in ${vectorsDir}`);
  });

  for (const file of files) {
    const vectors = (JSON.parse(readFileSync(join(vectorsDir, file), "utf8")) as { vectors: Vector[] }).vectors;
    describe(file, () => {
      for (const vector of vectors) {
        it(vector.name, async () => {
          const { env, kanto } = await services();
          check(vector, await replay(kanto, env, vector));
        });
      }
    });
  }
});

// replay makes the vector's call through the SDK's typed client.
async function replay(kanto: KantoClient, env: Testenv, vector: Vector): Promise<Outcome> {
  const services: Record<string, { desc: DescService; client: object }> = {
    [PokemonService.typeName]: { desc: PokemonService, client: kanto.pokedex },
    [RoutePlannerService.typeName]: { desc: RoutePlannerService, client: kanto.routePlanner },
    [ExpeditionService.typeName]: { desc: ExpeditionService, client: kanto.expedition },
  };
  const service = services[vector.service];
  assert.ok(service !== undefined, `the SDK has no client for service ${vector.service}`);
  const method = service.desc.methods.find((m) => m.name === vector.method);
  assert.ok(method !== undefined, `the SDK's ${vector.service} client has no method ${vector.method}`);
  assert.equal(method.methodKind, methodKinds[vector.kind], `${vector.method} is not a ${vector.kind} method`);
  const call = (service.client as Record<string, unknown>)[method.localName];
  assert.equal(typeof call, "function", `the SDK's client has no function ${method.localName}`);
  const fn = call as (input: unknown, options: CallOptions) => unknown;

  const controller = new AbortController();
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(vector.metadata ?? {})) {
    headers[key] = value.replaceAll("${CURATOR_TOKEN}", env.curatorToken);
  }
  const options: CallOptions = {
    headers,
    signal: controller.signal,
    ...(vector.timeout_ms === undefined ? {} : { timeoutMs: vector.timeout_ms }),
  };
  const responses: JsonValue[] = [];
  const received = (message: unknown) => {
    responses.push(toJson(method.output, message as never, { alwaysEmitImplicit: true }));
    if (vector.cancel_after !== undefined && responses.length >= vector.cancel_after) {
      controller.abort();
    }
  };
  const input = (json: JsonValue | undefined) => fromJson(method.input, json ?? {});

  try {
    switch (method.methodKind) {
      case "unary":
        received(await fn(input(vector.request), options));
        break;
      case "server_streaming":
        for await (const message of fn(input(vector.request), options) as AsyncIterable<unknown>) {
          received(message);
        }
        break;
      case "client_streaming": {
        const requests = (vector.requests ?? []).map(input);
        received(await fn(iterate(requests), options));
        break;
      }
      case "bidi_streaming":
        await bidi(fn, (vector.requests ?? []).map(input), options, received);
        break;
    }
  } catch (e) {
    const err = KantoError.from(e);
    assert.ok(err instanceof KantoError);
    return {
      code: err.codeName,
      message: err.rawMessage,
      fieldViolations: err.fieldViolations.map((v) => ({ field: v.field, rule_id: v.ruleId })),
      badRequest: badRequestFieldViolations(err).map((v) => ({ field: v.field, rule_id: v.ruleId })),
      responses,
    };
  }
  return { code: "OK", message: "", fieldViolations: [], badRequest: [], responses };
}

// bidi sends one request, reads one response, and so on, then closes its
// side and reads whatever else comes.
async function bidi(
  fn: (input: unknown, options: CallOptions) => unknown,
  requests: unknown[],
  options: CallOptions,
  received: (message: unknown) => void,
): Promise<void> {
  const stream = createRequestStream<unknown>();
  const responses = (fn(stream, options) as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  try {
    for (const request of requests) {
      stream.send(request);
      const next = await responses.next();
      if (next.done === true) {
        return;
      }
      received(next.value);
    }
    stream.close();
    for (;;) {
      const next = await responses.next();
      if (next.done === true) {
        return;
      }
      received(next.value);
    }
  } finally {
    stream.close();
  }
}

async function* iterate<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

function check(vector: Vector, got: Outcome): void {
  const expect = vector.expect;
  assert.equal(got.code, expect.code, `status code (message: ${JSON.stringify(got.message)})`);
  if (expect.field_violations !== undefined) {
    assert.deepEqual(got.fieldViolations, expect.field_violations, "field violations");
  }
  if (got.code === "INVALID_ARGUMENT") {
    // The SDK formats field paths from buf.validate.Violations itself; they
    // must read exactly as the server's google.rpc.BadRequest.
    assert.deepEqual(got.fieldViolations, got.badRequest, "Violations and BadRequest disagree");
  }
  if (expect.response !== undefined) {
    assert.equal(got.responses.length, 1, "want exactly one response");
    assert.deepEqual(match(got.responses[0], expect.response), [], "response");
  }
  if (expect.responses !== undefined) {
    assert.equal(got.responses.length, expect.responses.length, `responses: ${JSON.stringify(got.responses)}`);
    expect.responses.forEach((m, i) => assert.deepEqual(match(got.responses[i], m, `$[${i}]`), [], `response ${i}`));
  }
  if (expect.min_responses !== undefined) {
    assert.ok(
      got.responses.length >= expect.min_responses,
      `want at least ${expect.min_responses} responses, got ${got.responses.length}`,
    );
  }
}
