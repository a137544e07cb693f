package dev.kanto.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kanto.expedition.v1.ExpeditionClient;
import dev.kanto.geo.v1.Location;
import dev.kanto.pokedex.v1.BaseStats;
import dev.kanto.pokedex.v1.CreatePokemonRequest;
import dev.kanto.pokedex.v1.GetPokemonRequest;
import dev.kanto.pokedex.v1.ListEncountersRequest;
import dev.kanto.pokedex.v1.Pokemon;
import dev.kanto.pokedex.v1.PokemonClient;
import dev.kanto.pokedex.v1.Rarity;
import dev.kanto.routeplanner.v1.RecordTripRequest;
import dev.kanto.routeplanner.v1.RecordTripResponse;
import dev.kanto.routeplanner.v1.RoutePlannerClient;
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
    return KantoClient.builder().target(NOWHERE).insecure().validateRequests(true).build();
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
        IllegalArgumentException.class,
        () -> KantoClient.builder().defaultStreamTimeout(Duration.ofSeconds(-1)).build());
    assertThrows(
        IllegalArgumentException.class, () -> KantoClient.builder().bearerToken("a\nb").build());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            KantoClient.builder().keepAlive(Duration.ofSeconds(-1), Duration.ofSeconds(1)).build());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                KantoClient.builder()
                    .keepAlive(Duration.ofSeconds(5), Duration.ofSeconds(1))
                    .build());
    assertTrue(e.getMessage().contains("minimum"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> KantoClient.builder().target("kanto.nosuch.v1.NoService", NOWHERE).build());
    assertTrue(e.getMessage().contains("kanto.nosuch.v1.NoService"), e.getMessage());
    try (KantoClient kanto = KantoClient.builder().insecure().build()) {
      assertThrows(
          IllegalArgumentException.class, () -> kanto.pokemon().withTimeout(Duration.ZERO));
      assertThrows(IllegalArgumentException.class, () -> kanto.channel("kanto.nosuch.v1.X"));
    }
  }

  @Test
  void defaultTargetsAreTheSchemasDefaultHosts() {
    assertEquals("127.0.0.1:50051", PokemonClient.SERVICE_INFO.defaultTarget());
    assertEquals("127.0.0.1:50052", RoutePlannerClient.SERVICE_INFO.defaultTarget());
    assertEquals("127.0.0.1:50053", ExpeditionClient.SERVICE_INFO.defaultTarget());
    try (KantoClient kanto = KantoClient.builder().build()) { // TLS by default
      for (ServiceInfo s : KantoClient.SERVICES) {
        assertEquals(s.defaultTarget(), kanto.channel(s.name()).authority(), s.name());
      }
    }
  }

  @Test
  void targetsPerServiceWinOverTheCommonTarget() {
    try (KantoClient kanto =
        KantoClient.builder()
            .target("10.0.0.9:443")
            .target(RoutePlannerClient.SERVICE_INFO.name(), "10.0.0.7:8443")
            .build()) {
      assertEquals("10.0.0.9:443", kanto.channel(PokemonClient.SERVICE_INFO.name()).authority());
      assertEquals(
          "10.0.0.7:8443", kanto.channel(RoutePlannerClient.SERVICE_INFO.name()).authority());
    }
  }

  @Test
  void theRegistryListsEveryClientOnce() {
    try (KantoClient kanto = KantoClient.builder().build()) {
      List<String> names = KantoClient.SERVICES.stream().map(ServiceInfo::name).toList();
      assertEquals(names.stream().sorted().distinct().toList(), names, "sorted, no repeats");
      assertEquals(
          names, kanto.clients().stream().map(c -> c.serviceInfo().name()).toList(), "clients()");
      assertEquals(PokemonClient.SERVICE_INFO, kanto.pokemon().serviceInfo());
      assertEquals(RoutePlannerClient.SERVICE_INFO, kanto.routePlanner().serviceInfo());
      assertEquals(ExpeditionClient.SERVICE_INFO, kanto.expedition().serviceInfo());
      // withTimeout and friends return the concrete generated type.
      PokemonClient derived = kanto.pokemon().withTimeout(Duration.ofSeconds(1));
      assertEquals(PokemonClient.SERVICE_INFO, derived.serviceInfo());
    }
  }

  @Test
  void clientSideValidationFailsWithoutARoundTrip() {
    try (KantoClient kanto = validating()) {
      KantoException e =
          assertThrows(
              KantoException.class,
              () -> kanto.pokemon().getPokemon(GetPokemonRequest.newBuilder().setId(0).build()));
      assertEquals(Status.Code.INVALID_ARGUMENT, e.code());
      assertEquals(List.of("id int32.gte_lte"), violations(e));

      e =
          assertThrows(
              KantoException.class,
              () ->
                  kanto
                      .pokemon()
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
          assertThrows(
              KantoException.class,
              () ->
                  kanto
                      .pokemon()
                      .createPokemon(
                          CreatePokemonRequest.newBuilder().setPokemon(invalid).build()));
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
          kanto.pokemon().getPokemonAsync(GetPokemonRequest.newBuilder().setId(10000).build());
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
    try (KantoClient kanto = KantoClient.builder().target(NOWHERE).insecure().build()) {
      KantoException e =
          assertThrows(
              KantoException.class,
              () ->
                  kanto
                      .pokemon()
                      .withTimeout(Duration.ofSeconds(10))
                      .getPokemon(GetPokemonRequest.newBuilder().setId(25).build()));
      assertEquals(Status.Code.UNAVAILABLE, e.code());
    }
  }
}
