import { Code, ConnectError } from "@connectrpc/connect";

/**
 * A Deadline remembers when a call with a timeout started, to tell a call
 * that ran out of time from one that was cancelled.
 *
 * The server enforces the same deadline (it gets it in grpc-timeout) and may
 * reset the HTTP/2 stream when it expires, which Node reports as CANCELLED;
 * if that reset wins the race against the client's own timer (a busy event
 * loop runs timers late), the call would fail with CANCELLED although its
 * deadline passed. gRPC reports DEADLINE_EXCEEDED then, and so does the SDK.
 */
export class Deadline {
  private readonly startedAt = performance.now();

  constructor(
    private readonly timeoutMs: number | undefined,
    private readonly callerSignal: AbortSignal | undefined,
  ) {}

  /** classify returns err, or DEADLINE_EXCEEDED if err is a CANCELLED that the deadline explains. */
  classify(err: unknown): unknown {
    if (
      this.timeoutMs === undefined ||
      this.timeoutMs <= 0 ||
      this.callerSignal?.aborted === true ||
      !(err instanceof ConnectError) ||
      err.code !== Code.Canceled ||
      performance.now() - this.startedAt < this.timeoutMs
    ) {
      return err;
    }
    return new ConnectError(
      `the call's deadline of ${this.timeoutMs}ms passed (${err.rawMessage})`,
      Code.DeadlineExceeded,
      err.metadata,
      undefined,
      err,
    );
  }
}
