package dev.kanto.sdk;

import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * KantoMethod is one RPC as data, bound to a generated client: a program that chooses the method at
 * run time (the conformance runner, a CLI) calls it through the client's own method, with
 * everything the SDK adds (request ids, the client's timeout and headers, error conversion). The
 * generated clients' {@code methods()} return them, and the umbrella client's {@code methods()}
 * those of every service.
 *
 * <p>Exactly one of {@link #unary}, {@link #serverStream}, {@link #clientStream} and {@link
 * #bidiStream} works, the one of its {@link #kind()}; the others throw {@link
 * IllegalStateException}.
 *
 * @param <Q> the request type
 * @param <R> the response type
 */
public final class KantoMethod<Q extends Message, R extends Message> {

  /** The four gRPC call shapes. */
  public enum Kind {
    /** One request, one response. */
    UNARY("unary"),
    /** One request, a stream of responses. */
    SERVER_STREAM("server_stream"),
    /** A stream of requests, one response. */
    CLIENT_STREAM("client_stream"),
    /** Streams both ways. */
    BIDI_STREAM("bidi_stream");

    private final String text;

    Kind(String text) {
      this.text = text;
    }

    /** Returns the kind as the conformance vectors spell it: {@code unary}, ... */
    @Override
    public String toString() {
      return text;
    }
  }

  private final MethodDescriptor<Q, R> descriptor;
  private final Q prototype;
  private final Kind kind;
  private final Function<Q, R> unary;
  private final Function<Q, ServerStream<R>> serverStream;
  private final Supplier<ClientStream<Q, R>> clientStream;
  private final Supplier<BidiStream<Q, R>> bidiStream;

  private KantoMethod(
      MethodDescriptor<Q, R> descriptor,
      Q prototype,
      Kind kind,
      Function<Q, R> unary,
      Function<Q, ServerStream<R>> serverStream,
      Supplier<ClientStream<Q, R>> clientStream,
      Supplier<BidiStream<Q, R>> bidiStream) {
    this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
    this.prototype = Objects.requireNonNull(prototype, "prototype");
    this.kind = kind;
    this.unary = unary;
    this.serverStream = serverStream;
    this.clientStream = clientStream;
    this.bidiStream = bidiStream;
    MethodDescriptor.MethodType want =
        switch (kind) {
          case UNARY -> MethodDescriptor.MethodType.UNARY;
          case SERVER_STREAM -> MethodDescriptor.MethodType.SERVER_STREAMING;
          case CLIENT_STREAM -> MethodDescriptor.MethodType.CLIENT_STREAMING;
          case BIDI_STREAM -> MethodDescriptor.MethodType.BIDI_STREAMING;
        };
    if (descriptor.getType() != want) {
      throw new IllegalArgumentException(
          descriptor.getFullMethodName() + " is " + descriptor.getType() + ", not " + kind);
    }
  }

  /**
   * Describes a unary method that {@code call} calls. For the generated code.
   *
   * @param descriptor the method
   * @param prototype the request's default instance
   * @param call the client's method
   * @param <Q> the request type
   * @param <R> the response type
   * @return the method
   */
  public static <Q extends Message, R extends Message> KantoMethod<Q, R> unary(
      MethodDescriptor<Q, R> descriptor, Q prototype, Function<Q, R> call) {
    return new KantoMethod<>(
        descriptor, prototype, Kind.UNARY, Objects.requireNonNull(call), null, null, null);
  }

  /**
   * Describes a server-streaming method that {@code call} opens. For the generated code.
   *
   * @param descriptor the method
   * @param prototype the request's default instance
   * @param call the client's method
   * @param <Q> the request type
   * @param <R> the response type
   * @return the method
   */
  public static <Q extends Message, R extends Message> KantoMethod<Q, R> serverStream(
      MethodDescriptor<Q, R> descriptor, Q prototype, Function<Q, ServerStream<R>> call) {
    return new KantoMethod<>(
        descriptor, prototype, Kind.SERVER_STREAM, null, Objects.requireNonNull(call), null, null);
  }

  /**
   * Describes a client-streaming method that {@code call} opens. For the generated code.
   *
   * @param descriptor the method
   * @param prototype the request's default instance
   * @param call the client's method
   * @param <Q> the request type
   * @param <R> the response type
   * @return the method
   */
  public static <Q extends Message, R extends Message> KantoMethod<Q, R> clientStream(
      MethodDescriptor<Q, R> descriptor, Q prototype, Supplier<ClientStream<Q, R>> call) {
    return new KantoMethod<>(
        descriptor, prototype, Kind.CLIENT_STREAM, null, null, Objects.requireNonNull(call), null);
  }

  /**
   * Describes a bidirectional-streaming method that {@code call} opens. For the generated code.
   *
   * @param descriptor the method
   * @param prototype the request's default instance
   * @param call the client's method
   * @param <Q> the request type
   * @param <R> the response type
   * @return the method
   */
  public static <Q extends Message, R extends Message> KantoMethod<Q, R> bidiStream(
      MethodDescriptor<Q, R> descriptor, Q prototype, Supplier<BidiStream<Q, R>> call) {
    return new KantoMethod<>(
        descriptor, prototype, Kind.BIDI_STREAM, null, null, null, Objects.requireNonNull(call));
  }

  /** Returns the service's full name, such as {@code kanto.pokedex.v1.PokemonService}. */
  public String service() {
    return descriptor.getServiceName();
  }

  /** Returns the RPC's name, such as {@code GetPokemon}. */
  public String name() {
    return descriptor.getBareMethodName();
  }

  /** Returns {@code <service>/<name>}, the gRPC path without its leading slash. */
  public String fullName() {
    return descriptor.getFullMethodName();
  }

  /** Returns the call shape. */
  public Kind kind() {
    return kind;
  }

  /** Returns the grpc-java method descriptor. */
  public MethodDescriptor<Q, R> descriptor() {
    return descriptor;
  }

  /** Returns a builder of an empty request, to fill in, for example from JSON. */
  public Message.Builder newRequestBuilder() {
    return prototype.newBuilderForType();
  }

  /**
   * Returns {@code request} as this method's request type.
   *
   * @throws IllegalArgumentException if it is another message type
   */
  public Q request(Message request) {
    Objects.requireNonNull(request, "request");
    if (!prototype.getClass().isInstance(request)) {
      throw new IllegalArgumentException(
          fullName()
              + " takes a "
              + prototype.getDescriptorForType().getFullName()
              + ", not a "
              + request.getDescriptorForType().getFullName());
    }
    @SuppressWarnings("unchecked") // the class check above
    Q q = (Q) request;
    return q;
  }

  /**
   * Calls a unary method.
   *
   * @throws KantoException if the call fails
   * @throws IllegalArgumentException if {@code request} is of another type
   * @throws IllegalStateException if the method is not unary
   */
  public R unary(Message request) {
    check(Kind.UNARY);
    return unary.apply(request(request));
  }

  /**
   * Opens a server stream.
   *
   * @throws KantoException if the call fails at once
   * @throws IllegalArgumentException if {@code request} is of another type
   * @throws IllegalStateException if the method is not server-streaming
   */
  public ServerStream<R> serverStream(Message request) {
    check(Kind.SERVER_STREAM);
    return serverStream.apply(request(request));
  }

  /**
   * Opens a client stream; send it requests of {@link #request}'s type.
   *
   * @throws IllegalStateException if the method is not client-streaming
   */
  public ClientStream<Q, R> clientStream() {
    check(Kind.CLIENT_STREAM);
    return clientStream.get();
  }

  /**
   * Opens a bidirectional stream.
   *
   * @throws IllegalStateException if the method is not bidirectional-streaming
   */
  public BidiStream<Q, R> bidiStream() {
    check(Kind.BIDI_STREAM);
    return bidiStream.get();
  }

  private void check(Kind want) {
    if (kind != want) {
      throw new IllegalStateException(fullName() + " is a " + kind + " method, not " + want);
    }
  }

  @Override
  public String toString() {
    return fullName() + " (" + kind + ")";
  }
}
