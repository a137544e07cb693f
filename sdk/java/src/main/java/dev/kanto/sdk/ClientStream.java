package dev.kanto.sdk;

import io.grpc.ClientCall;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * ClientStream is the blocking side of a client-streaming call: {@link #send} each request, then
 * {@link #closeAndReceive()} to finish sending and wait for the single response.
 *
 * <p>Close it (try-with-resources) to cancel a call you abandon. It is not thread-safe, except for
 * {@link #cancel()}.
 *
 * <pre>{@code
 * try (ClientStream<RecordTripRequest, RecordTripResponse> trip =
 *     kanto.routePlanner().recordTrip()) {
 *   trip.send(first);
 *   trip.send(second);
 *   RecordTripResponse summary = trip.closeAndReceive();
 * }
 * }</pre>
 *
 * @param <Q> the request type
 * @param <R> the response type
 */
public final class ClientStream<Q, R> implements AutoCloseable {
  private final ClientCall<Q, R> call;
  private final Consumer<Object> validator;
  private final CompletableFuture<R> response = new CompletableFuture<>();
  private final StreamObserver<Q> requests;
  private boolean halfClosed;

  ClientStream(ClientCall<Q, R> call, Consumer<Object> validator) {
    this.call = call;
    this.validator = validator;
    this.requests =
        ClientCalls.asyncClientStreamingCall(call, new ServiceClient.FutureObserver<>(response));
  }

  /**
   * Sends one request. It does not wait for the server, which may buffer.
   *
   * @throws KantoException if the call has already failed, or the request fails client-side
   *     validation (when enabled)
   * @throws IllegalStateException after {@link #closeAndReceive()}
   */
  public void send(Q request) {
    if (halfClosed) {
      throw new IllegalStateException("send after closeAndReceive");
    }
    validator.accept(request);
    if (response.isCompletedExceptionally()) {
      closeAndReceive(); // throws the call's error
    }
    requests.onNext(request);
  }

  /**
   * Tells the server that no more requests follow and blocks until its response.
   *
   * @throws KantoException if the call failed, was cancelled or ran out of time
   */
  public R closeAndReceive() {
    if (!halfClosed) {
      halfClosed = true;
      if (!response.isDone()) {
        requests.onCompleted();
      }
    }
    return await(response, this::cancel);
  }

  /** Cancels the call; a later {@link #closeAndReceive()} throws {@code CANCELLED}. */
  public void cancel() {
    call.cancel("cancelled by the client", null);
  }

  /** Cancels the call unless its response has arrived. */
  @Override
  public void close() {
    if (!response.isDone()) {
      cancel();
    }
  }

  static <T> T await(CompletableFuture<T> future, Runnable onInterrupt) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw KantoException.from(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      onInterrupt.run();
      throw new KantoException(
          Status.CANCELLED.withDescription("interrupted while waiting").withCause(e), List.of());
    }
  }
}
