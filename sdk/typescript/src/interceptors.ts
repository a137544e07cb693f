import { randomUUID } from "node:crypto";
import type { Message } from "@bufbuild/protobuf";
import { Code, ConnectError, type Interceptor, type StreamResponse } from "@connectrpc/connect";
import { Deadline } from "./deadline.js";
import type { CallPolicies, RetryPolicy } from "./serviceconfig.js";
import { userAgent } from "./version.js";

/**
 * A token, or a function that returns the current one (for tokens that are
 * refreshed). An empty token sends no authorization header.
 */
export type TokenSource = string | (() => string | Promise<string>);

/**
 * createAuthInterceptor sends "authorization: Bearer <token>" with every
 * call, unless the call already carries an authorization header of its own.
 */
export function createAuthInterceptor(token: TokenSource): Interceptor {
  return (next) => async (req) => {
    if (!req.header.has("authorization")) {
      const value = typeof token === "function" ? await token() : token;
      if (value !== "") {
        req.header.set("authorization", `Bearer ${value}`);
      }
    }
    return await next(req);
  };
}

/** The header the Kanto services read a request id from and echo back. */
export const requestIdHeader = "x-request-id";

/**
 * createRequestIdInterceptor sends an x-request-id header, by default a fresh
 * UUID, with every call that has none, so a call can be found in the
 * services' logs. Retries of a call keep its id.
 */
export function createRequestIdInterceptor(generate: () => string = randomUUID): Interceptor {
  return (next) => async (req) => {
    if (!req.header.has(requestIdHeader)) {
      req.header.set(requestIdHeader, generate());
    }
    return await next(req);
  };
}

/**
 * createUserAgentInterceptor puts the SDK's user agent prefix
 * (`kanto-sdk-typescript/<version> kanto-schema/<revision>`) into the
 * User-Agent header of every call; see withUserAgentPrefix. Every transport
 * of the SDK runs it last, after the application's interceptors, so that it
 * sees the user agent they set; it runs for every attempt of a retried call
 * and adds the prefix once.
 *
 * @internal
 */
export function createUserAgentInterceptor(prefix: string = userAgent): Interceptor {
  return (next) => async (req) => {
    req.header.set("user-agent", withUserAgentPrefix(req.header.get("user-agent"), prefix));
    return await next(req);
  };
}

/**
 * withUserAgentPrefix returns the user agent `current` with `prefix` added:
 * before Connect's own token ("connect-es/<version>", which Connect sets
 * before interceptors run unless the call has a User-Agent header already),
 * after anything the application put in front of it. A user agent that
 * already holds the prefix is returned as it is.
 *
 * - "connect-es/2.2.0" → "<prefix> connect-es/2.2.0"
 * - "my-app/1.0" → "my-app/1.0 <prefix>"
 * - "my-app/1.0 connect-es/2.2.0" → "my-app/1.0 <prefix> connect-es/2.2.0"
 *
 * @internal
 */
export function withUserAgentPrefix(current: string | null, prefix: string): string {
  const tokens = (current ?? "").split(/\s+/).filter((t) => t !== "");
  const joined = tokens.join(" ");
  if (` ${joined} `.includes(` ${prefix} `)) {
    return joined;
  }
  const library = tokens.findIndex((t) => t.startsWith("connect-es/"));
  const at = library === -1 ? tokens.length : library;
  return [...tokens.slice(0, at), prefix, ...tokens.slice(at)].join(" ");
}

/**
 * The deadline of a unary call whose method has no timeout in its service
 * config, when the caller sets none: 30 seconds, in every Kanto SDK. Streams
 * get none, since some (WatchRoutes) are meant to live until the caller ends
 * them.
 */
export const defaultUnaryTimeoutMs = 30_000;

/**
 * createDefaultTimeoutInterceptor gives a call the deadline of its method's
 * call policy (the service config's `timeout`): as the call's deadline when
 * the caller set none (no `timeoutMs` call option), and in place of the
 * caller's when that is later, so a caller's deadline can only make a call
 * end earlier. A unary call whose method has no timeout, and whose caller set
 * none, gets `defaultTimeoutMs` (defaultUnaryTimeoutMs; 0 for none). A
 * caller's AbortSignal still cancels the call. The deadline is sent to the
 * server in the grpc-timeout header and covers all attempts of a retried
 * call. A call that outlives it fails with DEADLINE_EXCEEDED.
 */
