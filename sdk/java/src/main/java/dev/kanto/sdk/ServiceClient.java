package dev.kanto.sdk;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * ServiceClient is what the typed clients of every service share: per-call settings and the four
 * call shapes. Clients are immutable and thread-safe; the {@code with...} methods return a changed
 * copy that shares the connection, so deriving a client per call is cheap.
 *
 * @param <C> the concrete client type, returned by the {@code with...} methods
 */
public abstract sealed class ServiceClient<C extends ServiceClient<C>>
    permits PokedexClient, RoutePlannerClient, ExpeditionClient {

  /** The state a client and its copies share or replace. */
  record State(Channel channel, Duration timeout, RequestValidator validator) {}

  final State state;

  ServiceClient(State state) {
    this.state = state;
  }

  abstract C copy(State state);

  /**
   * Returns a copy whose calls each get a deadline {@code timeout} after they start. Without it,
   * the client's default timeout applies (see {@link KantoClient.Builder#defaultTimeout}), and the
   * service config's per-method timeout always caps it: gRPC uses the earlier deadline.
   */
  public C withTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    return copy(new State(state.channel(), timeout, state.validator()));
  }

  /**
   * Returns a copy that sends the ASCII metadata entry {@code key: value} with every call; use
   * {@link #withHeaders} for binary ({@code -bin}) entries.
   */
  public C withHeader(String key, String value) {
    Metadata md = new Metadata();
    md.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value);
    return withHeaders(md);
  }

  /**
   * Returns a copy that sends {@code headers} with every call. An {@code authorization} header set
   * here wins over the client's bearer token.
   */
  public C withHeaders(Metadata headers) {
    Metadata copy = new Metadata();
    copy.merge(headers); // later changes to the caller's Metadata do not leak into this client
    return withInterceptors(MetadataUtils.newAttachHeadersInterceptor(copy));
  }

  /** Returns a copy whose calls also go through {@code interceptors}. */
  public C withInterceptors(ClientInterceptor... interceptors) {
    return copy(
        new State(
            ClientInterceptors.intercept(state.channel(), interceptors),
            state.timeout(),
            state.validator()));
  }

  /** Returns the call options of a call starting now. */
  CallOptions callOptions() {
    CallOptions options = CallOptions.DEFAULT;
    if (state.timeout() != null) {
      options = options.withDeadlineAfter(state.timeout().toNanos(), TimeUnit.NANOSECONDS);
    }
    return options;
  }

  void validate(Object request) {
    if (state.validator() != null) {
      state.validator().check(request);
    }
  }

  <Q, R> R unary(MethodDescriptor<Q, R> method, Q request) {
    validate(request);
    try {
      return ClientCalls.blockingUnaryCall(state.channel(), method, callOptions(), request);
    } catch (RuntimeException e) {
      throw KantoException.from(e);
    }
  }

  <Q, R> CompletableFuture<R> unaryAsync(MethodDescriptor<Q, R> method, Q request) {
    try {
      validate(request);
    } catch (KantoException e) {
      return CompletableFuture.failedFuture(e);
    }
    ClientCall<Q, R> call = state.channel().newCall(method, callOptions());
    CallFuture<R> future = new CallFuture<>(call);
    try {
      ClientCalls.asyncUnaryCall(call, request, new FutureObserver<>(future));
    } catch (RuntimeException e) {
      future.completeExceptionally(KantoException.from(e));
    }
    return future;
  }

  <Q, R> ServerStream<R> serverStream(MethodDescriptor<Q, R> method, Q request) {
    validate(request);
    Context.CancellableContext context = Context.current().withCancellation();
    Context previous = context.attach();
    try {
      Iterator<R> it =
          ClientCalls.blockingServerStreamingCall(state.channel(), method, callOptions(), request);
      return new ServerStream<>(context, it);
    } catch (RuntimeException e) {
      context.cancel(null);
      throw KantoException.from(e);
    } finally {
      context.detach(previous);
    }
  }

  <Q, R> void serverStreamAsync(
      MethodDescriptor<Q, R> method, Q request, StreamObserver<R> observer) {
    try {
      validate(request);
    } catch (KantoException e) {
      observer.onError(e);
      return;
    }
    ClientCall<Q, R> call = state.channel().newCall(method, callOptions());
    try {
      ClientCalls.asyncServerStreamingCall(call, request, new ErrorMappingObserver<>(observer));
    } catch (RuntimeException e) {
      observer.onError(KantoException.from(e));
    }
  }

  <Q, R> ClientStream<Q, R> clientStream(MethodDescriptor<Q, R> method) {
    return new ClientStream<>(state.channel().newCall(method, callOptions()), this::validate);
  }

  <Q, R> StreamObserver<Q> clientStreamAsync(
      MethodDescriptor<Q, R> method, StreamObserver<R> observer) {
    ClientCall<Q, R> call = state.channel().newCall(method, callOptions());
    return new ValidatingObserver<>(
        ClientCalls.asyncClientStreamingCall(call, new ErrorMappingObserver<>(observer)), call);
  }

  <Q, R> BidiStream<Q, R> bidiStream(MethodDescriptor<Q, R> method) {
    return new BidiStream<>(state.channel().newCall(method, callOptions()), this::validate);
  }

  <Q, R> StreamObserver<Q> bidiStreamAsync(
      MethodDescriptor<Q, R> method, StreamObserver<R> observer) {
    ClientCall<Q, R> call = state.channel().newCall(method, callOptions());
    return new ValidatingObserver<>(
        ClientCalls.asyncBidiStreamingCall(call, new ErrorMappingObserver<>(observer)), call);
  }

  /** Completes a future with a unary call's response, or its error as a KantoException. */
  static final class FutureObserver<R> implements StreamObserver<R> {
    private final CompletableFuture<R> future;
    private R value;

    FutureObserver(CompletableFuture<R> future) {
      this.future = future;
    }

    @Override
    public void onNext(R v) {
      value = v;
    }

    @Override
    public void onError(Throwable t) {
      future.completeExceptionally(KantoException.from(t));
    }

    @Override
    public void onCompleted() {
      future.complete(value);
    }
  }

  /** A future whose cancellation cancels its call. */
  private static final class CallFuture<R> extends CompletableFuture<R> {
    private final ClientCall<?, ?> call;

    CallFuture(ClientCall<?, ?> call) {
      this.call = call;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      call.cancel("future cancelled by the client", null);
      return super.cancel(mayInterruptIfRunning);
    }
  }

  /**
   * Hands the caller's observer {@link KantoException}s instead of raw status exceptions, and its
   * {@code beforeStart} if it is a {@link ClientResponseObserver} (for flow control and
   * cancellation).
   */
  private static final class ErrorMappingObserver<Q, R> implements ClientResponseObserver<Q, R> {
    private final StreamObserver<R> delegate;

    ErrorMappingObserver(StreamObserver<R> delegate) {
      this.delegate = Objects.requireNonNull(delegate, "observer");
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<Q> requestStream) {
      if (delegate instanceof ClientResponseObserver<?, ?>) {
        @SuppressWarnings("unchecked")
        ClientResponseObserver<Q, R> d = (ClientResponseObserver<Q, R>) delegate;
        d.beforeStart(requestStream);
      }
    }

    @Override
    public void onNext(R value) {
      delegate.onNext(value);
    }

    @Override
    public void onError(Throwable t) {
      delegate.onError(KantoException.from(t));
    }

    @Override
    public void onCompleted() {
      delegate.onCompleted();
    }
  }

  /**
   * Validates each request before it is sent; an invalid one cancels the call, so the response
   * observer hears about it through {@code onError}, and is thrown to the sender.
   */
  private final class ValidatingObserver<Q> implements StreamObserver<Q> {
    private final StreamObserver<Q> requests;
    private final ClientCall<Q, ?> call;

    ValidatingObserver(StreamObserver<Q> requests, ClientCall<Q, ?> call) {
      this.requests = requests;
      this.call = call;
    }

    @Override
    public void onNext(Q value) {
      try {
        validate(value);
      } catch (KantoException e) {
        call.cancel("request failed client-side validation", e);
        throw e;
      }
      requests.onNext(value);
    }

    @Override
    public void onError(Throwable t) {
      requests.onError(t);
    }

    @Override
    public void onCompleted() {
      requests.onCompleted();
    }
  }
}
