// The conformance suite (sdk/conformance/README.md): every vector of every
// file in sdk/conformance/vectors, in order, replayed through the SDK's
// generated clients against one live kanto-testenv, one test per vector.
// The method to call is found in the umbrella client's generated method
// table (kanto.methods()) by the vector's service and method: no table here
// names a service or an RPC.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fromJson, toJson, type JsonValue } from "@bufbuild/protobuf";
import type { CallOptions } from "@connectrpc/connect";
import { createKantoClient, createRequestStream, KantoError, type KantoClient, type Message, type MethodInfo } from "../src/index.js";
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
    // No token: vectors that need one carry it in their metadata. The
    // services listen on 127.0.0.1 without TLS.
    kanto: createKantoClient({ targets: env.targets, insecure: true }),
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

// replay makes the vector's call through the generated client's method.
async function replay(kanto: KantoClient, env: Testenv, vector: Vector): Promise<Outcome> {
  const method: MethodInfo | undefined = kanto.methods().find((m) => m.service === vector.service && m.name === vector.method);
  assert.ok(method !== undefined, `the SDK has no method ${vector.method} of service ${vector.service}`);
  assert.equal(method.kind, vector.kind, `${vector.method} is not a ${vector.kind} method`);

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
  const received = (message: Message) => {
    responses.push(toJson(method.method.output, message, { alwaysEmitImplicit: true }));
    if (vector.cancel_after !== undefined && responses.length >= vector.cancel_after) {
      controller.abort();
    }
  };
  const input = (json: JsonValue | undefined): Message => fromJson(method.method.input, json ?? {});

  try {
    switch (method.kind) {
      case "unary":
        received(await method.call(input(vector.request), options));
        break;
      case "server_stream":
        for await (const message of method.call(input(vector.request), options)) {
          received(message);
        }
        break;
      case "client_stream":
        received(await method.call(iterate((vector.requests ?? []).map(input)), options));
        break;
      case "bidi_stream":
        await bidi((requests) => method.call(requests, options), (vector.requests ?? []).map(input), received);
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
  open: (requests: AsyncIterable<Message>) => AsyncIterable<Message>,
  requests: Message[],
  received: (message: Message) => void,
): Promise<void> {
  const stream = createRequestStream<Message>();
  const responses = open(stream)[Symbol.asyncIterator]();
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
