package dev.kanto.sdk;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientStreamTracer;
import io.grpc.Deadline;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * CallRecorder is a test interceptor that records what the SDK puts on the wire: each call's
 * headers and messages, and each attempt (retries included) with its effective deadline, which
 * includes the service config's timeout.
 */
final class CallRecorder implements ClientInterceptor {
  /** One recorded call. */
  static final class Call {
    final String method;
    volatile Metadata headers;
    final List<Object> messages = new CopyOnWriteArrayList<>();

    /** The deadline of each attempt, as seen by the transport; null when it had none. */
    final List<Deadline> attemptDeadlines = new CopyOnWriteArrayList<>();

    Call(String method) {
      this.method = method;
    }

    int attempts() {
      return attemptDeadlines.size();
    }

    /**
     * Returns the time the first attempt had left now, in milliseconds, or {@link Long#MAX_VALUE}
     * if it had no deadline.
     */
    long firstAttemptTimeLeftMillis() {
      Deadline d = attemptDeadlines.get(0);
      return d == null ? Long.MAX_VALUE : d.timeRemaining(TimeUnit.MILLISECONDS);
    }

    String header(String key) {
      return headers.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
    }
  }

  final List<Call> calls = new CopyOnWriteArrayList<>();

  Call last() {
    return calls.get(calls.size() - 1);
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions callOptions, Channel next) {
    Call call = new Call(method.getBareMethodName());
    calls.add(call);
    CallOptions traced =
        callOptions.withStreamTracerFactory(
            new ClientStreamTracer.Factory() {
              @Override
              public ClientStreamTracer newClientStreamTracer(
                  ClientStreamTracer.StreamInfo info, Metadata headers) {
                call.attemptDeadlines.add(info.getCallOptions().getDeadline());
                return new ClientStreamTracer() {};
              }
            });
    return new SimpleForwardingClientCall<>(next.newCall(method, traced)) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        call.headers = headers;
        super.start(listener, headers);
      }

      @Override
      public void sendMessage(Q message) {
        call.messages.add(message);
        super.sendMessage(message);
      }
    };
  }
}
