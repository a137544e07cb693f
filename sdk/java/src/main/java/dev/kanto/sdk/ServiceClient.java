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
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * ServiceClient is what the generated client of every service ({@code PokemonClient}, ...) extends:
 * per-client settings and the four call shapes, which the generated methods call. Clients are
 * immutable and thread-safe; the {@code with...} methods return a changed copy that shares the
 * channel, so deriving a client per call is cheap.
 *
 * <p>Blocking methods throw {@link KantoException}; the {@code ...Async} methods complete their
 * future or observer with it.
 *
 * @param <C> the concrete client type, returned by the {@code with...} methods
 */
public abstract class ServiceClient<C extends ServiceClient<C>> {

  /**
   * What a client and its copies share or replace: opaque outside the runtime, handed by the
   * generated code from {@link #copy} to its constructor.
   */
  protected static final class State {
    private final ServiceInfo info;
    private final Channel channel;
    private final Duration timeout;
    private final RequestValidator validator;

    private State(ServiceInfo info, Channel channel, Duration timeout, RequestValidator validator) {
      this.info = info;
      this.channel = channel;
      this.timeout = timeout;
      this.validator = validator;
    }
  }

  private final State state;

  /**
   * Creates a client of the service {@code info} on its channel of {@code channels}.
   *
   * @throws IllegalArgumentException if {@code channels} has no channel for the service
   */
  protected ServiceClient(ServiceInfo info, KantoChannels channels) {
    this(new State(info, channels.channel(info.name()), null, channels.validator()));
  }

  /**
   * Creates a client of the service {@code info} that calls through {@code channel}, which should
   * apply the service's service config.
   */
  protected ServiceClient(ServiceInfo info, Channel channel) {
    this(
        new State(
            Objects.requireNonNull(info, "info"),
            Objects.requireNonNull(channel, "channel"),
            null,
            null));
  }

  /** Creates a copy with another state; see {@link #copy}. */
  protected ServiceClient(State state) {
    this.state = Objects.requireNonNull(state, "state");
  }

  /** Returns a client of the concrete type with the given state: {@code new C(state)}. */
  protected abstract C copy(State state);

  /**
   * Describes every RPC of the service and calls it through this client, for programs that choose
   * the method at run time.
   */
  public abstract List<KantoMethod<?, ?>> methods();

  /** Returns the service this client calls. */
  public final ServiceInfo serviceInfo() {
    return state.info;
  }

