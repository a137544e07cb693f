package dev.kanto.sdk;

import io.grpc.ChannelCredentials;
import io.grpc.ClientInterceptor;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * KantoClient connects to the Kanto services and hands out their typed clients: {@link #pokedex()},
 * {@link #routePlanner()} and {@link #expedition()}.
 *
 * <pre>{@code
 * try (KantoClient kanto = KantoClient.builder()
 *     .pokedexTarget("127.0.0.1:50051")
 *     .plaintext()
 *     .build()) {
 *   Pokemon pikachu = kanto.pokedex().getPokemon(25);
 * }
 * }</pre>
 *
 * <p>Each service gets its own channel, configured with that service's gRPC service config (shipped
 * with the SDK, see {@link ServiceConfigs}): per-method timeouts and retries on {@code UNAVAILABLE}
 * come from there, the same in every Kanto SDK. Channels connect lazily, on their first call, and
 * reconnect on their own. A KantoClient is thread-safe and meant to be shared; close it to release
 * its connections.
 *
 * <p>Every call's user agent carries {@link KantoSdk#USER_AGENT}, the SDK's version and the schema
 * revision it was generated from, which the services log.
 */
public final class KantoClient implements AutoCloseable {
  private final Map<KantoService, ManagedChannel> channels;
  private final PokedexClient pokedex;
  private final RoutePlannerClient routePlanner;
  private final ExpeditionClient expedition;

  private KantoClient(Map<KantoService, ManagedChannel> channels, RequestValidator validator) {
    this.channels = Collections.unmodifiableMap(channels);
    this.pokedex =
        new PokedexClient(
            new ServiceClient.State(channels.get(KantoService.POKEDEX), null, validator));
    this.routePlanner =
        new RoutePlannerClient(
            new ServiceClient.State(channels.get(KantoService.ROUTE_PLANNER), null, validator));
    this.expedition =
        new ExpeditionClient(
            new ServiceClient.State(channels.get(KantoService.EXPEDITION), null, validator));
  }

  /** Returns a builder with the defaults documented on each of its methods. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the Pokédex client. */
  public PokedexClient pokedex() {
    return pokedex;
  }

  /** Returns the route planner client. */
  public RoutePlannerClient routePlanner() {
    return routePlanner;
  }

  /** Returns the expedition planner client. */
  public ExpeditionClient expedition() {
    return expedition;
  }

  /**
   * Returns the channel of {@code service}, for the generated stubs ({@code
   * PokemonServiceGrpc.newBlockingStub(kanto.channel(KantoService.POKEDEX))}) or health checks.
   * Calls on it get the service config, keepalive and bearer token, but not the typed clients'
   * error conversion, validation or request-id filling.
   */
  public ManagedChannel channel(KantoService service) {
    return channels.get(service);
  }

  /** Closes every channel: calls in flight get up to five seconds to finish, then are cancelled. */
  @Override
  public void close() {
    channels.values().forEach(ManagedChannel::shutdown);
    boolean interrupted = false;
    for (ManagedChannel channel : channels.values()) {
      try {
        if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
          channel.shutdownNow();
        }
      } catch (InterruptedException e) {
        interrupted = true;
        channel.shutdownNow();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Builder configures a {@link KantoClient}. Configuration is checked by {@link #build()}.
   * Builders are not thread-safe.
   */
  public static final class Builder {
    private final Map<KantoService, String> targets = new EnumMap<>(KantoService.class);
    private final Map<KantoService, Map<String, ?>> serviceConfigs =
        new EnumMap<>(KantoService.class);
    private final List<ClientInterceptor> interceptors = new ArrayList<>();
    private ChannelCredentials credentials;
    private Path trustedCertificates;
    private String bearerToken;
    private Duration defaultTimeout;
    private boolean validateRequests;
    private Duration keepAliveTime = Duration.ofSeconds(30);
    private Duration keepAliveTimeout = Duration.ofSeconds(10);
    private String userAgent;
    private Consumer<ManagedChannelBuilder<?>> channelCustomizer = b -> {};

    private Builder() {
      for (KantoService s : KantoService.values()) {
        targets.put(s, s.defaultTarget());
      }
    }

    /**
     * Sends the calls of every service to one target, for example a proxy that routes by service
     * name. Targets are gRPC target strings: {@code host:port}, {@code dns:///host:port}, ...
     */
    public Builder target(String target) {
      for (KantoService s : KantoService.values()) {
        target(s, target);
      }
      return this;
    }

    /** Sets where {@code service} is served. Default: {@link KantoService#defaultTarget()}. */
    public Builder target(KantoService service, String target) {
      Objects.requireNonNull(service, "service");
      targets.put(service, Objects.requireNonNull(target, "target"));
      return this;
    }

    /** Sets the Pokédex's target. Default: {@code 127.0.0.1:50051}. */
    public Builder pokedexTarget(String target) {
      return target(KantoService.POKEDEX, target);
    }

    /** Sets the route planner's target. Default: {@code 127.0.0.1:50052}. */
    public Builder routePlannerTarget(String target) {
      return target(KantoService.ROUTE_PLANNER, target);
    }

    /** Sets the expedition planner's target. Default: {@code 127.0.0.1:50053}. */
    public Builder expeditionTarget(String target) {
      return target(KantoService.EXPEDITION, target);
    }

    /**
     * Connects without TLS, as to services started locally by {@code make run}. A bearer token then
     * travels in clear text. Default: TLS with the system's trusted roots.
     */
    public Builder plaintext() {
      credentials = InsecureChannelCredentials.create();
      trustedCertificates = null;
      return this;
    }

    /** Connects with TLS, trusting the system's roots. This is the default. */
    public Builder tls() {
      credentials = null;
      trustedCertificates = null;
      return this;
    }

    /** Connects with TLS, trusting only the PEM certificates in {@code pemFile}. */
    public Builder tls(Path pemFile) {
      credentials = null;
      trustedCertificates = Objects.requireNonNull(pemFile, "pemFile");
      return this;
    }

    /** Connects with the given channel credentials (mutual TLS, ALTS, ...). */
    public Builder credentials(ChannelCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      trustedCertificates = null;
      return this;
    }

    /**
     * Sends {@code authorization: Bearer <token>} with every call that sets no authorization header
     * itself; the Pokédex's writes need a curator token. Default: no token.
     */
    public Builder bearerToken(String token) {
      this.bearerToken = Objects.requireNonNull(token, "token");
      return this;
    }

    /**
     * Gives every call that has no deadline of its own (from {@link ServiceClient#withTimeout} or
     * the current {@code io.grpc.Context}) this timeout. The service config's per-method timeout
     * still caps it, so it shortens timeouts and bounds the calls the service config leaves open
     * (streams), but cannot lengthen a method's configured timeout. Default: none.
     */
    public Builder defaultTimeout(Duration timeout) {
      this.defaultTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Checks every request against the schema's protovalidate rules before sending it, so an
     * invalid request fails at once with {@code INVALID_ARGUMENT} and its field violations.
     * Default: off (the server checks every request anyway).
     */
    public Builder validateRequests(boolean validate) {
      this.validateRequests = validate;
      return this;
    }

    /**
     * Sets the keepalive: a connection idle for {@code time} with calls in flight is pinged, and
     * closed if no answer comes within {@code timeout}. The services accept pings every 10 seconds
     * at most. Default: 30 seconds and 10 seconds.
     */
    public Builder keepAlive(Duration time, Duration timeout) {
      this.keepAliveTime = Objects.requireNonNull(time, "time");
      this.keepAliveTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Puts {@code userAgent}, your application's own product token (such as {@code myapp/2.1}), in
     * front of the user agent every call sends. That user agent always carries {@link
     * KantoSdk#USER_AGENT} (the SDK's version and schema revision, which the services log) followed
     * by grpc-java's own token: {@code myapp/2.1 kanto-sdk-java/<version> kanto-schema/<revision>
     * grpc-java-netty/<version>}. Default: none, the user agent starts with {@link
     * KantoSdk#USER_AGENT}.
     */
    public Builder userAgent(String userAgent) {
      this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
      return this;
    }

    /**
     * Adds an interceptor to every channel. Interceptors run in the order added, after the SDK's
     * own (so they see the bearer token and the default timeout).
     */
    public Builder interceptor(ClientInterceptor interceptor) {
      interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
      return this;
    }

    /**
     * Replaces the service config shipped with the SDK for {@code service}, in the form {@link
     * ManagedChannelBuilder#defaultServiceConfig} takes (see {@link ServiceConfigs#parse}). Meant
     * for tests and emergencies: the shipped config is the one every SDK agrees on.
     */
    public Builder serviceConfig(KantoService service, Map<String, ?> serviceConfig) {
      serviceConfigs.put(
          Objects.requireNonNull(service, "service"),
          Objects.requireNonNull(serviceConfig, "serviceConfig"));
      return this;
    }

    /**
     * Lets {@code customizer} change each channel builder, for options this builder does not cover
     * (an executor, message size limits, ...). The user agent is set after it, so that every
     * channel sends {@link KantoSdk#USER_AGENT}: give yours to {@link #userAgent(String)}, not to
     * {@code ManagedChannelBuilder.userAgent}.
     */
    public Builder channelCustomizer(Consumer<ManagedChannelBuilder<?>> customizer) {
      this.channelCustomizer = Objects.requireNonNull(customizer, "customizer");
      return this;
    }

    /**
     * Checks the configuration and builds the client.
     *
     * @throws IllegalArgumentException if a target is blank, a duration is not positive, or the
     *     bearer token is blank or spans lines
     * @throws UncheckedIOException if the trusted certificates cannot be read
     */
    public KantoClient build() {
      targets.forEach(
          (s, t) -> {
            if (t.isBlank()) {
              throw new IllegalArgumentException("blank target for " + s);
            }
          });
      if (bearerToken != null
          && (bearerToken.isBlank()
              || bearerToken.indexOf('\n') >= 0
              || bearerToken.indexOf('\r') >= 0)) {
        throw new IllegalArgumentException("bearer token must be non-blank and on one line");
      }
      requirePositive("default timeout", defaultTimeout);
      requirePositive("keepalive time", keepAliveTime);
      requirePositive("keepalive timeout", keepAliveTimeout);
      ChannelCredentials creds = credentials();
      String sdkUserAgent = KantoSdk.userAgent(userAgent);
      Map<KantoService, Map<String, ?>> configs = new EnumMap<>(KantoService.class);
      for (KantoService s : KantoService.values()) {
        configs.put(s, serviceConfigs.containsKey(s) ? serviceConfigs.get(s) : s.serviceConfig());
      }
      // grpc-java calls the last interceptor first: the SDK's own go last so that they run
      // first and the caller's interceptors see their effect.
      List<ClientInterceptor> chain = new ArrayList<>(interceptors);
      Collections.reverse(chain);
      if (bearerToken != null) {
        chain.add(Interceptors.bearerToken(bearerToken));
      }
      if (defaultTimeout != null) {
        chain.add(Interceptors.defaultTimeout(defaultTimeout));
      }

      Map<KantoService, ManagedChannel> channels = new EnumMap<>(KantoService.class);
      try {
        for (KantoService s : KantoService.values()) {
          ManagedChannelBuilder<?> b =
              Grpc.newChannelBuilder(targets.get(s), creds)
                  .defaultServiceConfig(configs.get(s))
                  .enableRetry()
                  .keepAliveTime(keepAliveTime.toNanos(), TimeUnit.NANOSECONDS)
                  .keepAliveTimeout(keepAliveTimeout.toNanos(), TimeUnit.NANOSECONDS)
                  .keepAliveWithoutCalls(false)
                  .intercept(chain);
          channelCustomizer.accept(b);
          // Last, so that no customizer drops the SDK's token: grpc-java keeps only the last
          // user agent set, and puts it in front of its own.
          b.userAgent(sdkUserAgent);
          channels.put(s, b.build());
        }
      } catch (RuntimeException e) {
        channels.values().forEach(ManagedChannel::shutdownNow);
        throw e;
      }
      return new KantoClient(channels, validateRequests ? new RequestValidator() : null);
    }

    private ChannelCredentials credentials() {
      if (credentials != null) {
        return credentials;
      }
      if (trustedCertificates == null) {
        return TlsChannelCredentials.create();
      }
      try {
        return TlsChannelCredentials.newBuilder()
            .trustManager(trustedCertificates.toFile())
            .build();
      } catch (IOException e) {
        throw new UncheckedIOException("read trusted certificates " + trustedCertificates, e);
      }
    }

    private static void requirePositive(String what, Duration d) {
      if (d != null && (d.isNegative() || d.isZero())) {
        throw new IllegalArgumentException(what + " must be positive, got " + d);
      }
    }
  }
}
