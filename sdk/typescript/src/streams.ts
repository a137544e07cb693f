import { Code, ConnectError, type CallOptions } from "@connectrpc/connect";
import { Deadline } from "./deadline.js";
import { KantoError } from "./errors.js";

/**
 * A RequestStream is the request side of a client-streaming or bidirectional
 * call: pass it as the call's request iterable, then `send` messages while the
 * call runs and `close` it when done. It is what a bidirectional call such as
 * Navigate needs to send a request after reading a response.
 */
export interface RequestStream<T> extends AsyncIterable<T> {
  /** Queues a message; throws if the stream was closed. */
  send(message: T): void;
  /** Ends the stream: the server sees the end of the requests. */
  close(): void;
  /** True once close was called or the call stopped reading. */
  readonly closed: boolean;
}

/**
 * createRequestStream returns an empty RequestStream, for one call.
 */
export function createRequestStream<T>(): RequestStream<T> {
  const queue: T[] = [];
  let closed = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const end = async (): Promise<IteratorResult<T>> => {
    closed = true;
    queue.length = 0;
    notify();
    return { done: true, value: undefined };
  };
  const iterator: AsyncIterator<T> = {
    async next() {
      for (;;) {
        if (queue.length > 0) {
          return { done: false, value: queue.shift() as T };
        }
        if (closed) {
          return { done: true, value: undefined };
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    },
    return: end,
    throw: end,
  };
  return {
    send(message) {
      if (closed) {
        throw new Error("send on a closed RequestStream");
      }
      queue.push(message);
      notify();
    },
    close() {
      closed = true;
      notify();
    },
    get closed() {
      return closed;
    },
    // Connect asks for the iterator again to end it when the call ends:
    // always hand out the same one.
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
}

/**
 * responseStream wraps the response iterable of a server-streaming or
 * bidirectional call so that errors are KantoErrors and leaving a
 * `for await` loop early (break, return, throw) cancels the call instead of
 * leaving it running. The call starts at once, as Connect's does.
 */
export function responseStream<T>(
  start: (options: CallOptions) => AsyncIterable<T>,
  options: CallOptions | undefined,
): AsyncIterableIterator<T> {
  const controller = new AbortController();
  const callerSignal = options?.signal;
  const deadline = new Deadline(options?.timeoutMs, callerSignal);
  const onCallerAbort = () => controller.abort(callerSignal?.reason);
  if (callerSignal?.aborted === true) {
    onCallerAbort();
  } else {
    callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
  }
  const source = start({ ...options, signal: controller.signal })[Symbol.asyncIterator]();
  let finished = false;
  const finish = () => {
    finished = true;
    callerSignal?.removeEventListener("abort", onCallerAbort);
  };
  const iterator: AsyncIterableIterator<T> = {
    async next() {
      if (finished) {
        return { done: true, value: undefined };
      }
      try {
        const result = await source.next();
        if (result.done === true) {
          finish();
        }
        return result;
      } catch (e) {
        finish();
        throw KantoError.from(deadline.classify(e));
      }
    },
    async return() {
      if (!finished) {
        finish();
        controller.abort(new ConnectError("the client stopped reading the stream", Code.Canceled));
        // Connect notices the cancellation on the next read, and only then
        // releases the call: its deadline timer, which would keep the
        // process alive until it fires, among it. Read once more (an
        // abandoned call's failure is no unhandled rejection then).
        source.next().catch(() => undefined);
      }
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