  /**
   * Returns a copy whose calls each get a deadline {@code timeout} after they start (each page of
   * a paged listing, each stream). Without it, a call gets the deadline of the current {@code
   * io.grpc.Context}, else the builder's default ({@code defaultTimeout}, 30 seconds, for unary
   * calls; none for streams); the method's timeout in the service config caps every deadline:
   * gRPC uses the earlier one.
   *
   * @throws IllegalArgumentException if {@code timeout} is not positive
   */
  public final C withTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    return copy(new State(state.info, state.channel, timeout, state.validator));
  }

  /**
   * Returns a copy that sends the ASCII metadata entry {@code key: value} with every call; use
   * {@link #withHeaders} for binary ({@code -bin}) entries.
   */
  public final C withHeader(String key, String value) {
    Metadata md = new Metadata();
    md.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value);
    return withHeaders(md);
  }

  /**
   * Returns a copy that sends {@code headers} with every call. An {@code authorization} header set
   * here wins over the client's bearer token.
   */
  public final C withHeaders(Metadata headers) {
    Metadata copy = new Metadata();
    copy.merge(headers); // later changes to the caller's Metadata do not leak into this client
    return withInterceptors(MetadataUtils.newAttachHeadersInterceptor(copy));
  }

  /** Returns a copy whose calls also go through {@code interceptors}. */
  public final C withInterceptors(ClientInterceptor... interceptors) {
    return copy(
        new State(
            state.info,
            ClientInterceptors.intercept(state.channel, interceptors),
            state.timeout,
            state.validator));
  }

  /**
   * Returns a fresh request id, a random (version 4) UUID, for the generated code to fill an empty
   * AIP-155 {@code request_id} with.
   */
  protected static String newRequestId() {
    return UUID.randomUUID().toString();
  }

  /** Returns the call options of a call starting now. */
  private CallOptions callOptions() {
    CallOptions options = CallOptions.DEFAULT;
    if (state.timeout != null) {
      options = options.withDeadlineAfter(state.timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
    return options;
  }

  private void validate(Object request) {
    if (state.validator != null) {
      state.validator.check(request);
    }
  }

  /** Makes a unary call and returns its response. */
  protected final <Q, R> R unaryCall(MethodDescriptor<Q, R> method, Q request) {
    validate(request);
    try {
      return ClientCalls.blockingUnaryCall(state.channel, method, callOptions(), request);
    } catch (RuntimeException e) {
      throw KantoException.from(e);
    }
  }

  /** Starts a unary call; the future completes with its response. */
  protected final <Q, R> CompletableFuture<R> unaryCallAsync(
      MethodDescriptor<Q, R> method, Q request) {
    try {
      validate(request);
    } catch (KantoException e) {
      return CompletableFuture.failedFuture(e);
    }
    ClientCall<Q, R> call = state.channel.newCall(method, callOptions());
    CallFuture<R> future = new CallFuture<>(call);
    try {
      ClientCalls.asyncUnaryCall(call, request, new FutureObserver<>(future));
    } catch (RuntimeException e) {
      future.completeExceptionally(KantoException.from(e));
    }
    return future;
  }

  /** Opens a server stream. */
  protected final <Q, R> ServerStream<R> serverStreamCall(
      MethodDescriptor<Q, R> method, Q request) {
    validate(request);
    Context.CancellableContext context = Context.current().withCancellation();
    Context previous = context.attach();
    try {
      Iterator<R> it =
          ClientCalls.blockingServerStreamingCall(state.channel, method, callOptions(), request);
      return new ServerStream<>(context, it);
    } catch (RuntimeException e) {
      context.cancel(null);
      throw KantoException.from(e);
    } finally {
      context.detach(previous);
    }
  }

  /** Opens a server stream whose responses go to {@code observer}. */
  protected final <Q, R> void serverStreamCallAsync(
      MethodDescriptor<Q, R> method, Q request, StreamObserver<R> observer) {
    try {
      validate(request);
    } catch (KantoException e) {
      observer.onError(e);
      return;
    }
    ClientCall<Q, R> call = state.channel.newCall(method, callOptions());
    try {
      ClientCalls.asyncServerStreamingCall(call, request, new ErrorMappingObserver<>(observer));
    } catch (RuntimeException e) {
      observer.onError(KantoException.from(e));
    }
  }

  /** Opens a client stream. */
  protected final <Q, R> ClientStream<Q, R> clientStreamCall(MethodDescriptor<Q, R> method) {
    return new ClientStream<>(state.channel.newCall(method, callOptions()), this::validate);
  }

  /** Sends every request on one client stream, in order, and returns the response. */
  protected final <Q, R> R clientStreamCall(MethodDescriptor<Q, R> method, Iterable<Q> requests) {
    Objects.requireNonNull(requests, "requests");
    try (ClientStream<Q, R> stream = clientStreamCall(method)) {
      for (Q request : requests) {
        stream.send(request);
      }
      return stream.closeAndReceive();
    }
  }

  /** Opens a client stream whose response goes to {@code observer}. */
  protected final <Q, R> StreamObserver<Q> clientStreamCallAsync(
      MethodDescriptor<Q, R> method, StreamObserver<R> observer) {
    ClientCall<Q, R> call = state.channel.newCall(method, callOptions());
    return new ValidatingObserver<>(
        ClientCalls.asyncClientStreamingCall(call, new ErrorMappingObserver<>(observer)), call);
  }

  /** Opens a bidirectional stream. */
  protected final <Q, R> BidiStream<Q, R> bidiStreamCall(MethodDescriptor<Q, R> method) {
    return new BidiStream<>(state.channel.newCall(method, callOptions()), this::validate);
  }

  /** Opens a bidirectional stream whose responses go to {@code observer}. */
  protected final <Q, R> StreamObserver<Q> bidiStreamCallAsync(
      MethodDescriptor<Q, R> method, StreamObserver<R> observer) {
    ClientCall<Q, R> call = state.channel.newCall(method, callOptions());
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
