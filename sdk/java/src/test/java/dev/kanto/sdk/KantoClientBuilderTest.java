package dev.kanto.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kanto.geo.v1.Location;
import dev.kanto.pokedex.v1.BaseStats;
import dev.kanto.pokedex.v1.GetPokemonRequest;
import dev.kanto.pokedex.v1.ListEncountersRequest;
import dev.kanto.pokedex.v1.Pokemon;
import dev.kanto.pokedex.v1.Rarity;
import dev.kanto.routeplanner.v1.RecordTripRequest;
import dev.kanto.routeplanner.v1.RecordTripResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Tests of the client that need no server: configuration and client-side validation. */
class KantoClientBuilderTest {
  /** Nothing listens there: a call that reaches the network fails with UNAVAILABLE. */
  private static final String NOWHERE = "127.0.0.1:1";

  private static KantoClient validating() {
    return KantoClient.builder().target(NOWHERE).plaintext().validateRequests(true).build();
  }

  private static List<String> violations(KantoException e) {
    return e.fieldViolations().stream().map(v -> v.field() + " " + v.reason()).toList();
  }

  @Test
  void rejectsBadConfiguration() {
    assertThrows(IllegalArgumentException.class, () -> KantoClient.builder().target(" ").build());
    assertThrows(
        IllegalArgumentException.class,
        () -> KantoClient.builder().defaultTimeout(Duration.ZERO).build());
    assertThrows(
        IllegalArgumentException.class, () -> KantoClient.builder().bearerToken("a\nb").build());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            KantoClient.builder().keepAlive(Duration.ofSeconds(-1), Duration.ofSeconds(1)).build());
    try (KantoClient kanto = KantoClient.builder().plaintext().build()) {
      assertThrows(
          IllegalArgumentException.class, () -> kanto.pokedex().withTimeout(Duration.ZERO));
    }
  }

  @Test
  void defaultsAreTheLocalServices() {
    assertEquals("127.0.0.1:50051", KantoService.POKEDEX.defaultTarget());
    assertEquals("127.0.0.1:50052", KantoService.ROUTE_PLANNER.defaultTarget());
    assertEquals("127.0.0.1:50053", KantoService.EXPEDITION.defaultTarget());
    try (KantoClient kanto = KantoClient.builder().build()) { // TLS by default
      assertEquals("127.0.0.1:50051", kanto.channel(KantoService.POKEDEX).authority());
    }
  }

  @Test
  void clientSideValidationFailsWithoutARoundTrip() {
    try (KantoClient kanto = validating()) {
      KantoException e = assertThrows(KantoException.class, () -> kanto.pokedex().getPokemon(0));
      assertEquals(Status.Code.INVALID_ARGUMENT, e.code());
      assertEquals(List.of("id int32.gte_lte"), violations(e));

      e =
          assertThrows(
              KantoException.class,
              () ->
                  kanto
                      .pokedex()
                      .listEncounters(
                          ListEncountersRequest.newBuilder().addPlaceIds("Route 1").build()));
      assertEquals(List.of("place_ids[0] string.pattern"), violations(e));
    }
  }

  @Test
  void clientSideValidationMatchesTheServersViolations() {
    // The same request and violations as the conformance vector create_pokemon_invalid.
    Pokemon invalid =
        Pokemon.newBuilder()
            .setId(2002)
            .setRarity(Rarity.RARITY_NORMAL)
            .setBaseStats(
                BaseStats.newBuilder()
                    .setHp(0)
                    .setAttack(1)
                    .setDefense(1)
                    .setSpecialAttack(1)
                    .setSpecialDefense(1)
                    .setSpeed(1))
            .setHeightMeters(1)
            .setWeightKilograms(1)
            .build();
    try (KantoClient kanto = validating()) {
      KantoException e =
          assertThrows(KantoException.class, () -> kanto.pokedex().createPokemon(invalid));
      assertEquals(
          List.of(
              "pokemon.name string.min_len",
              "pokemon.types repeated.min_items",
              "pokemon.base_stats.hp int32.gte_lte"),
          violations(e));
    }
  }

  @Test
  void clientSideValidationOfAsyncCalls() throws Exception {
    try (KantoClient kanto = validating()) {
      CompletableFuture<?> f =
          kanto.pokedex().getPokemonAsync(GetPokemonRequest.newBuilder().setId(10000).build());
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
      assertEquals(Status.Code.INVALID_ARGUMENT, ((KantoException) e.getCause()).code());
    }
  }

  @Test
  void clientSideValidationOfStreamedRequests() {
    RecordTripRequest badLatitude =
        RecordTripRequest.newBuilder()
            .setLocation(Location.newBuilder().setLatitude(91))
            .setRecordTime(com.google.protobuf.Timestamp.newBuilder().setSeconds(1))
            .build();
    try (KantoClient kanto = validating()) {
      KantoException e =
          assertThrows(
              KantoException.class, () -> kanto.routePlanner().recordTrip(List.of(badLatitude)));
      assertEquals(List.of("location.latitude double.gte_lte"), violations(e));

      CompletableFuture<Throwable> error = new CompletableFuture<>();
      StreamObserver<RecordTripRequest> requests =
          kanto
              .routePlanner()
              .recordTripAsync(
                  new StreamObserver<RecordTripResponse>() {
                    @Override
                    public void onNext(RecordTripResponse value) {}

                    @Override
                    public void onError(Throwable t) {
                      error.complete(t);
                    }

                    @Override
                    public void onCompleted() {
                      error.complete(null);
                    }
                  });
      assertThrows(KantoException.class, () -> requests.onNext(badLatitude));
      assertTrue(error.join() instanceof KantoException);
    }
  }

  @Test
  void unreachableServiceIsUnavailable() {
    try (KantoClient kanto = KantoClient.builder().target(NOWHERE).plaintext().build()) {
      KantoException e =
          assertThrows(
              KantoException.class,
              () -> kanto.pokedex().withTimeout(Duration.ofSeconds(10)).getPokemon(25));
      assertEquals(Status.Code.UNAVAILABLE, e.code());
    }
  }
}
