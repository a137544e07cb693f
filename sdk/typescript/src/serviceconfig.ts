import type { Code } from "@connectrpc/connect";
import { codeFromName } from "./codes.js";

/**
 * A gRPC service config, as in a package's service_config.json
 * (https://github.com/grpc/grpc/blob/master/doc/service_config.md). The
 * generated ServiceInfo of every service embeds its own. Only the parts the
 * SDK applies are typed, per-method timeouts and retry policies; other keys
 * are allowed and ignored.
 */
export interface ServiceConfig {
  readonly methodConfig?: readonly MethodConfig[];
  readonly [key: string]: unknown;
}

/** One methodConfig entry of a gRPC service config. */
export interface MethodConfig {
  readonly name?: readonly { readonly service?: string; readonly method?: string }[];
  /** A protobuf JSON duration, for example "5s" or "0.25s". */
  readonly timeout?: string;
  readonly retryPolicy?: RetryPolicyConfig;
  readonly [key: string]: unknown;
}

/** A retryPolicy of a gRPC service config. */
export interface RetryPolicyConfig {
  readonly maxAttempts: number;
  readonly initialBackoff: string;
  readonly maxBackoff: string;
  readonly backoffMultiplier: number;
  readonly retryableStatusCodes: readonly (string | number)[];
  readonly [key: string]: unknown;
}

/** The call policy of one method: its default deadline and retry policy. */
export interface CallPolicy {
  /** The default deadline in milliseconds; undefined means none. */
  readonly timeoutMs?: number;
  /** How to retry failed attempts; undefined means no retries. */
  readonly retry?: RetryPolicy;
}

/** A parsed retry policy, in milliseconds. */
export interface RetryPolicy {
  /** Attempts in all, the first one included: 2 to 5. */
  readonly maxAttempts: number;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
  readonly backoffMultiplier: number;
  readonly retryableCodes: ReadonlySet<Code>;
}

/**
 * A CallPolicies looks up the call policy of a method by the full name of its
 * service ("kanto.pokedex.v1.PokemonService") and the method's name
 * ("GetPokemon").
 */
export type CallPolicies = (service: string, method: string) => CallPolicy;

// gRPC caps maxAttempts at 5 whatever the config says; so do we, so that
// every SDK applies the same file the same way.
const maxAttemptsCap = 5;

/**
 * createCallPolicies parses gRPC service configs into a lookup of per-method
 * call policies, following gRPC's precedence: an entry naming the service and
 * the method, else one naming only the service, else one naming neither.
 *
 * `configs` are keyed by any name, which only error messages use; the
 * transports of the SDK pass the one config of their service, from its
 * generated ServiceInfo. It throws if a config is malformed, at construction
 * rather than at the first call.
 */
export function createCallPolicies(configs: Readonly<Record<string, ServiceConfig>>): CallPolicies {
  const byName = new Map<string, CallPolicy>();
  for (const [key, config] of Object.entries(configs)) {
    for (const methodConfig of config.methodConfig ?? []) {
      const policy = parseMethodConfig(methodConfig, key);
      for (const name of methodConfig.name ?? [{}]) {
        const service = name.service ?? "";
        const method = name.method ?? "";
        if (method !== "" && service === "") {
          throw new Error(`service config ${key}: a name with a method must name its service`);
        }
        const id = `${service}/${method}`;
        if (byName.has(id)) {
          throw new Error(`service config ${key}: ${id} is configured twice`);
        }
        byName.set(id, policy);
      }
    }
  }
  return (service, method) =>
    byName.get(`${service}/${method}`) ?? byName.get(`${service}/`) ?? byName.get("/") ?? {};
}

function parseMethodConfig(config: MethodConfig, key: string): CallPolicy {
  const where = `service config ${key}`;
  const policy: { timeoutMs?: number; retry?: RetryPolicy } = {};
  if (config.timeout !== undefined) {
    policy.timeoutMs = parseDurationMs(config.timeout, `${where}: timeout`);
  }
  const retry = config.retryPolicy;
  if (retry !== undefined) {
    if (!Number.isInteger(retry.maxAttempts) || retry.maxAttempts < 2) {
      throw new Error(`${where}: retryPolicy.maxAttempts must be an integer of at least 2`);
    }
    if (!(retry.backoffMultiplier > 0)) {
      throw new Error(`${where}: retryPolicy.backoffMultiplier must be above 0`);
    }
    if (retry.retryableStatusCodes.length === 0) {
      throw new Error(`${where}: retryPolicy.retryableStatusCodes must not be empty`);
    }
    policy.retry = {
      maxAttempts: Math.min(retry.maxAttempts, maxAttemptsCap),
      initialBackoffMs: parseDurationMs(retry.initialBackoff, `${where}: retryPolicy.initialBackoff`),
      maxBackoffMs: parseDurationMs(retry.maxBackoff, `${where}: retryPolicy.maxBackoff`),
      backoffMultiplier: retry.backoffMultiplier,
      retryableCodes: new Set(retry.retryableStatusCodes.map(codeFromName)),
    };
  }
  return policy;
}

/**
 * parseDurationMs parses a protobuf JSON duration with a positive value, for
 * example "5s" or "0.1s", into milliseconds.
 */
export function parseDurationMs(duration: string, what = "duration"): number {
  const match = /^(\d+)(\.\d{1,9})?s$/.exec(duration);
  if (match === null) {
    throw new Error(`${what}: ${JSON.stringify(duration)} is not a duration like "1.5s"`);
  }
  const ms = Number(`${match[1]}${match[2] ?? ""}`) * 1000;
  if (!(ms > 0)) {
    throw new Error(`${what}: ${JSON.stringify(duration)} must be positive`);
  }
  return ms;
}
