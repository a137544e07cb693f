import type * as http2 from "node:http2";
import type { DescService, MessageInitShape } from "@bufbuild/protobuf";
import { createClient, type CallOptions, type Client, type Interceptor, type Transport } from "@connectrpc/connect";
import { createGrpcTransport, Http2SessionManager, type Http2SessionOptions } from "@connectrpc/connect-node";
import { ExpeditionService } from "./gen/kanto/expedition/v1/expedition_service_pb.js";
import type { Pokemon } from "./gen/kanto/pokedex/v1/pokemon_pb.js";
import { PokemonService, type ListPokemonRequestSchema } from "./gen/kanto/pokedex/v1/pokemon_service_pb.js";
import { RoutePlannerService } from "./gen/kanto/routeplanner/v1/route_planner_service_pb.js";
import { Deadline } from "./deadline.js";
import { KantoError } from "./errors.js";
import {
  createAuthInterceptor,
  createDefaultTimeoutInterceptor,
  createIdempotencyInterceptor,
  createRequestIdInterceptor,
  createRetryInterceptor,
  createUserAgentInterceptor,
  type TokenSource,
} from "./interceptors.js";
import { createCallPolicies, type ServiceConfig } from "./serviceconfig.js";
import { responseStream } from "./streams.js";

/** Where each service listens unless told otherwise (`make run`'s defaults). */
export const defaultAddresses = {
  pokedex: "127.0.0.1:50051",
  routePlanner: "127.0.0.1:50052",
  expedition: "127.0.0.1:50053",
} as const;

/** Options shared by every connection to a Kanto service. */
export interface KantoConnectionOptions {
  /**
   * The curator bearer token, sent as "authorization: Bearer <token>" (the
   * Pokédex needs it for CreatePokemon, UpdatePokemon and DeletePokemon), or a
   * function returning the current token. Default: none. A call's own
   * authorization header wins.
   */
  readonly token?: TokenSource;
  /**
   * Send an x-request-id header with every call: true for a fresh UUID, or a
   * function that makes ids. Default: false (the services then make one).
   */
  readonly requestIds?: boolean | (() => string);
  /**
   * Apply each method's default timeout from the service config when a call
   * sets no `timeoutMs`. Default: true.
   */
  readonly defaultTimeouts?: boolean;
  /**
   * Retry UNAVAILABLE failures as each method's retry policy in the service
   * config says. Default: true.
   */
  readonly retries?: boolean;
  /**
   * The gRPC service configs to take timeouts and retry policies from, keyed
   * by full service name. Default: the generated copy of
   * proto/kanto/<service>/v1/service_config.json, shared by every Kanto SDK.
   */
  readonly serviceConfigs?: Readonly<Record<string, ServiceConfig>>;
  /**
   * More interceptors, run for every attempt of a call, after the SDK's own
   * (auth, request ids, idempotency keys, default timeout, retries). A
   * User-Agent header they set is kept, in front of the SDK's `userAgent`.
   */
  readonly interceptors?: readonly Interceptor[];
  /**
   * Options of Node's http2.connect, for example `{ ca }` to trust a private
   * certificate authority for https:// addresses.
   */
  readonly nodeOptions?: http2.ClientSessionOptions | http2.SecureClientSessionOptions;
  /** HTTP/2 keepalive and idle options of the connection. */
  readonly http2SessionOptions?: Http2SessionOptions;
}

/** Options of createKantoTransport. */
export interface KantoTransportOptions extends KantoConnectionOptions {
  /**
   * The service's address: "host:port" or "http://host:port" for plaintext
   * HTTP/2, "https://host:port" for TLS.
   */
  readonly baseUrl: string;
}

/** A Transport to one Kanto service, with a way to close its connection. */
export interface KantoTransport extends Transport {
  /** The normalized address, for example "http://127.0.0.1:50051". */
  readonly baseUrl: string;
  /** Closes the HTTP/2 connection; calls in flight fail. Idempotent. */
  close(): void;
}

/**
 * createKantoTransport returns a gRPC (HTTP/2) transport to one Kanto
 * service with the SDK's interceptors: bearer token, optional request ids,
 * an idempotency key for requests with a request_id field, and the default
 * timeouts and UNAVAILABLE retries of the service config. Every call sends
 * the SDK's `userAgent` (its version and schema revision) in front of
 * Connect's own user agent token.
 *
 * An idle connection does not keep the process alive; `close` ends it at
 * once.
 */
export function createKantoTransport(options: KantoTransportOptions): KantoTransport {
  const baseUrl = normalizeBaseUrl(options.baseUrl);
  const policies = createCallPolicies(options.serviceConfigs);
  const interceptors: Interceptor[] = [];
  if (options.requestIds !== undefined && options.requestIds !== false) {
    interceptors.push(createRequestIdInterceptor(options.requestIds === true ? undefined : options.requestIds));
  }
  if (options.token !== undefined) {
    interceptors.push(createAuthInterceptor(options.token));
  }
  interceptors.push(createIdempotencyInterceptor());
  if (options.defaultTimeouts ?? true) {
    interceptors.push(createDefaultTimeoutInterceptor(policies));
  }
  if (options.retries ?? true) {
    interceptors.push(createRetryInterceptor(policies));
  }
  interceptors.push(...(options.interceptors ?? []));
  // Last, so that it sees a user agent the application's interceptors set.
  interceptors.push(createUserAgentInterceptor());
  const sessionManager = new Http2SessionManager(baseUrl, options.http2SessionOptions, options.nodeOptions);
  const transport = createGrpcTransport({ baseUrl, sessionManager, interceptors });
  return {
    baseUrl,
    unary: transport.unary.bind(transport),
    stream: transport.stream.bind(transport),
    close: () => sessionManager.abort(),
  };
}

