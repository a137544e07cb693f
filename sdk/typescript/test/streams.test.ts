// RequestStream, the request side of client and bidirectional streams.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createRequestStream } from "../src/index.js";

describe("createRequestStream", () => {
  it("yields what is sent, in order, until closed", async () => {
    const stream = createRequestStream<number>();
    stream.send(1);
    const got: number[] = [];
    const done = (async () => {
      for await (const n of stream) {
        got.push(n);
      }
    })();
    await Promise.resolve();
    stream.send(2);
    stream.send(3);
    stream.close();
    await done;
    assert.deepEqual(got, [1, 2, 3]);
    assert.equal(stream.closed, true);
    assert.throws(() => stream.send(4), /closed/);
  });

  it("ends when the reader stops", async () => {
    const stream = createRequestStream<number>();
    stream.send(1);
    for await (const _ of stream) {
      break;
    }
    assert.equal(stream.closed, true);
  });
});
