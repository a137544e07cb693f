// @kanto/sdk: the TypeScript client SDK of the Kanto services. Every export
// is named here; nothing else in src/ is public.

// The SDK's version and schema revision, and the user agent every call sends.
export { version, schemaRevision, userAgent } from "./version.js";

// Clients and transports.
export {
  createKantoClient,
  createKantoTransport,
  createPokedexClient,
  createRoutePlannerClient,
  createExpeditionClient,
  normalizeBaseUrl,
  defaultAddresses,
} from "./clients.js";
export type {
  KantoClient,
  KantoClientOptions,
  KantoConnectionOptions,
  KantoTransport,
  KantoTransportOptions,
  PokedexClient,
  RoutePlannerClient,
  ExpeditionClient,
  ListAllPokemonRequest,
} from "./clients.js";

// Errors.
export { KantoError, fieldPathString } from "./errors.js";
export type { FieldViolation, KantoErrorInit } from "./errors.js";
export { codeName, codeFromName } from "./codes.js";
export type { GrpcCodeName } from "./codes.js";

// Interceptors and call policy (service config).
export {
  createAuthInterceptor,
  createRequestIdInterceptor,
  createIdempotencyInterceptor,
  createDefaultTimeoutInterceptor,
  createRetryInterceptor,
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
export { serviceConfigs } from "./gen/kanto/serviceconfig.js";

// Streaming.
export { createRequestStream } from "./streams.js";
export type { RequestStream } from "./streams.js";

// Connect and protobuf-es essentials, so that users need no direct import of
// the SDK's dependencies for everyday code.
export { Code, ConnectError } from "@connectrpc/connect";
export type { CallOptions, Interceptor, Transport } from "@connectrpc/connect";
export { create, fromJson, toJson, toJsonString } from "@bufbuild/protobuf";
export type { MessageInitShape } from "@bufbuild/protobuf";
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

// Generated schema: kanto.geo.v1.
export { LocationSchema, PlaceRefSchema } from "./gen/kanto/geo/v1/geo_pb.js";
export type { Location, PlaceRef } from "./gen/kanto/geo/v1/geo_pb.js";

// Generated schema: kanto.pokedex.v1.
export {
  BaseStatsSchema,
  PokemonSchema,
  EncounterSchema,
  Rarity,
  RaritySchema,
  PokemonType,
  PokemonTypeSchema,
} from "./gen/kanto/pokedex/v1/pokemon_pb.js";
export type { BaseStats, Pokemon, Encounter } from "./gen/kanto/pokedex/v1/pokemon_pb.js";
export {
  PokemonService,
  GetPokemonRequestSchema,
  GetPokemonResponseSchema,
  ListPokemonRequestSchema,
  ListPokemonResponseSchema,
  BatchGetPokemonRequestSchema,
  BatchGetPokemonResponseSchema,
  CreatePokemonRequestSchema,
  CreatePokemonResponseSchema,
  UpdatePokemonRequestSchema,
  UpdatePokemonResponseSchema,
  DeletePokemonRequestSchema,
  DeletePokemonResponseSchema,
  ListEncountersRequestSchema,
  ListEncountersResponseSchema,
} from "./gen/kanto/pokedex/v1/pokemon_service_pb.js";
export type {
  GetPokemonRequest,
  GetPokemonResponse,
  ListPokemonRequest,
  ListPokemonResponse,
  BatchGetPokemonRequest,
  BatchGetPokemonResponse,
  CreatePokemonRequest,
  CreatePokemonResponse,
  UpdatePokemonRequest,
  UpdatePokemonResponse,
  DeletePokemonRequest,
  DeletePokemonResponse,
  ListEncountersRequest,
  ListEncountersResponse,
} from "./gen/kanto/pokedex/v1/pokemon_service_pb.js";

// Generated schema: kanto.routeplanner.v1.
export {
  RoutePlannerService,
  WaypointSchema,
  RouteSchema,
  GetRoutesRequestSchema,
  GetRoutesResponseSchema,
  WatchRoutesRequestSchema,
  WatchRoutesResponseSchema,
  ConditionSchema,
  RecordTripRequestSchema,
  RecordTripResponseSchema,
  NavigateRequestSchema,
  NavigateResponseSchema,
} from "./gen/kanto/routeplanner/v1/route_planner_service_pb.js";
export type {
  Waypoint,
  Route,
  GetRoutesRequest,
  GetRoutesResponse,
  WatchRoutesRequest,
  WatchRoutesResponse,
  Condition,
  RecordTripRequest,
  RecordTripResponse,
  NavigateRequest,
  NavigateResponse,
} from "./gen/kanto/routeplanner/v1/route_planner_service_pb.js";

// Generated schema: kanto.expedition.v1.
export {
  ExpeditionService,
  PlanExpeditionRequestSchema,
  PlanExpeditionResponseSchema,
  ExpeditionPlanSchema,
  StreamExpeditionRequestSchema,
  StreamExpeditionResponseSchema,
} from "./gen/kanto/expedition/v1/expedition_service_pb.js";
export type {
  PlanExpeditionRequest,
  PlanExpeditionResponse,
  ExpeditionPlan,
  StreamExpeditionRequest,
  StreamExpeditionResponse,
} from "./gen/kanto/expedition/v1/expedition_service_pb.js";

// Error details (buf.validate), for reading violations by hand.
export { ViolationsSchema, ViolationSchema, FieldPathSchema } from "./gen/buf/validate/validate_pb.js";
export type { Violations, Violation, FieldPath } from "./gen/buf/validate/validate_pb.js";
