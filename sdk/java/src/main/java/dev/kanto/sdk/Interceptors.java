package dev.kanto.sdk;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Context;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The SDK's own channel interceptors. */
final class Interceptors {
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private Interceptors() {}

  /**
   * Returns an interceptor that sends {@code authorization: Bearer <token>} on every call that
   * carries no authorization header of its own. It is a plain header rather than {@code
   * CallCredentials}, which grpc-java refuses to send over a plaintext channel, so a token also
   * reaches a local service started by {@code make run}; {@link KantoChannels.Builder} refuses a
   * token over plaintext to any address that is not loopback.
   */
  static ClientInterceptor bearerToken(String token) {
    String value = "Bearer " + token;
    return new ClientInterceptor() {
      @Override
      public <Q, R> ClientCall<Q, R> interceptCall(
          MethodDescriptor<Q, R> method, CallOptions callOptions, Channel next) {
        return new SimpleForwardingClientCall<>(next.newCall(method, callOptions)) {
          @Override
          public void start(Listener<R> listener, Metadata headers) {
            if (!headers.containsKey(AUTHORIZATION)) {
              headers.put(AUTHORIZATION, value);
            }
            super.start(listener, headers);
          }
        };
      }
    };
  }

  /**
   * Returns an interceptor that gives a call a deadline when neither its call options nor the
   * current {@link Context} set one: {@code unary} from now for a unary call, {@code stream} for a
   * streaming one; null gives none. The service config's per-method timeout still applies on top
   * of it: gRPC uses the earlier of the two.
   */
  static ClientInterceptor defaultDeadlines(Duration unary, Duration stream) {
    long unaryNanos = unary == null ? 0 : unary.toNanos();
    long streamNanos = stream == null ? 0 : stream.toNanos();
    return new ClientInterceptor() {
      @Override
      public <Q, R> ClientCall<Q, R> interceptCall(
          MethodDescriptor<Q, R> method, CallOptions callOptions, Channel next) {
        long nanos =
            method.getType() == MethodDescriptor.MethodType.UNARY ? unaryNanos : streamNanos;
        if (nanos > 0
            && callOptions.getDeadline() == null
            && Context.current().getDeadline() == null) {
          callOptions = callOptions.withDeadlineAfter(nanos, TimeUnit.NANOSECONDS);
        }
        return next.newCall(method, callOptions);
      }
    };
  }
}