export function createDefaultTimeoutInterceptor(policies: CallPolicies, defaultTimeoutMs: number = defaultUnaryTimeoutMs): Interceptor {
  return (next) => async (req) => {
    const methodMs = policies(req.service.typeName, req.method.name).timeoutMs;
    // Connect writes the caller's timeoutMs into the protocol's deadline
    // header before interceptors run, and enforces it itself.
    const callerMs = headerTimeoutMs(req.header);
    let ms: number;
    let source: string;
    if (callerMs !== undefined) {
      if (methodMs === undefined || methodMs >= callerMs) {
        return await next(req);
      }
      ms = Math.max(1, Math.ceil(methodMs));
      source = "its method's timeout (service config), which is shorter than the caller's";
    } else if (methodMs !== undefined) {
      ms = Math.max(1, Math.ceil(methodMs));
      source = "its method's timeout (service config)";
    } else if (req.method.methodKind === "unary" && defaultTimeoutMs > 0) {
      ms = Math.max(1, Math.ceil(defaultTimeoutMs));
      source = "the SDK's default timeout of unary calls";
    } else {
      return await next(req);
    }
    const controller = new AbortController();
    const onCallerAbort = () => controller.abort(req.signal.reason);
    const timer = setTimeout(
      () => controller.abort(new ConnectError(`the call exceeded its deadline of ${ms}ms, ${source}`, Code.DeadlineExceeded)),
      ms,
    );
    const cleanup = () => {
      clearTimeout(timer);
      req.signal.removeEventListener("abort", onCallerAbort);
    };
    if (req.signal.aborted) {
      onCallerAbort();
    } else {
      req.signal.addEventListener("abort", onCallerAbort, { once: true });
    }
    // Tell the server too, so it stops working on a call nobody waits for.
    if (req.header.has("connect-protocol-version")) {
      req.header.set("connect-timeout-ms", String(ms));
    } else {
      // grpc-timeout allows at most 8 digits.
      req.header.set("grpc-timeout", ms <= 99_999_999 ? `${ms}m` : `${Math.ceil(ms / 1000)}S`);
    }
    const deadline = new Deadline(ms, req.signal);
    const inner = { ...req, signal: controller.signal };
    if (!inner.stream) {
      try {
        return await next(inner);
      } catch (e) {
        throw deadline.classify(e);
      } finally {
        cleanup();
      }
    }
    let res: StreamResponse;
    try {
      res = (await next(inner)) as StreamResponse;
    } catch (e) {
      cleanup();
      throw deadline.classify(e);
    }
    return { ...res, message: onSettled(res.message, cleanup, (e) => deadline.classify(e)) };
  };
}

/**
 * createRetryInterceptor retries a failed attempt of a call whose method has
 * a retry policy, when the status code is one of the policy's retryable codes
 * (UNAVAILABLE for the Kanto services), as gRPC does (gRFC A6): at most
 * maxAttempts attempts in all, waiting a random time up to initialBackoff *
 * backoffMultiplier^(n-1), capped at maxBackoff, before retry n, or what the
 * server's grpc-retry-pushback-ms trailer asks (a negative pushback stops
 * retrying); all within the call's one deadline. A stream of any kind is
 * retried only until its first response message arrives (until then the
 * caller has seen nothing, so a retry is invisible): the requests sent until
 * then are kept, and sent again by the next attempt.
 */
export function createRetryInterceptor(
  policies: CallPolicies,
  sleep: (ms: number, signal: AbortSignal) => Promise<void> = abortableSleep,
): Interceptor {
  return (next) => async (req) => {
    const retry = policies(req.service.typeName, req.method.name).retry;
    if (retry === undefined) {
      return await next(req);
    }
    // An attempt consumes the requests it sends: keep them, so that the
    // next attempt can send them again.
    const replay = req.stream ? new Replay<Message>(req.message) : undefined;
    const attemptRequest = (): typeof req =>
      req.stream && replay !== undefined ? { ...req, message: replay.attempt() } : req;
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1) {
        req.header.set("grpc-previous-rpc-attempts", String(attempt - 1));
      }
      try {
        const res = await next(attemptRequest());
        if (!res.stream) {
          return res;
        }
        const committed = await withFirstMessage(res);
        replay?.commit();
        return committed;
      } catch (e) {
        const delay = retryDelay(e, attempt, retry);
        if (delay === undefined || req.signal.aborted) {
          await replay?.end();
          throw e;
        }
        await sleep(delay, req.signal);
      }
    }
  };
}

// A Replay shares the requests of a streaming call between its attempts:
// every message read from the caller's iterable is kept until the call is
// committed (its first response arrived), and each attempt first sends the
// kept ones, then reads on. Only the committed attempt, or the end of the
// call, ends the caller's iterable.
class Replay<T> {
  private readonly source: AsyncIterator<T>;
  private readonly kept: T[] = [];
  private committed = false;
  // pending is the read from source in progress, shared by the attempts
  // that wait for it: an abandoned attempt must not take a message from the
  // next one.
  private pending: Promise<IteratorResult<T>> | undefined;

