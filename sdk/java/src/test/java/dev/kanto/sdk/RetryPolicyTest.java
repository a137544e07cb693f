package dev.kanto.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kanto.pokedex.v1.CreatePokemonRequest;
import dev.kanto.pokedex.v1.CreatePokemonResponse;
import dev.kanto.pokedex.v1.GetPokemonRequest;
import dev.kanto.pokedex.v1.GetPokemonResponse;
import dev.kanto.pokedex.v1.Pokemon;
import dev.kanto.pokedex.v1.PokemonClient;
import dev.kanto.pokedex.v1.PokemonServiceGrpc;
import dev.kanto.pokedex.v1.UpdatePokemonRequest;
import dev.kanto.pokedex.v1.UpdatePokemonResponse;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The retry policies of the service config the generated PokemonClient embeds, against a fake
 * Pokédex that answers the first
 * calls of each method with UNAVAILABLE (as a trailers-only response, which is what makes a gRPC
 * client retry; see the README's note on response headers).
 */
class RetryPolicyTest {
  /** A Pokédex that fails the first {@code failures} calls of every method with UNAVAILABLE. */
  private static final class FlakyPokedex extends PokemonServiceGrpc.PokemonServiceImplBase {
    final int failures;
    final AtomicInteger calls = new AtomicInteger();
    final List<String> requestIds = new CopyOnWriteArrayList<>();

    FlakyPokedex(int failures) {
      this.failures = failures;
    }

    private boolean fail(StreamObserver<?> out) {
      if (calls.incrementAndGet() <= failures) {
        out.onError(Status.UNAVAILABLE.withDescription("flaky").asRuntimeException());
        return true;
      }
      return false;
    }

    @Override
    public void getPokemon(GetPokemonRequest req, StreamObserver<GetPokemonResponse> out) {
      if (!fail(out)) {
        out.onNext(
            GetPokemonResponse.newBuilder()
                .setPokemon(Pokemon.newBuilder().setId(req.getId()).setName("Pikachu"))
                .build());
        out.onCompleted();
      }
    }

    @Override
    public void createPokemon(CreatePokemonRequest req, StreamObserver<CreatePokemonResponse> out) {
      requestIds.add(req.getRequestId());
      if (!fail(out)) {
        out.onNext(CreatePokemonResponse.newBuilder().setPokemon(req.getPokemon()).build());
        out.onCompleted();
      }
    }

    @Override
    public void updatePokemon(UpdatePokemonRequest req, StreamObserver<UpdatePokemonResponse> out) {
      if (!fail(out)) {
        out.onNext(UpdatePokemonResponse.newBuilder().setPokemon(req.getPokemon()).build());
        out.onCompleted();
      }
    }
  }

  private Server server;
  private FlakyPokedex pokedex;
  private CallRecorder recorder;
  private KantoClient kanto;

  private void serve(int failures) throws IOException {
    pokedex = new FlakyPokedex(failures);
    server =
        Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(pokedex)
            .build()
            .start();
    recorder = new CallRecorder();
    kanto =
        KantoClient.builder()
            .target(PokemonClient.SERVICE_INFO.name(), "127.0.0.1:" + server.getPort())
            .insecure()
            .interceptor(recorder)
            .build();
  }

  @BeforeEach
  void noServerYet() {
    server = null;
    kanto = null;
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (kanto != null) {
      kanto.close();
    }
    if (server != null) {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void retriesUnavailableUpToMaxAttempts() throws IOException {
    serve(3);
    assertEquals("Pikachu", kanto.pokemon().getPokemon(get(25)).getPokemon().getName());
    assertEquals(4, recorder.last().attempts(), "GetPokemon: maxAttempts 4");
  }

  @Test
  void givesUpAfterMaxAttempts() throws IOException {
    serve(100);
    KantoException e =
        assertThrows(KantoException.class, () -> kanto.pokemon().getPokemon(get(25)));
    assertEquals(Status.Code.UNAVAILABLE, e.code());
    assertEquals(4, recorder.last().attempts());
  }

  @Test
  void methodsWithoutARetryPolicyAreNotRetried() throws IOException {
    serve(1);
    KantoException e =
        assertThrows(
            KantoException.class,
            () ->
                kanto
                    .pokemon()
                    .updatePokemon(
                        UpdatePokemonRequest.newBuilder()
                            .setPokemon(Pokemon.newBuilder().setId(1).setName("Bulba"))
                            .build()));
    assertEquals(Status.Code.UNAVAILABLE, e.code());
    assertEquals(1, recorder.last().attempts(), "UpdatePokemon: no retry policy");
  }

  @Test
  void createRetriesCarryOneRequestId() throws IOException {
    serve(2);
    kanto.pokemon().createPokemon(create(3100, "Retrymon"));
    assertEquals(3, pokedex.requestIds.size());
    assertEquals(1, Set.copyOf(pokedex.requestIds).size(), "every attempt: " + pokedex.requestIds);
    UUID.fromString(pokedex.requestIds.get(0));
  }

  @Test
  void asyncCreateRetriesCarryOneRequestId() throws Exception {
    serve(3);
    kanto.pokemon().createPokemonAsync(create(3101, "Asyncmon")).get(10, TimeUnit.SECONDS);
    assertEquals(4, pokedex.requestIds.size());
    assertEquals(1, Set.copyOf(pokedex.requestIds).size(), "every attempt: " + pokedex.requestIds);
    UUID.fromString(pokedex.requestIds.get(0));
  }

  @Test
  void aCallersRequestIdIsKeptAcrossRetries() throws IOException {
    serve(1);
    kanto
        .pokemon()
        .createPokemon(create(3102, "Ownmon").toBuilder().setRequestId("mine-1").build());
    assertEquals(List.of("mine-1", "mine-1"), pokedex.requestIds);
  }

  private static GetPokemonRequest get(int id) {
    return GetPokemonRequest.newBuilder().setId(id).build();
  }

  private static CreatePokemonRequest create(int id, String name) {
    return CreatePokemonRequest.newBuilder()
        .setPokemon(Pokemon.newBuilder().setId(id).setName(name))
        .build();
  }
}
