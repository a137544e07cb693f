// The runtime the generated clients (src/gen/**/*_kanto.ts and
// src/gen/kanto_sdk.ts) import, from this one module, so that what the
// generator relies on is in one place. protoc-gen-kanto's ts_runtime
// parameter points here. Applications import from the package's index.
export { createClient as createStub } from "@connectrpc/connect";
export type { CallOptions, Transport } from "@connectrpc/connect";
export type { MessageInitShape } from "@bufbuild/protobuf";
export { callStream, callUnary, createConnections } from "./service.js";
export type { KantoClientOptions, ServiceInfo } from "./service.js";
export { bidiStreamMethod, clientStreamMethod, serverStreamMethod, unaryMethod } from "./methods.js";
export type { MethodInfo } from "./methods.js";
export { items, pages } from "./pages.js";
export { newRequestId } from "./requestid.js";
