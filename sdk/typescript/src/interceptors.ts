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
 * createIdempotencyInterceptor fills an empty `request_id` field of a unary
 * request (CreatePokemon's, for example) with a fresh UUID. The services
 * answer a repeated request_id with the first result, so this is what makes
 * retrying such a call safe; it runs before the retry interceptor, so every
 * attempt carries the same id. The caller's message is not modified.
 */
export function createIdempotencyInterceptor(generate: () => string = randomUUID): Interceptor {
  return (next) => async (req) => {
    if (req.stream) {
      return await next(req);
    }
    const field = req.method.input.field["requestId"];
    if (field?.name !== "request_id" || field.fieldKind !== "scalar") {
      return await next(req);
    }
    const message = req.message as Record<string, unknown>;
    if (message["requestId"] !== "") {
      return await next(req);
    }
    return await next({ ...req, message: { ...req.message, requestId: generate() } as typeof req.message });
  };
}

/**
 * createDefaultTimeoutInterceptor gives a call the timeout of its method's
 * call policy when the caller set none (no `timeoutMs` call option). A
 * caller's AbortSignal still cancels the call earlier. The deadline is sent to
 * the server in the grpc-timeout header and covers all attempts of a retried
 * call. A call that outlives it fails with DEADLINE_EXCEEDED.
 */
export function createDefaultTimeoutInterceptor(policies: CallPolicies): Interceptor {
  return (next) => async (req) => {
    const timeoutMs = policies(req.service.typeName, req.method.name).timeoutMs;
    // Connect writes the caller's timeoutMs into the protocol's deadline
    // header before interceptors run: its presence means the caller chose.
    if (timeoutMs === undefined || req.header.has("grpc-timeout") || req.header.has("connect-timeout-ms")) {
      return await next(req);
    }
    const ms = Math.max(1, Math.ceil(timeoutMs));
    const controller = new AbortController();
    const onCallerAbort = () => controller.abort(req.signal.reason);
    const timer = setTimeout(
      () => controller.abort(new ConnectError(`the call exceeded its default timeout of ${ms}ms (service config)`, Code.DeadlineExceeded)),
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
 * (UNAVAILABLE for the Kanto services), as gRPC does: at most maxAttempts
 * attempts in all, waiting a random time up to initialBackoff *
 * backoffMultiplier^(n-1), capped at maxBackoff, before retry n, or what the
 * server's grpc-retry-pushback-ms trailer asks (a negative pushback stops
 * retrying). Unary and server-streaming calls are retried; a server stream
 * only until its first response message arrived (until then the caller has
 * seen nothing, so a retry is invisible). Client and bidirectional streams
 * are not retried, since their requests cannot be replayed.
 */
export function createRetryInterceptor(
  policies: CallPolicies,
  sleep: (ms: number, signal: AbortSignal) => Promise<void> = abortableSleep,
): Interceptor {
  return (next) => async (req) => {
    const retry = policies(req.service.typeName, req.method.name).retry;
    if (retry === undefined || (req.stream && req.method.methodKind !== "server_streaming")) {
      return await next(req);
    }
    // A server stream's single request is consumed by the first attempt:
    // buffer it so every attempt can send it.
    let attemptRequest = () => req;
    if (req.stream) {
      const messages: Message[] = [];
      for await (const message of req.message) {
        messages.push(message);
      }
      attemptRequest = () => ({ ...req, message: iterate(messages) });
    }
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1) {
        req.header.set("grpc-previous-rpc-attempts", String(attempt - 1));
      }
      try {
        const res = await next(attemptRequest());
        return res.stream ? await withFirstMessage(res) : res;
      } catch (e) {
        const delay = retryDelay(e, attempt, retry);
        if (delay === undefined || req.signal.aborted) {
          throw e;
        }
        await sleep(delay, req.signal);
      }
    }
  };
}

// withFirstMessage waits for a stream's first message (or its end), so that
// a failure before it is thrown here, where it can still be retried, and
// returns the response with that message put back in front.
async function withFirstMessage(res: StreamResponse): Promise<StreamResponse> {
  const it = res.message[Symbol.asyncIterator]();
  const first = await it.next();
  let pending: IteratorResult<Message> | undefined = first;
  const rest: AsyncIterator<Message> = {
    next() {
      if (pending !== undefined) {
        const result = pending;
        pending = undefined;
        return Promise.resolve(result);
      }
      return it.next();
    },
  };
  return { ...res, message: { [Symbol.asyncIterator]: () => rest } };
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

async function* iterate<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
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
