// @kanto/sdk: the TypeScript client SDK of the Kanto services. The runtime's
// exports are named here one by one; the generated code's (every service's
// client, the umbrella client, the service registry and every message) come
// from the generated index, so that this file names no service and a
// service added to the schema needs no edit here.

// The generated SDK: createKantoClient and KantoClient, services, and per
// service its client (PokemonClient, createPokemonClient, pokemonServiceInfo),
// and the messages, enums and service descriptors of the schema.
export * from "./gen/kanto_sdk.js";

// The SDK's version and schema revision, and the user agent every call sends.
export { version, schemaRevision, userAgent } from "./version.js";

// Options, transports and security defaults.
export { createKantoTransport, isLoopback } from "./transport.js";
export type { KantoConnectionOptions, KantoTransport, KantoTransportOptions } from "./transport.js";
export type { KantoClientOptions, ServiceInfo } from "./service.js";

// Method tables, pagination and request ids.
export type {
  MethodInfo,
  MethodKind,
  UnaryMethodInfo,
  ServerStreamMethodInfo,
  ClientStreamMethodInfo,
  BidiStreamMethodInfo,
} from "./methods.js";
export { PageTokenLoopError, pages, items } from "./pages.js";
export { newRequestId } from "./requestid.js";

// Errors.
export { KantoError, fieldPathString } from "./errors.js";
export type { FieldViolation, KantoErrorInit } from "./errors.js";
export { codeName, codeFromName } from "./codes.js";
export type { GrpcCodeName } from "./codes.js";

// Interceptors and call policy (service config).
export {
  createAuthInterceptor,
  createRequestIdInterceptor,
  createDefaultTimeoutInterceptor,
  createRetryInterceptor,
  defaultUnaryTimeoutMs,
  requestIdHeader,
} from "./interceptors.js";
export type { TokenSource } from "./interceptors.js";
export { createCallPolicies, parseDurationMs } from "./serviceconfig.js";
export type {
  CallPolicies,
  CallPolicy,
  RetryPolicy,
  ServiceConfig,
  MethodConfig,
  RetryPolicyConfig,
} from "./serviceconfig.js";

// Streaming.
export { createRequestStream } from "./streams.js";
export type { RequestStream } from "./streams.js";

// Connect and protobuf-es essentials, so that users need no direct import of
// the SDK's dependencies for everyday code.
export { Code, ConnectError } from "@connectrpc/connect";
export type { CallOptions, Interceptor, Transport } from "@connectrpc/connect";
export { create, fromJson, toJson, toJsonString } from "@bufbuild/protobuf";
export type { Message, MessageInitShape } from "@bufbuild/protobuf";
export {
  timestampDate,
  timestampFromDate,
  timestampFromMs,
  timestampMs,
  timestampNow,
  durationFromMs,
  durationMs,
} from "@bufbuild/protobuf/wkt";
export type { Duration, Timestamp } from "@bufbuild/protobuf/wkt";

// Error details (buf.validate), for reading violations by hand.
export { ViolationsSchema, ViolationSchema, FieldPathSchema } from "./gen/buf/validate/validate_pb.js";
export type { Violations, Violation, FieldPath } from "./gen/buf/validate/validate_pb.js";
