import { Code } from "@connectrpc/connect";

// gRPC status code names, indexed by code number. Connect's Code enum uses
// the same numbers, so the names round-trip with the service config files
// and the conformance vectors, which both spell codes the gRPC way.
const grpcCodeNames = [
  "OK",
  "CANCELLED",
  "UNKNOWN",
  "INVALID_ARGUMENT",
  "DEADLINE_EXCEEDED",
  "NOT_FOUND",
  "ALREADY_EXISTS",
  "PERMISSION_DENIED",
  "RESOURCE_EXHAUSTED",
  "FAILED_PRECONDITION",
  "ABORTED",
  "OUT_OF_RANGE",
  "UNIMPLEMENTED",
  "INTERNAL",
  "UNAVAILABLE",
  "DATA_LOSS",
  "UNAUTHENTICATED",
] as const;

/** The gRPC name of a status code, for example "NOT_FOUND"; 0 is "OK". */
export type GrpcCodeName = (typeof grpcCodeNames)[number];

/**
 * codeName returns the gRPC name of a status code, for example
 * `codeName(Code.NotFound)` is "NOT_FOUND" and `codeName(0)` is "OK".
 * Unknown numbers give "UNKNOWN".
 */
export function codeName(code: Code | 0): GrpcCodeName {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- a number from the wire may be no Code at all
  return grpcCodeNames[code] ?? "UNKNOWN";
}

/**
 * codeFromName parses a gRPC status code name ("UNAVAILABLE") or number (14)
 * as a service config file spells it. It throws on anything else, and on
 * "OK", which is not an error code.
 */
export function codeFromName(name: string | number): Code {
  const index = typeof name === "number" ? name : grpcCodeNames.indexOf(name as GrpcCodeName);
  if (!Number.isInteger(index) || index < 1 || index >= grpcCodeNames.length) {
    throw new Error(`not a gRPC error code: ${JSON.stringify(name)}`);
  }
  // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- checked above to be one of Code's numbers
  return index;
}
