package dev.kanto.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * KantoSdk tells which SDK release and which schema revision this jar is, and the user agent that
 * says so on every call.
 *
 * <p>Every channel a {@link KantoClient} builds sends {@link #USER_AGENT} as the start of its gRPC
 * {@code user-agent} header (grpc-java appends its own token, an application's {@link
 * KantoClient.Builder#userAgent} goes in front). The Kanto services log the SDK, its version and
 * the schema revision of each call, and flag callers generated from another schema than theirs
 * ({@code schema_skew}), so operators can see which releases call them and find clients that need
 * regenerating. Every Kanto SDK sends the same form, {@code kanto-sdk-<language>/<version>
 * kanto-schema/<revision>}.
 *
 * <p>The values are set when this class is initialized: they are not compile-time constants, so
 * javac never copies them into an application's class files, and they always describe the SDK jar
 * actually on the classpath. The version comes from the Maven-filtered resource {@code
 * dev/kanto/sdk/kanto-sdk.properties} (the pom's version, which the repository's root {@code
 * VERSION} file sets), the revision from the generated code: protoc-gen-kanto writes it into the
 * class {@code dev.kanto.sdk.KantoSchema} beside the generated clients. A jar without the version
 * is a broken build: initializing this class then fails with an {@link IllegalStateException}.
 */
public final class KantoSdk {
  private static final String PROPERTIES = "/dev/kanto/sdk/kanto-sdk.properties";
  private static final Pattern SEMVER =
      Pattern.compile("(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z.-]+)?");
  // Twelve hex digits, or none for code generated without a revision.
  private static final Pattern REVISION = Pattern.compile("([0-9a-f]{12})?");

  /** The product name this SDK sends in its user agent. */
  public static final String NAME = "kanto-sdk-java";

  /** This SDK's release version, a semantic version such as {@code 0.1.0}. */
  public static final String VERSION = loadVersion();

  /**
   * The revision of the schema ({@code proto/}) the generated code of this SDK came from: 12
   * lowercase hex digits, the same in every SDK and service built from that schema. Empty only if
   * the code was generated without one (protoc-gen-kanto without {@code service_config_root}).
   */
  public static final String SCHEMA_REVISION = checkSchemaRevision(KantoSchema.REVISION);

  /**
   * The user agent every channel of a {@link KantoClient} starts with: {@code
   * kanto-sdk-java/<version> kanto-schema/<revision>} ({@code kanto-sdk-java/<version>} alone
   * without a schema revision). Send it from channels you build yourself ({@code
   * ManagedChannelBuilder.userAgent(KantoSdk.USER_AGENT)}) for the services to log them the same
   * way.
   */
  public static final String USER_AGENT =
      SCHEMA_REVISION.isEmpty()
          ? NAME + "/" + VERSION
          : NAME + "/" + VERSION + " kanto-schema/" + SCHEMA_REVISION;

  private KantoSdk() {}

  /**
   * Returns the user agent to give grpc-java's {@code ManagedChannelBuilder.userAgent}: the
   * application's own {@code appUserAgent} (if not null or blank) in front of {@link #USER_AGENT}.
   * grpc-java keeps only the last value set and appends its own token to it.
   */
  static String userAgent(String appUserAgent) {
    if (appUserAgent == null || appUserAgent.isBlank()) {
      return USER_AGENT;
    }
    return appUserAgent.strip() + " " + USER_AGENT;
  }

  private static String loadVersion() {
    Properties props = new Properties();
    try (InputStream in = open(PROPERTIES)) {
      props.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("read " + PROPERTIES, e);
    }
    String version = props.getProperty("version", "").strip();
    if (!SEMVER.matcher(version).matches()) {
      throw new IllegalStateException(
          PROPERTIES
              + ": version "
              + version
              + " is not a semantic version (was the resource not filtered by Maven?)");
    }
    return version;
  }

  // A method, not the constant itself, so that SCHEMA_REVISION is no compile-time constant.
  private static String checkSchemaRevision(String revision) {
    if (!REVISION.matcher(revision).matches()) {
      throw new IllegalStateException(
          "the generated schema revision " + revision + " is not 12 lowercase hex digits");
    }
    return revision;
  }

  private static InputStream open(String resource) {
    InputStream in = KantoSdk.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException(
          resource + " is not on the classpath: the SDK jar is incomplete");
    }
    return in;
  }
}
