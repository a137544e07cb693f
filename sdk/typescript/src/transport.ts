import type * as http2 from "node:http2";
import { isIPv4, isIPv6 } from "node:net";
import type { Interceptor, Transport } from "@connectrpc/connect";
import { createGrpcTransport, Http2SessionManager, type Http2SessionOptions } from "@connectrpc/connect-node";
import {
  createAuthInterceptor,
  createDefaultTimeoutInterceptor,
  createRequestIdInterceptor,
  createRetryInterceptor,
  createUserAgentInterceptor,
  defaultUnaryTimeoutMs,
  type TokenSource,
} from "./interceptors.js";
import { createCallPolicies, type ServiceConfig } from "./serviceconfig.js";
import type { ServiceInfo } from "./service.js";

/** Options shared by every connection to a Kanto service. */
export interface KantoConnectionOptions {
  /**
   * Plaintext HTTP/2 instead of TLS, for local servers (`make run` and
   * kanto-testenv serve plaintext on 127.0.0.1). Default: false, TLS. A
   * target written `http://host:port` asks for plaintext too, and one
   * written `https://host:port` for TLS, which contradicts `insecure: true`.
   * A bearer token travels over plaintext only to a loopback address.
   */
  readonly insecure?: boolean;
  /**
   * The bearer token, sent as "authorization: Bearer <token>" (the Pokédex
   * needs its curator token for its writes), or a function returning the
   * current token. Default: none; an empty token sends no header. A call's
   * own authorization header wins. It is sent only over TLS or to a loopback
   * address (localhost, 127.0.0.0/8, ::1): a client with a token and a
   * plaintext target elsewhere is refused when it is created.
   */
  readonly token?: TokenSource;
  /**
   * Send an x-request-id header with every call: true for a fresh UUID, or a
   * function that makes ids. Default: false (the services then make one).
   */
  readonly requestIds?: boolean | (() => string);
  /**
   * Give calls the deadlines the SDK chooses when the caller sets none: each
   * method's timeout from the service config, and defaultTimeoutMs for
   * unary calls whose method has none. Default: true.
   */
  readonly defaultTimeouts?: boolean;
  /**
   * The deadline of a unary call whose method has no timeout in the service
   * config and whose caller sets no `timeoutMs`; 0 for none. Default:
   * 30 000 ms (defaultUnaryTimeoutMs). Streams get no default deadline.
   */
  readonly defaultTimeoutMs?: number;
  /**
   * Retry failed attempts as each method's retry policy in the service
   * config says. Default: true.
   */
  readonly retries?: boolean;
  /**
   * More interceptors, run for every attempt of a call, after the SDK's own
   * (auth, request ids, deadlines, retries). A User-Agent header they set is
   * kept, in front of the SDK's `userAgent`.
   */
  readonly interceptors?: readonly Interceptor[];
  /**
   * Options of Node's http2.connect, for example `{ ca }` to trust a private
   * certificate authority.
   */
  readonly nodeOptions?: http2.ClientSessionOptions | http2.SecureClientSessionOptions;
  /**
   * HTTP/2 keepalive and idle options of the connection. Default: a PING
   * after 30 s without data on a connection with calls in flight, 10 s to
   * answer it, and none on idle connections (the servers would count those
   * as abuse).
   */
  readonly http2SessionOptions?: Http2SessionOptions;
}

/** Options of createKantoTransport. */
export interface KantoTransportOptions extends KantoConnectionOptions {
  /**
   * The service the transport is for, as its generated ServiceInfo
   * describes it (for example pokemonServiceInfo): its default target and
   * its service config.
   */
  readonly service?: ServiceInfo;
  /**
   * The service's address: "host:port" (TLS, or plaintext with `insecure`),
   * "https://host:port" (TLS) or "http://host:port" (plaintext). Default:
   * the service's default target (google.api.default_host); required
   * without a service.
   */
  readonly target?: string;
  /**
   * The gRPC service config to take deadlines and retry policies from.
   * Default: the service's own (ServiceInfo.serviceConfig), else none.
   */
  readonly serviceConfig?: ServiceConfig;
}

/** A Transport to one Kanto service, with a way to close its connection. */
export interface KantoTransport extends Transport {
  /** The target as given, for example "127.0.0.1:50051". */
  readonly target: string;
  /** The URL it connects to, for example "https://127.0.0.1:50051". */
  readonly baseUrl: string;
  /** Closes the HTTP/2 connection; calls in flight fail. Idempotent. */
  close(): void;
}

/** The keepalive every Kanto SDK uses; see KantoConnectionOptions.http2SessionOptions. */
const defaultSessionOptions: Http2SessionOptions = {
  pingIntervalMs: 30_000,
  pingTimeoutMs: 10_000,
  pingIdleConnection: false,
};

/**
 * createKantoTransport returns a gRPC (HTTP/2) transport to one Kanto
 * service, for the generated create...Client functions: TLS unless asked
 * for plaintext, the bearer token, optional request ids, the deadlines and
 * retries of the service config, and the SDK's `userAgent` (its version and
 * schema revision) in front of Connect's own user agent token.
 *
 * It throws at once on invalid options: a target that is not an address,
 * no target for a service without a default one, `insecure` with an
 * https:// target, a bearer token over plaintext to an address that is not
 * loopback, a malformed service config. It does not connect: the
 * connection is made on the first call, and an idle one does not keep the
 * process alive; `close` ends it at once.
 */
