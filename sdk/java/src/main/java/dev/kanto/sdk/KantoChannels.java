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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * KantoChannels holds one gRPC channel per service, each configured with that service's gRPC
 * service config (per-method timeouts and retries, from {@link ServiceInfo#serviceConfig()}), the
 * security, keepalive and user agent of its {@link Builder}. The umbrella client ({@code
 * KantoClient}) is built on it; its {@code Builder} is a {@link Builder}.
 *
 * <p>Channels connect lazily, on their first call, and reconnect on their own. It is thread-safe;
 * close it to release the connections.
 */
public final class KantoChannels implements AutoCloseable {
  /**
   * The deadline of a unary call that has none of its own (from {@code withTimeout} or the current
   * {@code io.grpc.Context}) unless {@link Builder#defaultTimeout} changes it. A method's shorter
   * timeout in the service config still wins.
   */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /**
   * The shortest keepalive interval the Kanto services accept: a client that pings more often is
   * sent GOAWAY ("too_many_pings") and loses its connection.
   */
  public static final Duration MIN_KEEPALIVE_TIME = Duration.ofSeconds(10);

  private final Map<String, ManagedChannel> channels;
  private final RequestValidator validator;

  private KantoChannels(Map<String, ManagedChannel> channels, RequestValidator validator) {
    this.channels = Collections.unmodifiableMap(channels);
    this.validator = validator;
  }

  /**
   * Returns the channel of a service.
   *
   * @param service the service's full name, such as {@code kanto.pokedex.v1.PokemonService}
   * @throws IllegalArgumentException if there is no channel for it
   */
  public ManagedChannel channel(String service) {
    ManagedChannel channel = channels.get(service);
    if (channel == null) {
      throw new IllegalArgumentException(
          "no channel for service " + service + "; the services are " + channels.keySet());
    }
    return channel;
  }

  /** Returns the full names of the services, in the order given to the builder. */
  public Set<String> services() {
    return channels.keySet();
  }

  /** Returns the client-side request validator, or null when requests are not validated. */
  RequestValidator validator() {
    return validator;
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

  private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");

  /**
   * Reports whether a gRPC target names only this machine: a Unix socket ({@code unix:},
   * {@code unix-abstract:}), {@code localhost}, or a loopback IP address ({@code 127.0.0.0/8},
   * {@code ::1}), with or without a port and a {@code dns:} or {@code passthrough:} scheme. It
   * never resolves a name. A bearer token travels over plaintext only to such a target.
   *
   * @param target a gRPC target, such as {@code 127.0.0.1:50051} or {@code dns:///localhost:443}
   * @return whether it is loopback
   */
  public static boolean isLoopback(String target) {
    String addr = target;
    int colon = target.indexOf(':');
    if (colon > 0 && SCHEME.matcher(target.substring(0, colon)).matches()) {
      String scheme = target.substring(0, colon).toLowerCase(Locale.ROOT);
      String rest = target.substring(colon + 1);
      switch (scheme) {
        case "unix", "unix-abstract" -> {
          return true;
        }
        case "dns", "passthrough" -> {
          // scheme:[//authority]/host:port
          if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            rest = slash < 0 ? "" : rest.substring(slash + 1);
          }
          addr = rest;
        }
        default -> {
          if (!rest.chars().allMatch(Character::isDigit) || rest.isEmpty()) {
            return false; // a scheme this check does not know
          }
          // host:port, where the host looked like a scheme (localhost:50051)
        }
      }
    }
    String host = hostOf(addr);
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    return isLoopbackIPv4(host) || isLoopbackIPv6(host);
  }

  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

  /** Reports whether {@code s} is a dotted-quad IPv4 address in 127.0.0.0/8. */
  private static boolean isLoopbackIPv4(String s) {
    java.util.regex.Matcher m = IPV4.matcher(s);
    if (!m.matches()) {
      return false;
    }
    for (int i = 1; i <= 4; i++) {
      if (Integer.parseInt(m.group(i)) > 255) {
        return false;
      }
    }
    return m.group(1).equals("127");
  }

  /**
   * Reports whether {@code s} is an IPv6 address that is loopback: {@code ::1} in any spelling, or
   * an IPv4-mapped {@code ::ffff:127.x.y.z}. (A literal is parsed here rather than by {@code
   * InetAddress}, which would look up anything it cannot parse in DNS.)
   */
  private static boolean isLoopbackIPv6(String s) {
    int zone = s.indexOf('%');
    if (zone >= 0) {
      s = s.substring(0, zone);
    }
    if (s.indexOf(':') < 0) {
      return false;
    }
    String mappedV4 = null;
    int lastColon = s.lastIndexOf(':');
    if (s.indexOf('.', lastColon) >= 0) {
      mappedV4 = s.substring(lastColon + 1);
      s = s.substring(0, lastColon + 1) + "0:0"; // two groups stand for the IPv4 part
    }
    String[] halves = s.split("::", -1);
    if (halves.length > 2) {
      return false;
    }
    List<String> head = groups(halves[0]);
    List<String> tail = halves.length == 2 ? groups(halves[1]) : List.of();
    if (head == null || tail == null) {
      return false;
    }
    int missing = 8 - head.size() - tail.size();
    if (halves.length == 2 ? missing < 1 : missing != 0) {
      return false;
    }
    int[] g = new int[8];
    int i = 0;
    for (String h : head) {
      g[i++] = Integer.parseInt(h, 16);
    }
    i += missing;
    for (String t : tail) {
      g[i++] = Integer.parseInt(t, 16);
    }
    for (int j = 0; j < 5; j++) {
      if (g[j] != 0) {
        return false;
      }
    }
    if (mappedV4 != null) {
      return g[5] == 0xffff && isLoopbackIPv4(mappedV4);
    }
    return g[5] == 0 && g[6] == 0 && g[7] == 1;
  }

  /** Splits colon-separated hex groups of 1 to 4 digits; null if one is not such a group. */
  private static List<String> groups(String s) {
    if (s.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String g : s.split(":", -1)) {
      if (g.isEmpty() || g.length() > 4 || !g.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
        return null;
      }
      out.add(g);
    }
    return out;
  }

  /** Returns the host of {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}. */
  private static String hostOf(String addr) {
    if (addr.startsWith("[")) {
      int end = addr.indexOf(']');
      return end < 0 ? addr : addr.substring(1, end);
    }
    int colon = addr.lastIndexOf(':');
    if (colon >= 0 && addr.indexOf(':') == colon) {
      return addr.substring(0, colon); // one colon: host:port
    }
    return addr; // a host, or a bare IPv6 address
  }

  /**
   * Builder configures channels to a set of services; the umbrella client's builder extends it.
   * Every option has a default, documented on its method; {@code build()} checks the configuration
   * once. Builders are not thread-safe.
   *
   * @param <B> the concrete builder type, returned by every option
   */
  public abstract static class Builder<B extends Builder<B>> {
    private final List<ServiceInfo> services;
    private String target;
    private final Map<String, String> serviceTargets = new LinkedHashMap<>();
    private final Map<String, Map<String, ?>> serviceConfigs = new LinkedHashMap<>();
    private final List<ClientInterceptor> interceptors = new ArrayList<>();
    private ChannelCredentials credentials;
    private Path trustedCertificates;
    private String bearerToken;
    private Duration defaultTimeout = DEFAULT_TIMEOUT;
    private Duration defaultStreamTimeout;
    private boolean validateRequests;
    private Duration keepAliveTime = Duration.ofSeconds(30);
    private Duration keepAliveTimeout = Duration.ofSeconds(10);
    private String userAgent;
    private Consumer<ManagedChannelBuilder<?>> channelCustomizer = b -> {};

    /** Creates a builder of channels to {@code services}. */
    protected Builder(List<ServiceInfo> services) {
      this.services = List.copyOf(services);
    }

    /** Returns this builder as its concrete type. */
    protected abstract B self();

    /**
     * Sends the calls of every service that has no target of its own ({@link #target(String,
     * String)}) to {@code target}, for example a proxy that routes by service name. Targets are
     * gRPC target strings: {@code host:port}, {@code dns:///host:port}, {@code unix:/path}, ...
     * Default: each service's {@code google.api.default_host} from the schema.
     */
    public B target(String target) {
      this.target = Objects.requireNonNull(target, "target");
      return self();
    }

    /**
     * Sets where one service is served, by its full name ({@code kanto.pokedex.v1.PokemonService},
     * the {@code name()} of its client's {@code SERVICE_INFO}). It wins over {@link
     * #target(String)} and the schema's default host.
     */
    public B target(String service, String target) {
      serviceTargets.put(
          Objects.requireNonNull(service, "service"), Objects.requireNonNull(target, "target"));
      return self();
    }

    /**
     * Connects without TLS, as to the services {@code make run} or kanto-testenv start on
     * 127.0.0.1. A bearer token is then sent only to a loopback address: {@code build()} fails for
     * any other target. Default: TLS with the system's trusted roots.
     */
    public B insecure() {
      credentials = InsecureChannelCredentials.create();
      trustedCertificates = null;
      return self();
    }

    /** Connects with TLS, trusting the system's roots. This is the default. */
    public B tls() {
      credentials = null;
      trustedCertificates = null;
      return self();
    }

    /** Connects with TLS, trusting only the PEM certificates in {@code pemFile}. */
    public B tls(Path pemFile) {
      credentials = null;
      trustedCertificates = Objects.requireNonNull(pemFile, "pemFile");
      return self();
    }

    /**
     * Connects with the given channel credentials (mutual TLS, ALTS, ...). {@code
     * InsecureChannelCredentials} count as plaintext, like {@link #insecure()}.
     */
    public B credentials(ChannelCredentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      trustedCertificates = null;
      return self();
    }

    /**
     * Sends {@code authorization: Bearer <token>} with every call that sets no authorization header
     * itself; the Pokédex's writes need a curator token. The token is sent only over TLS or to a
     * loopback address: with {@link #insecure()}, {@code build()} fails for any other target.
     * Default: no token.
     */
    public B bearerToken(String token) {
      this.bearerToken = Objects.requireNonNull(token, "token");
      return self();
    }

    /**
     * Gives every unary call that has no deadline of its own (from {@code withTimeout} or the
     * current {@code io.grpc.Context}) this timeout. A method's timeout in the service config
     * still caps it: it can shorten a configured timeout, not lengthen it. Default: {@link
     * #DEFAULT_TIMEOUT}, 30 seconds.
     */
    public B defaultTimeout(Duration timeout) {
      this.defaultTimeout = Objects.requireNonNull(timeout, "timeout");
      return self();
    }

    /**
     * Gives every streaming call that has no deadline of its own this timeout, capped by the
     * method's timeout in the service config. Default: none, since streams such as {@code
     * WatchRoutes} are meant to live until the caller ends them.
     */
    public B defaultStreamTimeout(Duration timeout) {
      this.defaultStreamTimeout = Objects.requireNonNull(timeout, "timeout");
      return self();
    }

    /**
     * Checks every request against the schema's protovalidate rules before sending it, so an
     * invalid request fails at once with {@code INVALID_ARGUMENT} and its field violations.
     * Default: off (the server checks every request anyway).
     */
    public B validateRequests(boolean validate) {
      this.validateRequests = validate;
      return self();
    }

    /**
     * Sets the keepalive: a connection silent for {@code time} with calls in flight is pinged, and
     * closed if no answer comes within {@code timeout}; idle connections are never pinged. {@code
     * time} must be at least {@link #MIN_KEEPALIVE_TIME}, the services' limit. Default: 30 seconds
     * and 10 seconds.
     */
    public B keepAlive(Duration time, Duration timeout) {
      this.keepAliveTime = Objects.requireNonNull(time, "time");
      this.keepAliveTimeout = Objects.requireNonNull(timeout, "timeout");
      return self();
    }

    /**
     * Puts {@code userAgent}, your application's own product token (such as {@code myapp/2.1}), in
     * front of the user agent every call sends. That user agent always carries {@link
     * KantoSdk#USER_AGENT} (the SDK's version and schema revision, which the services log) followed
     * by grpc-java's own token: {@code myapp/2.1 kanto-sdk-java/<version> kanto-schema/<revision>
     * grpc-java-netty/<version>}. Default: none, the user agent starts with {@link
     * KantoSdk#USER_AGENT}.
     */
    public B userAgent(String userAgent) {
      this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
      return self();
    }

    /**
     * Adds an interceptor to every channel. Interceptors run in the order added, after the SDK's
     * own (so they see the bearer token and the default deadline).
     */
    public B interceptor(ClientInterceptor interceptor) {
      interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
      return self();
    }

    /**
     * Replaces the service config generated from the schema for one service, by its full name, in
     * the form {@link ManagedChannelBuilder#defaultServiceConfig} takes (see {@link
     * ServiceConfigs#parse}). Meant for tests and emergencies: the generated config is the one
     * every SDK agrees on.
     */
    public B serviceConfig(String service, Map<String, ?> serviceConfig) {
      serviceConfigs.put(
          Objects.requireNonNull(service, "service"),
          Objects.requireNonNull(serviceConfig, "serviceConfig"));
      return self();
    }

    /**
     * Lets {@code customizer} change each channel builder, for options this builder does not cover
     * (an executor, message size limits, ...). The user agent is set after it, so that every
     * channel sends {@link KantoSdk#USER_AGENT}: give yours to {@link #userAgent(String)}, not to
     * {@code ManagedChannelBuilder.userAgent}.
     */
    public B channelCustomizer(Consumer<ManagedChannelBuilder<?>> customizer) {
      this.channelCustomizer = Objects.requireNonNull(customizer, "customizer");
      return self();
    }

    /**
     * Checks the configuration and builds a channel for every service. For the umbrella client's
     * {@code build()}.
     *
     * @throws IllegalArgumentException if the configuration is invalid: a target names a service
     *     the schema does not have, a service has no target, a target is blank, a bearer token is
     *     blank, spans lines or would go over plaintext to an address that is not loopback, a
     *     duration is not positive or the keepalive is too frequent
     * @throws UncheckedIOException if the trusted certificates cannot be read
     */
    protected final KantoChannels buildChannels() {
      Map<String, ServiceInfo> byName = new LinkedHashMap<>();
      for (ServiceInfo s : services) {
        byName.put(s.name(), s);
      }
      for (String name : serviceTargets.keySet()) {
        requireKnown(byName, name, "target(service, target)");
      }
      for (String name : serviceConfigs.keySet()) {
        requireKnown(byName, name, "serviceConfig(service, config)");
      }
      if (bearerToken != null
          && (bearerToken.isBlank()
              || bearerToken.indexOf('\n') >= 0
              || bearerToken.indexOf('\r') >= 0)) {
        throw new IllegalArgumentException("bearer token must be non-blank and on one line");
      }
      requirePositive("default timeout", defaultTimeout);
      requirePositive("default stream timeout", defaultStreamTimeout);
      requirePositive("keepalive timeout", keepAliveTimeout);
      if (keepAliveTime.compareTo(MIN_KEEPALIVE_TIME) < 0) {
        throw new IllegalArgumentException(
            "keepalive time "
                + keepAliveTime
                + " is below the services' minimum of "
                + MIN_KEEPALIVE_TIME);
      }
      boolean plaintext = credentials instanceof InsecureChannelCredentials;
      Map<String, String> targets = new LinkedHashMap<>();
      for (ServiceInfo s : services) {
        String t = serviceTargets.getOrDefault(s.name(), target);
        if (t != null && t.isBlank()) {
          throw new IllegalArgumentException("blank target for " + s.name());
        }
        if (t == null) {
          t = s.defaultTarget();
        }
        if (t.isBlank()) {
          throw new IllegalArgumentException(
              "no target for "
                  + s.name()
                  + ": the schema names no default host for it; set one with target(\""
                  + s.name()
                  + "\", target) or target(target)");
        }
        if (bearerToken != null && plaintext && !isLoopback(t)) {
          throw new IllegalArgumentException(
              "a bearer token is sent only over TLS or to a loopback address, and "
                  + t
                  + " is neither");
        }
        targets.put(s.name(), t);
      }
      ChannelCredentials creds = credentials();
      String sdkUserAgent = KantoSdk.userAgent(userAgent);
      // grpc-java calls the last interceptor first: the SDK's own go last so that they run
      // first and the caller's interceptors see their effect.
      List<ClientInterceptor> chain = new ArrayList<>(interceptors);
      Collections.reverse(chain);
      if (bearerToken != null) {
        chain.add(Interceptors.bearerToken(bearerToken));
      }
      chain.add(Interceptors.defaultDeadlines(defaultTimeout, defaultStreamTimeout));

      Map<String, ManagedChannel> channels = new LinkedHashMap<>();
      try {
        for (ServiceInfo s : services) {
          Map<String, ?> config = serviceConfigs.get(s.name());
          if (config == null) {
            config = ServiceConfigs.parse(s.serviceConfig());
          }
          ManagedChannelBuilder<?> b =
              Grpc.newChannelBuilder(targets.get(s.name()), creds)
                  .defaultServiceConfig(config)
                  .enableRetry()
                  .keepAliveTime(keepAliveTime.toNanos(), TimeUnit.NANOSECONDS)
                  .keepAliveTimeout(keepAliveTimeout.toNanos(), TimeUnit.NANOSECONDS)
                  .keepAliveWithoutCalls(false)
                  .intercept(chain);
          channelCustomizer.accept(b);
          // Last, so that no customizer drops the SDK's token: grpc-java keeps only the last
          // user agent set, and puts it in front of its own.
          b.userAgent(sdkUserAgent);
          channels.put(s.name(), b.build());
        }
      } catch (RuntimeException e) {
        channels.values().forEach(ManagedChannel::shutdownNow);
        throw e;
      }
      return new KantoChannels(channels, validateRequests ? new RequestValidator() : null);
    }

    private static void requireKnown(Map<String, ServiceInfo> services, String name, String what) {
      if (!services.containsKey(name)) {
        throw new IllegalArgumentException(
            what + " names service " + name + ", which is not one of " + services.keySet());
      }
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
