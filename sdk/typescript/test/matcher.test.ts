// The conformance matchers themselves.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { match } from "./matcher.js";

describe("match", () => {
  it("matches objects by the matcher's keys only", () => {
    assert.deepEqual(match({ a: 1, b: "x", c: true }, { a: 1, b: "x" }), []);
    assert.equal(match({ a: 1 }, { a: 2 }).length, 1);
    assert.equal(match({ a: 1 }, { z: 1 }).length, 1);
  });

  it("matches arrays element by element, of the same length", () => {
    assert.deepEqual(match([{ id: 1, n: "a" }, { id: 2 }], [{ id: 1 }, { id: 2 }]), []);
    assert.equal(match([1, 2, 3], [1, 2]).length, 1);
  });

  it("supports $contains, $size and $nonEmpty", () => {
    assert.deepEqual(match([{ id: 3 }, { id: 1 }], { $contains: [{ id: 1 }] }), []);
    assert.equal(match([{ id: 3 }], { $contains: [{ id: 1 }] }).length, 1);
    assert.deepEqual(match([1, 2], { $size: 2 }), []);
    assert.equal(match([1], { $size: 2 }).length, 1);
    assert.deepEqual(match("x", { $nonEmpty: true }), []);
    assert.deepEqual(match([0], { $nonEmpty: true }), []);
    assert.equal(match("", { $nonEmpty: true }).length, 1);
    assert.equal(match([], { $nonEmpty: true }).length, 1);
    assert.equal(match(undefined, { $nonEmpty: true }).length, 1);
  });

  it("compares numbers within a relative 1e-9", () => {
    assert.deepEqual(match(0.1 + 0.2, 0.3), []);
    assert.deepEqual(match("9007199254740993", 9007199254740992), [], "int64 JSON strings compare as numbers");
    assert.equal(match(1.001, 1).length, 1);
    assert.equal(match("1", "01").length, 1);
  });
});