export function createKantoTransport(options: KantoTransportOptions): KantoTransport {
  const service = options.service;
  const where = service === undefined ? "" : `${service.name}: `;
  const target = options.target ?? service?.defaultTarget ?? "";
  if (target === "") {
    throw new Error(
      service === undefined
        ? "createKantoTransport needs a target, or a service with a default one"
        : `${where}no target: the schema names no default host for it; give it one in targets (or target)`,
    );
  }
  const defaultTimeoutMs = options.defaultTimeoutMs ?? defaultUnaryTimeoutMs;
  if (!(defaultTimeoutMs >= 0 && defaultTimeoutMs < Infinity)) {
    throw new Error(`${where}defaultTimeoutMs must be a number of milliseconds, 0 for none, not ${String(defaultTimeoutMs)}`);
  }
  const { baseUrl, tls, host } = resolveTarget(target, options.insecure, where);
  const tokenSet = options.token !== undefined && options.token !== "";
  if (tokenSet && !tls && !isLoopbackHost(host)) {
    throw new Error(where + tokenOverPlaintextMessage(target));
  }
  const serviceConfig = options.serviceConfig ?? service?.serviceConfig ?? {};
  const policies = createCallPolicies({ [service?.name ?? target]: serviceConfig });
  const interceptors: Interceptor[] = [];
  if (options.requestIds !== undefined && options.requestIds !== false) {
    interceptors.push(createRequestIdInterceptor(options.requestIds === true ? undefined : options.requestIds));
  }
  if (options.token !== undefined) {
    interceptors.push(createAuthInterceptor(options.token));
  }
  if (options.defaultTimeouts ?? true) {
    interceptors.push(createDefaultTimeoutInterceptor(policies, defaultTimeoutMs));
  }
  if (options.retries ?? true) {
    interceptors.push(createRetryInterceptor(policies));
  }
  interceptors.push(...(options.interceptors ?? []));
  // Last, so that it sees a user agent the application's interceptors set.
  interceptors.push(createUserAgentInterceptor());
  const sessionManager = new Http2SessionManager(
    baseUrl,
    { ...defaultSessionOptions, ...options.http2SessionOptions },
    options.nodeOptions,
  );
  const transport = createGrpcTransport({ baseUrl, sessionManager, interceptors });
  return {
    target,
    baseUrl,
    unary: transport.unary.bind(transport),
    stream: transport.stream.bind(transport),
    close: () => sessionManager.abort(),
  };
}

/**
 * tokenOverPlaintextMessage is the error every Kanto SDK reports for a
 * client with a bearer token and a plaintext target that is not loopback.
 *
 * @internal
 */
export function tokenOverPlaintextMessage(target: string): string {
  return `a bearer token is sent only over TLS or to a loopback address, and ${target} is neither`;
}

const schemeRE = /^[a-z][a-z0-9+.-]*:\/\//i;

// resolveTarget turns a target into the URL Connect dials, and says whether
// it is TLS.
function resolveTarget(
  target: string,
  insecure: boolean | undefined,
  where: string,
): { baseUrl: string; tls: boolean; host: string } {
  const explicit = schemeRE.test(target);
  let url: URL;
  try {
    url = new URL(explicit ? target : `${insecure === true ? "http" : "https"}://${target}`);
  } catch {
    throw new Error(`${where}not a target: ${JSON.stringify(target)} (want "host:port", "https://host:port" or "http://host:port")`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`${where}unsupported scheme in ${JSON.stringify(target)}: use host:port, https:// (TLS) or http:// (plaintext)`);
  }
  if (url.pathname !== "/" || url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
    throw new Error(`${where}not a target: ${JSON.stringify(target)} has more than a host and a port`);
  }
  if (explicit && url.protocol === "https:" && insecure === true) {
    throw new Error(`${where}insecure: true asks for plaintext, but the target ${target} asks for TLS`);
  }
  return { baseUrl: `${url.protocol}//${url.host}`, tls: url.protocol === "https:", host: url.hostname };
}

/**
 * isLoopback reports whether a target ("host:port", or with an http:// or
 * https:// scheme) names only this machine: "localhost", or a loopback IP
 * address (127.0.0.0/8, ::1, or 127.0.0.0/8 mapped into IPv6). A bearer
 * token travels over plaintext only to such a target. Unix sockets, which
 * the other Kanto SDKs also count, cannot be targets of this SDK.
 */
export function isLoopback(target: string): boolean {
  if (isIPv6(target)) {
    return isLoopbackHost(new URL(`http://[${target}]`).hostname);
  }
  try {
    const url = new URL(schemeRE.test(target) ? target : `http://${target}`);
    return isLoopbackHost(url.hostname);
  } catch {
    return false;
  }
}

// isLoopbackHost checks a URL's hostname, which the URL parser has
// normalized: IPv4 in dotted decimal, IPv6 compressed and in brackets.
function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  if (host === "localhost") {
    return true;
  }
  if (isIPv4(host)) {
    return host.startsWith("127.");
  }
  // ::1, and ::ffff:7f00:0 to ::ffff:7fff:ffff (127.0.0.0/8 mapped).
  return host === "::1" || /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host);
}
