// KantoError, field paths and status code names.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { BinaryWriter, WireType } from "@bufbuild/protobuf/wire";
import {
  Code,
  codeFromName,
  codeName,
  ConnectError,
  FieldPathSchema,
  fieldPathString,
  KantoError,
  ViolationsSchema,
} from "../src/index.js";
import { FieldPathElementSchema } from "../src/gen/buf/validate/validate_pb.js";

describe("fieldPathString", () => {
  const path = (...elements: MessageInitShape<typeof FieldPathElementSchema>[]) => create(FieldPathSchema, { elements });

  it("formats names, indices and map keys like Go's protovalidate.FieldPathString", () => {
    assert.equal(fieldPathString(undefined), "");
    assert.equal(fieldPathString(path()), "");
    assert.equal(fieldPathString(path({ fieldName: "pokemon" }, { fieldName: "name" })), "pokemon.name");
    assert.equal(fieldPathString(path({ fieldName: "place_ids", subscript: { case: "index", value: 0n } })), "place_ids[0]");
    assert.equal(
      fieldPathString(path({ fieldName: "a", subscript: { case: "intKey", value: -3n } }, { fieldName: "b", subscript: { case: "boolKey", value: true } })),
      "a[-3].b[true]",
    );
    assert.equal(fieldPathString(path({ fieldName: "m", subscript: { case: "uintKey", value: 18446744073709551615n } })), "m[18446744073709551615]");
    assert.equal(fieldPathString(path({ fieldName: "labels", subscript: { case: "stringKey", value: 'k"1' } })), 'labels["k\\"1"]');
    assert.equal(fieldPathString(path({ fieldName: "m", subscript: { case: "stringKey", value: "a\nb\u0001é" } })), 'm["a\\nb\\x01é"]');
  });
});

describe("KantoError", () => {
  it("converts a ConnectError with everything it carries", () => {
    const source = new ConnectError("nope", Code.NotFound, { "x-request-id": "r1" });
    const err = KantoError.from(source);
    assert.ok(err instanceof KantoError);
    assert.ok(err instanceof ConnectError);
    assert.equal(err.code, Code.NotFound);
    assert.equal(err.codeName, "NOT_FOUND");
    assert.equal(err.rawMessage, "nope");
    assert.equal(err.message, "[not_found] nope");
    assert.equal(err.metadata.get("x-request-id"), "r1");
    assert.deepEqual(err.fieldViolations, []);
    assert.equal(KantoError.from(err), err);
    assert.equal(ConnectError.from(err), err, "Connect passes a KantoError through unchanged");
  });

  it("is not claimed by a plain ConnectError", () => {
    assert.equal(new ConnectError("x") instanceof KantoError, false);
    assert.equal(new Error("x") instanceof KantoError, false);
  });

  it("converts other values like ConnectError.from", () => {
    const abort = new DOMException("stop", "AbortError");
    assert.equal(KantoError.from(abort).codeName, "CANCELLED");
    const plain = KantoError.from(new TypeError("boom"));
    assert.equal(plain.codeName, "UNKNOWN");
    assert.ok(plain.cause instanceof TypeError);
  });

  it("reads field violations from buf.validate.Violations", () => {
    const violations = create(ViolationsSchema, {
      violations: [
        { field: { elements: [{ fieldName: "pokemon" }, { fieldName: "name" }] }, ruleId: "string.min_len", message: "too short" },
        { ruleId: "get_routes.distinct_places", message: "origin and destination must differ" },
      ],
    });
    const err = KantoError.from(
      new ConnectError("invalid", Code.InvalidArgument, undefined, [{ desc: ViolationsSchema, value: violations }]),
    );
    assert.deepEqual(err.fieldViolations, [
      { field: "pokemon.name", ruleId: "string.min_len", message: "too short" },
      { field: "", ruleId: "get_routes.distinct_places", message: "origin and destination must differ" },
    ]);
  });

  it("falls back to google.rpc.BadRequest", () => {
    const w = new BinaryWriter();
    for (const [field, description, reason] of [
      ["place_ids[0]", "bad pattern", "string.pattern"],
      ["ids", "repeats", "repeated.unique"],
    ] as const) {
      const len = WireType.LengthDelimited; // LEN, the wire type of messages and strings
      w.tag(1, len).fork().tag(1, len).string(field).tag(2, len).string(description).tag(3, len).string(reason).join();
    }
    const err = new KantoError("invalid", Code.InvalidArgument, {
      details: [{ type: "google.rpc.BadRequest", value: w.finish() }],
    });
    assert.deepEqual(err.fieldViolations, [
      { field: "place_ids[0]", ruleId: "string.pattern", message: "bad pattern" },
      { field: "ids", ruleId: "repeated.unique", message: "repeats" },
    ]);
  });
});

describe("status code names", () => {
  it("round-trips the gRPC names", () => {
    assert.equal(codeName(0), "OK");
    assert.equal(codeName(Code.Canceled), "CANCELLED");
    assert.equal(codeName(Code.Unauthenticated), "UNAUTHENTICATED");
    assert.equal(codeFromName("UNAVAILABLE"), Code.Unavailable);
    assert.equal(codeFromName(4), Code.DeadlineExceeded);
    assert.throws(() => codeFromName("OK"));
    assert.throws(() => codeFromName("unavailable"));
  });
});
