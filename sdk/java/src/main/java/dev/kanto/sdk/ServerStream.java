package dev.kanto.sdk;

import io.grpc.Context;
import io.grpc.Status;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * ServerStream is the blocking side of a server-streaming call: an iterator over the messages the
 * server sends, which ends when the server completes the call and throws a {@link KantoException}
 * when it fails (or its deadline passes).
 *
 * <p>Close it (try-with-resources) when you stop reading early: that cancels the call, which
 * otherwise runs on until the server ends it or its deadline passes. It is single-use and not
 * thread-safe, except for {@link #cancel()}, which any thread may call.
 *
 * <pre>{@code
 * try (ServerStream<WatchRoutesResponse> updates = kanto.routePlanner().watchRoutes(request)) {
 *   for (WatchRoutesResponse update : updates) {
 *     System.out.println(update.getRoute().getDistanceKm());
 *   }
 * }
 * }</pre>
 *
 * @param <T> the message type
 */
public final class ServerStream<T> implements Iterator<T>, Iterable<T>, AutoCloseable {
  private final Context.CancellableContext context;
  private final Iterator<T> delegate;
  private boolean done;

  ServerStream(Context.CancellableContext context, Iterator<T> delegate) {
    this.context = context;
    this.delegate = delegate;
  }

  /**
   * Blocks until the next message, the end of the stream or an error.
   *
   * @throws KantoException if the call failed, was cancelled or ran out of time
   */
  @Override
  public boolean hasNext() {
    if (done) {
      return false;
    }
    try {
      if (delegate.hasNext()) {
        return true;
      }
    } catch (RuntimeException e) {
      finish();
      throw KantoException.from(e);
    }
    finish();
    return false;
  }

  /**
   * Returns the next message, blocking until it arrives.
   *
   * @throws NoSuchElementException if the stream has ended
   * @throws KantoException if the call failed, was cancelled or ran out of time
   */
  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException("the stream has ended");
    }
    return delegate.next();
  }

  /** Returns this stream itself, so that it can be used in a for-each loop (once). */
  @Override
  public Iterator<T> iterator() {
    return this;
  }

  /**
   * Returns the remaining messages as a sequential {@link Stream} that cancels the call when
   * closed.
   */
  public Stream<T> stream() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(this::close);
  }

  /**
   * Cancels the call. Messages the server already sent may still be read; after them, reading
   * throws a {@link KantoException} with code {@code CANCELLED}. Safe to call from any thread and
   * more than once.
   */
  public void cancel() {
    context.cancel(
        Status.CANCELLED.withDescription("cancelled by the client").asRuntimeException());
  }

  /** Cancels the call if it is still running; does nothing after the stream has ended. */
  @Override
  public void close() {
    if (!done) {
      cancel();
    }
    finish();
  }

  private void finish() {
    done = true;
    context.cancel(null); // releases the context's listeners; no-op once the call has ended
  }
}
