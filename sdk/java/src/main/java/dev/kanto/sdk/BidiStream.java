package dev.kanto.sdk;

import io.grpc.ClientCall;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * BidiStream is the blocking side of a bidirectional-streaming call: {@link #send} requests and
 * {@link #receive()} responses in any interleaving, then {@link #closeSend()}.
 *
 * <p>Responses are requested from the server one at a time, as {@code receive} is called, so a slow
 * reader slows the server down instead of filling memory. Close it (try-with-resources) to cancel a
 * call you abandon. It is not thread-safe, except for {@link #cancel()}; one thread may send while
 * another receives.
 *
 * <pre>{@code
 * try (BidiStream<NavigateRequest, NavigateResponse> nav = kanto.routePlanner().navigate()) {
 *   nav.send(request);
 *   NavigateResponse step = nav.receive();
 *   nav.closeSend();
 * }
 * }</pre>
 *
 * @param <Q> the request type
 * @param <R> the response type
 */
public final class BidiStream<Q, R> implements AutoCloseable {
  private static final Object END = new Object();

  private final ClientCall<Q, R> call;
  private final Consumer<Object> validator;
  private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
  // requests is used under its own lock: send and closeSend may run on one thread while
  // receive asks the server for the next message on another.
  private final ClientCallStreamObserver<Q> requests;
  private volatile boolean cancelled;
  private boolean halfClosed;
  private Object terminal; // END or the KantoException, once received

  @SuppressWarnings("unchecked")
  BidiStream(ClientCall<Q, R> call, Consumer<Object> validator) {
    this.call = call;
    this.validator = validator;
    this.requests =
        (ClientCallStreamObserver<Q>)
            ClientCalls.asyncBidiStreamingCall(
                call,
                new ClientResponseObserver<Q, R>() {
                  @Override
                  public void beforeStart(ClientCallStreamObserver<Q> requestStream) {
                    requestStream.disableAutoRequestWithInitial(1);
                  }

                  @Override
                  public void onNext(R value) {
                    events.add(value);
                  }

                  @Override
                  public void onError(Throwable t) {
                    events.add(KantoException.from(t));
                  }

                  @Override
                  public void onCompleted() {
                    events.add(END);
                  }
                });
  }

  /**
   * Sends one request without waiting for the server.
   *
   * @throws KantoException with code {@code CANCELLED} after {@link #cancel()}, or if the request
   *     fails client-side validation (when enabled)
   * @throws IllegalStateException after {@link #closeSend()}
   */
  public void send(Q request) {
    if (halfClosed) {
      throw new IllegalStateException("send after closeSend");
    }
    if (cancelled) {
      throw cancelledException();
    }
    validator.accept(request);
    synchronized (requests) {
      requests.onNext(request);
    }
  }

  /** Tells the server that no more requests follow; responses can still be received. */
  public void closeSend() {
    if (!halfClosed && !cancelled) {
      halfClosed = true;
      synchronized (requests) {
        requests.onCompleted();
      }
    }
  }

  /**
   * Blocks until the next response and returns it, or returns {@code null} once the server has
   * completed the call.
   *
   * @throws KantoException if the call failed, was cancelled or ran out of time
   */
  public R receive() {
    if (terminal == null) {
      Object event;
      try {
        event = events.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        cancel();
        throw new KantoException(
            Status.CANCELLED.withDescription("interrupted while waiting").withCause(e), List.of());
      }
      if (event != END && !(event instanceof KantoException)) {
        synchronized (requests) {
          requests.request(1);
        }
        @SuppressWarnings("unchecked")
        R response = (R) event;
        return response;
      }
      terminal = event;
    }
    if (terminal instanceof KantoException e) {
      throw e;
    }
    return null;
  }

  /**
   * Cancels the call. Responses already received may still be read; after them {@link #receive()}
   * throws a {@link KantoException} with code {@code CANCELLED}.
   */
  public void cancel() {
    cancelled = true;
    call.cancel("cancelled by the client", null);
  }

  /** Cancels the call unless the server has already ended it. */
  @Override
  public void close() {
    if (terminal == null) {
      call.cancel("closed by the client", null); // a no-op once the call has ended
    }
  }

  private static KantoException cancelledException() {
    return new KantoException(
        Status.CANCELLED.withDescription("cancelled by the client"), List.of());
  }
}