  constructor(source: AsyncIterable<T>) {
    this.source = source[Symbol.asyncIterator]();
  }

  attempt(): AsyncIterable<T> {
    let sent = 0;
    const iterator: AsyncIterator<T> = {
      next: async () => {
        if (!this.committed && sent < this.kept.length) {
          return { done: false, value: this.kept[sent++] as T };
        }
        const result = await this.read();
        if (result.done !== true) {
          sent++;
        }
        return result;
      },
      // The end of an attempt (return), or its failure (throw, which
      // Connect uses to abort the request side), ends the caller's
      // iterable only once the call is committed to this attempt.
      return: async () => {
        if (this.committed) {
          await this.end();
        }
        return { done: true, value: undefined };
      },
      throw: async () => {
        if (this.committed) {
          await this.end();
        }
        return { done: true, value: undefined };
      },
    };
    return { [Symbol.asyncIterator]: () => iterator };
  }

  private read(): Promise<IteratorResult<T>> {
    this.pending ??= this.source.next().then((result) => {
      this.pending = undefined;
      if (result.done !== true && !this.committed) {
        this.kept.push(result.value);
      }
      return result;
    });
    return this.pending;
  }

  commit(): void {
    this.committed = true;
    this.kept.length = 0;
  }

  async end(): Promise<void> {
    await this.source.return?.();
  }
}

// withFirstMessage waits for a stream's first message (or its end), so that
// a failure before it is thrown here, where it can still be retried, and
// returns the response with that message put back in front.
async function withFirstMessage(res: StreamResponse): Promise<StreamResponse> {
  const it = res.message[Symbol.asyncIterator]();
  let pending: IteratorResult<Message> | undefined = await it.next();
  const rest: typeof it = {
    next() {
      if (pending !== undefined) {
        const result = pending;
        pending = undefined;
        return Promise.resolve(result);
      }
      return it.next();
    },
    async return(value?: unknown) {
      pending = undefined;
      return (await it.return?.(value)) ?? { done: true, value: undefined };
    },
    async throw(e?: unknown) {
      pending = undefined;
      if (it.throw !== undefined) {
        return await it.throw(e);
      }
      throw e;
    },
  };
  return { ...res, message: { [Symbol.asyncIterator]: () => rest } };
}

/**
 * headerTimeoutMs reads the deadline a call's headers carry (gRPC's
 * grpc-timeout, or Connect's connect-timeout-ms), in milliseconds, or
 * undefined if none.
 *
 * @internal
 */
export function headerTimeoutMs(header: Headers): number | undefined {
  const connect = header.get("connect-timeout-ms");
  if (connect !== null) {
    const ms = Number(connect);
    return Number.isFinite(ms) ? ms : undefined;
  }
  const grpc = header.get("grpc-timeout");
  const match = grpc === null ? null : /^(\d{1,8})([HMSmun])$/.exec(grpc);
  if (match === null) {
    return undefined;
  }
  const unitMs = { H: 3_600_000, M: 60_000, S: 1000, m: 1, u: 1e-3, n: 1e-6 }[match[2] as "H" | "M" | "S" | "m" | "u" | "n"];
  return Number(match[1]) * unitMs;
}

// retryDelay returns how long to wait before the next attempt, or undefined
// if the error is final.
function retryDelay(e: unknown, attempt: number, retry: RetryPolicy): number | undefined {
  if (!(e instanceof ConnectError) || !retry.retryableCodes.has(e.code) || attempt >= retry.maxAttempts) {
    return undefined;
  }
  const pushback = e.metadata.get("grpc-retry-pushback-ms");
  if (pushback !== null) {
    const ms = Number.parseInt(pushback, 10);
    return Number.isNaN(ms) || ms < 0 ? undefined : ms;
  }
  const cap = Math.min(retry.initialBackoffMs * retry.backoffMultiplier ** (attempt - 1), retry.maxBackoffMs);
  return Math.random() * cap;
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(ConnectError.from(signal.reason, Code.Canceled));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

// onSettled calls done once the stream has ended, failed, or was abandoned,
// and passes its errors through mapError.
function onSettled<T>(source: AsyncIterable<T>, done: () => void, mapError: (e: unknown) => unknown): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]() {
      const it = source[Symbol.asyncIterator]();
      return {
        async next() {
          try {
            const result = await it.next();
            if (result.done === true) {
              done();
            }
            return result;
          } catch (e) {
            done();
            throw mapError(e);
          }
        },
        async return(value?: unknown) {
          done();
          return (await it.return?.(value)) ?? { done: true, value: undefined };
        },
      };
    },
  };
}
