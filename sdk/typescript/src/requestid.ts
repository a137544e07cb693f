import { randomUUID } from "node:crypto";

/**
 * newRequestId returns a random (version 4) UUID. The generated clients
 * fill an empty AIP-155 request_id with one before a call's first attempt,
 * so that every retry of the call carries the same id and the server
 * creates at most once; use it to choose an id yourself when you retry a
 * call by hand.
 */
export function newRequestId(): string {
  return randomUUID();
}