/**
 * normalizeBaseUrl turns "host:port" into "http://host:port" and checks that
 * an address with a scheme uses http (plaintext HTTP/2) or https (TLS).
 */
export function normalizeBaseUrl(address: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(address) ? address : `http://${address}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new Error(`not a service address: ${JSON.stringify(address)} (want "host:port" or "http(s)://host:port")`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`unsupported scheme in ${JSON.stringify(address)}: use http:// (plaintext) or https:// (TLS)`);
  }
  return withScheme.replace(/\/+$/, "");
}

/** The request of listAllPokemon: a ListPokemonRequest without page token. */
export type ListAllPokemonRequest = Omit<MessageInitShape<typeof ListPokemonRequestSchema>, "pageToken" | "$typeName">;

/** A client of the Pokédex (kanto.pokedex.v1.PokemonService). */
export type PokedexClient = Client<typeof PokemonService> & {
  /**
   * listAllPokemon yields every species that matches the filter, in
   * ascending id order, reading page after page (`pageSize` per call) as the
   * loop asks for more. `options` apply to each page's call.
   */
  listAllPokemon(request?: ListAllPokemonRequest, options?: CallOptions): AsyncIterable<Pokemon>;
};

/** A client of the route planner (kanto.routeplanner.v1.RoutePlannerService). */
export type RoutePlannerClient = Client<typeof RoutePlannerService>;

/** A client of the expedition planner (kanto.expedition.v1.ExpeditionService). */
export type ExpeditionClient = Client<typeof ExpeditionService>;

/**
 * createPokedexClient returns a Pokédex client that calls through transport
 * (see createKantoTransport). Every call throws KantoError.
 */
export function createPokedexClient(transport: Transport): PokedexClient {
  const client = createServiceClient(PokemonService, transport);
  return {
    ...client,
    async *listAllPokemon(request: ListAllPokemonRequest = {}, options?: CallOptions) {
      let pageToken = "";
      do {
        const page = await client.listPokemon({ ...request, pageToken }, options);
        yield* page.pokemon;
        pageToken = page.nextPageToken;
      } while (pageToken !== "");
    },
  };
}

/** createRoutePlannerClient returns a route planner client; see createPokedexClient. */
export function createRoutePlannerClient(transport: Transport): RoutePlannerClient {
  return createServiceClient(RoutePlannerService, transport);
}

/** createExpeditionClient returns an expedition planner client; see createPokedexClient. */
export function createExpeditionClient(transport: Transport): ExpeditionClient {
  return createServiceClient(ExpeditionService, transport);
}

/** Options of createKantoClient. */
export interface KantoClientOptions extends KantoConnectionOptions {
  /** The Pokédex's address. Default: "127.0.0.1:50051". */
  readonly pokedexUrl?: string;
  /** The route planner's address. Default: "127.0.0.1:50052". */
  readonly routePlannerUrl?: string;
  /** The expedition planner's address. Default: "127.0.0.1:50053". */
  readonly expeditionUrl?: string;
}

/** Clients of every Kanto service. */
export interface KantoClient {
  readonly pokedex: PokedexClient;
  readonly routePlanner: RoutePlannerClient;
  readonly expedition: ExpeditionClient;
  /** Closes every connection; calls in flight fail. Idempotent. */
  close(): void;
}

/**
 * createKantoClient returns clients of every Kanto service, each with its
 * own connection made on its first call, and the same options.
 *
 * ```ts
 * const kanto = createKantoClient({ pokedexUrl: "127.0.0.1:50051" });
 * const { pokemon } = await kanto.pokedex.getPokemon({ id: 25 });
 * ```
 */
export function createKantoClient(options: KantoClientOptions = {}): KantoClient {
  const { pokedexUrl, routePlannerUrl, expeditionUrl, ...connection } = options;
  const transports = [
    createKantoTransport({ ...connection, baseUrl: pokedexUrl ?? defaultAddresses.pokedex }),
    createKantoTransport({ ...connection, baseUrl: routePlannerUrl ?? defaultAddresses.routePlanner }),
    createKantoTransport({ ...connection, baseUrl: expeditionUrl ?? defaultAddresses.expedition }),
  ] as const;
  return {
    pokedex: createPokedexClient(transports[0]),
    routePlanner: createRoutePlannerClient(transports[1]),
    expedition: createExpeditionClient(transports[2]),
    close() {
      for (const transport of transports) {
        transport.close();
      }
    },
  };
}

type AnyCall = (input: unknown, options?: CallOptions) => unknown;

// createServiceClient is Connect's createClient, with every error a
// KantoError and response streams that cancel their call when a loop leaves
// them early.
function createServiceClient<S extends DescService>(service: S, transport: Transport): Client<S> {
  const raw = createClient(service, transport) as unknown as Record<string, AnyCall>;
  const client: Record<string, AnyCall> = {};
  for (const method of service.methods) {
    const call = raw[method.localName];
    if (call === undefined) {
      continue;
    }
    switch (method.methodKind) {
      case "unary":
      case "client_streaming":
        client[method.localName] = async (input, options) => {
          const deadline = new Deadline(options?.timeoutMs, options?.signal);
          try {
            return await call(input, options);
          } catch (e) {
            throw KantoError.from(deadline.classify(e));
          }
        };
        break;
      case "server_streaming":
      case "bidi_streaming":
        client[method.localName] = (input, options) =>
          responseStream((opts) => call(input, opts) as AsyncIterable<unknown>, options);
        break;
    }
  }
  return client as Client<S>;
}
