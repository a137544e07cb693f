import type { DescService } from "@bufbuild/protobuf";
import type { CallOptions } from "@connectrpc/connect";
import { Deadline } from "./deadline.js";
import { KantoError } from "./errors.js";
import type { ServiceConfig } from "./serviceconfig.js";
import { responseStream } from "./streams.js";
import { createKantoTransport, type KantoConnectionOptions, type KantoTransport } from "./transport.js";

/**
 * A ServiceInfo describes one service of the schema to the runtime. The
 * generated code declares one per service (pokemonServiceInfo, ...), and
 * lists them all in `services`.
 */
export interface ServiceInfo {
  /** The service's full protobuf name, "kanto.pokedex.v1.PokemonService". */
  readonly name: string;
  /** The service's descriptor (protoc-gen-es), for Connect's clients. */
  readonly service: DescService;
  /**
   * The service's google.api.default_host from the schema: where it
   * listens unless told otherwise. Empty if the schema names none.
   */
  readonly defaultTarget: string;
  /** The service's gRPC service config: its per-method timeouts and retries. */
  readonly serviceConfig: ServiceConfig;
}

/** Options of the umbrella client, createKantoClient. */
export interface KantoClientOptions extends KantoConnectionOptions {
  /**
   * The target of every service that has none in `targets`, for example a
   * proxy that routes by service. Default: each service's default target
   * (google.api.default_host).
   */
  readonly target?: string;
  /**
   * Targets by full service name, for example
   * `{ "kanto.pokedex.v1.PokemonService": "127.0.0.1:50051" }`; they win
   * over `target`. A name that is no service of the schema is an error.
   */
  readonly targets?: Readonly<Record<string, string>>;
  /**
   * Service configs by full service name, in place of the schema's own
   * (ServiceInfo.serviceConfig). A name that is no service of the schema is
   * an error.
   */
  readonly serviceConfigs?: Readonly<Record<string, ServiceConfig>>;
}

/** The transports of the umbrella client, one per service. */
export interface Connections {
  /** The transport of a service; it throws for a service it was not made with. */
  transport(service: ServiceInfo): KantoTransport;
  /** Closes every connection. */
  close(): void;
}

/**
 * createConnections validates the umbrella client's options once and makes
 * a transport for every service, at options.targets[name], else
 * options.target, else the service's default target. It throws on the
 * first problem, naming the service.
 *
 * Called by the generated createKantoClient; not meant for applications.
 */
export function createConnections(services: readonly ServiceInfo[], options: KantoClientOptions): Connections {
  const { target, targets = {}, serviceConfigs = {}, ...connection } = options;
  const names = new Set(services.map((s) => s.name));
  for (const [option, keys] of [
    ["targets", Object.keys(targets)],
    ["serviceConfigs", Object.keys(serviceConfigs)],
  ] as const) {
    const unknown = keys.filter((k) => !names.has(k));
    if (unknown.length > 0) {
      throw new Error(`${option} names ${unknown.join(", ")}, which the schema does not define (its services: ${[...names].join(", ")})`);
    }
  }
  const transports = new Map<string, KantoTransport>();
  try {
    for (const service of services) {
      const serviceTarget = targets[service.name] ?? target;
      const serviceConfig = serviceConfigs[service.name];
      transports.set(
        service.name,
        createKantoTransport({
          ...connection,
          service,
          ...(serviceTarget === undefined ? {} : { target: serviceTarget }),
          ...(serviceConfig === undefined ? {} : { serviceConfig }),
        }),
      );
    }
  } catch (e) {
    transports.forEach((t) => t.close());
    throw e;
  }
  return {
    transport(service) {
      const t = transports.get(service.name);
      if (t === undefined) {
        throw new Error(`no transport for ${service.name}`);
      }
      return t;
    },
    close() {
      transports.forEach((t) => t.close());
    },
  };
}

/**
 * callUnary makes a unary or client-streaming call through a Connect
 * client's method, turning every error into a KantoError (and a
 * cancellation that the caller's timeoutMs explains into DEADLINE_EXCEEDED).
 *
 * Called by the generated clients; not meant for applications.
 */
export async function callUnary<Req, Res>(
  call: (request: Req, options?: CallOptions) => Promise<Res>,
  request: Req,
  options: CallOptions | undefined,
): Promise<Res> {
  const deadline = options?.timeoutMs === undefined ? undefined : new Deadline(options.timeoutMs, options.signal);
  try {
    return await call(request, options);
  } catch (e) {
    throw KantoError.from(deadline === undefined ? e : deadline.classify(e));
  }
}

/**
 * callStream makes a server-streaming or bidirectional call through a
 * Connect client's method: its responses are an async iterable whose errors
 * are KantoErrors, and leaving a `for await` loop early cancels the call.
 *
 * Called by the generated clients; not meant for applications.
 */
export function callStream<Req, Res>(
  call: (request: Req, options?: CallOptions) => AsyncIterable<Res>,
  request: Req,
  options: CallOptions | undefined,
): AsyncIterableIterator<Res> {
  return responseStream((opts) => call(request, opts), options);
}
