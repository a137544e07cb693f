package dev.kanto.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kanto.pokedex.v1.GetPokemonRequest;
import dev.kanto.pokedex.v1.GetPokemonResponse;
import dev.kanto.pokedex.v1.Pokemon;
import dev.kanto.pokedex.v1.PokemonClient;
import dev.kanto.pokedex.v1.PokemonServiceGrpc;
import dev.kanto.routeplanner.v1.RoutePlannerClient;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.TlsServerCredentials;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The security defaults every Kanto SDK shares: TLS unless the caller asks for plaintext, and a
 * bearer token never sent over plaintext except to a loopback address, with the design's message.
 */
class SecurityDefaultsTest {
  private static final String TOKEN = "s3cret";

  private static String refusal(String target) {
    return "a bearer token is sent only over TLS or to a loopback address, and "
        + target
        + " is neither";
  }

  /** A Pokédex that answers GetPokemon and records each call's authorization header. */
  private static final class RecordingPokedex extends PokemonServiceGrpc.PokemonServiceImplBase {
    @Override
    public void getPokemon(GetPokemonRequest req, StreamObserver<GetPokemonResponse> out) {
      out.onNext(
          GetPokemonResponse.newBuilder()
              .setPokemon(Pokemon.newBuilder().setId(req.getId()).setName("Pikachu"))
              .build());
      out.onCompleted();
    }
  }

  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private Server server;

  private int serve(ServerCredentials credentials) throws IOException {
    Metadata.Key<String> auth = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    ServerInterceptor recorder =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            authorizations.add(String.valueOf(headers.get(auth)));
            return next.startCall(call, headers);
          }
        };
    server =
        Grpc.newServerBuilderForPort(0, credentials)
            .addService(ServerInterceptors.intercept(new RecordingPokedex(), recorder))
            .build()
            .start();
    return server.getPort();
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (server != null) {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static String getPokemon(KantoClient kanto) {
    return kanto
        .pokemon()
        .withTimeout(Duration.ofSeconds(10))
        .getPokemon(GetPokemonRequest.newBuilder().setId(25).build())
        .getPokemon()
        .getName();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.1.2.3:50051",
        "kanto.example.com:443",
        "dns:///kanto.example.com:443",
        "127.0.0.1.example.com:50051",
        "[2001:db8::1]:50051",
      })
  void aTokenOverPlaintextToAnAddressThatIsNotLoopbackIsRefused(String target) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> KantoClient.builder().insecure().bearerToken(TOKEN).target(target).build());
    assertEquals(refusal(target), e.getMessage());

    // The same through a per-service target, and through insecure credentials given directly.
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                KantoClient.builder()
                    .credentials(InsecureChannelCredentials.create())
                    .bearerToken(TOKEN)
                    .target("127.0.0.1:1")
                    .target(RoutePlannerClient.SERVICE_INFO.name(), target)
                    .build());
    assertEquals(refusal(target), e.getMessage());

    // Without a token, or over TLS, the same target is fine.
    KantoClient.builder().insecure().target(target).build().close();
    KantoClient.builder().bearerToken(TOKEN).target(target).build().close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1:50051",
        "127.3.2.1:50051",
        "localhost:50051",
        "LOCALHOST",
        "[::1]:50051",
        "[0:0:0:0:0:0:0:1]:50051",
        "dns:///localhost:50051",
        "dns://8.8.8.8/127.0.0.1:50051",
        "unix:/tmp/kanto.sock",
        "unix:///tmp/kanto.sock",
      })
  void aTokenOverPlaintextToLoopbackIsAllowed(String target) {
    KantoClient.builder().insecure().bearerToken(TOKEN).target(target).build().close();
  }

  @Test
  void isLoopbackNeverTrustsANameThatOnlyLooksLocal() {
    for (String t :
        List.of(
            "localhost.example.com:1",
            "127.0.0.1.nip.io",
            "128.0.0.1:1",
            "::2",
            "[::ffff:10.0.0.1]:1",
            "xds:///localhost:1",
            "256.0.0.1:1",
            "")) {
      assertEquals(false, KantoChannels.isLoopback(t), t);
    }
    assertEquals(true, KantoChannels.isLoopback("[::ffff:127.0.0.1]:1"));
    assertEquals(true, KantoChannels.isLoopback("passthrough:///127.0.0.1:1"));
  }

  @Test
  void theTokenReachesALoopbackServiceOverPlaintext() throws IOException {
    int port = serve(InsecureServerCredentials.create());
    try (KantoClient kanto =
        KantoClient.builder()
            .target(PokemonClient.SERVICE_INFO.name(), "127.0.0.1:" + port)
            .insecure()
            .bearerToken(TOKEN)
            .build()) {
      assertEquals("Pikachu", getPokemon(kanto));
    }
    assertEquals(List.of("Bearer " + TOKEN), authorizations);
  }

  @Test
  void tlsIsTheDefault() throws IOException {
    int port = serve(InsecureServerCredentials.create());
    String target = "127.0.0.1:" + port;
    try (KantoClient kanto =
        KantoClient.builder().target(PokemonClient.SERVICE_INFO.name(), target).build()) {
      // A TLS handshake with a plaintext server fails.
      KantoException e = assertThrows(KantoException.class, () -> getPokemon(kanto));
      assertEquals(Status.Code.UNAVAILABLE, e.code());
    }
    assertEquals(List.of(), authorizations, "no call reached the plaintext server");
  }

  @Test
  void theTokenGoesOverTls(@TempDir Path dir) throws Exception {
    Path keystore = dir.resolve("server.p12");
    Path certificate = dir.resolve("server.pem");
    selfSignedCertificate(keystore, certificate);
    int port = serve(tlsCredentials(keystore));
    try (KantoClient kanto =
        KantoClient.builder()
            .target(PokemonClient.SERVICE_INFO.name(), "127.0.0.1:" + port)
            .tls(certificate)
            .bearerToken(TOKEN)
            .build()) {
      assertEquals("Pikachu", getPokemon(kanto));
    }
    assertEquals(List.of("Bearer " + TOKEN), authorizations);
  }

  private static final String PASSWORD = "kanto-test";

  /**
   * Makes a self-signed certificate for 127.0.0.1 with the JDK's keytool: the key pair in a PKCS12
   * keystore for the server, the certificate as PEM for the client to trust.
   */
  private static void selfSignedCertificate(Path keystore, Path pem)
      throws IOException, InterruptedException {
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    run(
        keytool, "-genkeypair", "-alias", "kanto", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
        "-keystore", keystore.toString(), "-storetype", "PKCS12",
        "-storepass", PASSWORD, "-keypass", PASSWORD);
    run(
        keytool, "-exportcert", "-rfc", "-alias", "kanto", "-keystore", keystore.toString(),
        "-storepass", PASSWORD, "-file", pem.toString());
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + output);
    }
  }

  private static ServerCredentials tlsCredentials(Path keystore) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD.toCharArray());
    return TlsServerCredentials.newBuilder().keyManager(kmf.getKeyManagers()).build();
  }
}
