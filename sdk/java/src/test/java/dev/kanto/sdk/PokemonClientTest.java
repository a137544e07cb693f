package dev.kanto.sdk;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import dev.kanto.pokedex.v1.BaseStats;
import dev.kanto.pokedex.v1.CreatePokemonRequest;
import dev.kanto.pokedex.v1.DeletePokemonRequest;
import dev.kanto.pokedex.v1.GetPokemonRequest;
import dev.kanto.pokedex.v1.ListPokemonRequest;
import dev.kanto.pokedex.v1.ListPokemonResponse;
import dev.kanto.pokedex.v1.Pokemon;
import dev.kanto.pokedex.v1.PokemonClient;
import dev.kanto.pokedex.v1.PokemonType;
import dev.kanto.pokedex.v1.Rarity;
import dev.kanto.pokedex.v1.UpdatePokemonRequest;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated Pokédex client, PokemonClient, against a live Pokédex. */
class PokemonClientTest {
  private static TestEnv env;
  private static KantoClient anonymous;

  @BeforeAll
  static void start() {
    env = TestEnv.start("pokedex-client");
    anonymous = env.clientBuilder().build();
  }

  @AfterAll
  static void stop() {
    if (anonymous != null) {
      anonymous.close();
    }
    if (env != null) {
      env.close();
    }
  }

  private static GetPokemonRequest get(int id) {
    return GetPokemonRequest.newBuilder().setId(id).build();
  }

  private static CreatePokemonRequest create(Pokemon pokemon) {
    return CreatePokemonRequest.newBuilder().setPokemon(pokemon).build();
  }

  private static DeletePokemonRequest delete(int id) {
    return DeletePokemonRequest.newBuilder().setId(id).build();
  }

  private static Pokemon species(int id, String name) {
    return Pokemon.newBuilder()
        .setId(id)
        .setName(name)
        .addTypes(PokemonType.POKEMON_TYPE_DRAGON)
        .setRarity(Rarity.RARITY_NORMAL)
        .setBaseStats(
            BaseStats.newBuilder()
                .setHp(80)
                .setAttack(70)
                .setDefense(60)
                .setSpecialAttack(90)
                .setSpecialDefense(75)
                .setSpeed(95))
        .setHeightMeters(1.4)
        .setWeightKilograms(42.5)
        .build();
  }

  @Test
  void getPokemon() throws Exception {
    Pokemon pikachu = anonymous.pokemon().getPokemon(get(25)).getPokemon();
    assertEquals("Pikachu", pikachu.getName());
    assertEquals(List.of(PokemonType.POKEMON_TYPE_ELECTRIC), pikachu.getTypesList());

    Pokemon mew =
        anonymous
            .pokemon()
            .getPokemonAsync(get(151))
            .get(10, TimeUnit.SECONDS)
            .getPokemon();
    assertEquals(Rarity.RARITY_MYTHIC, mew.getRarity());
  }

  @Test
  void errorsCarryCodeAndFieldViolations() {
    KantoException notFound =
        assertThrows(KantoException.class, () -> anonymous.pokemon().getPokemon(get(9999)));
    assertEquals(Status.Code.NOT_FOUND, notFound.code());

    KantoException invalid =
        assertThrows(KantoException.class, () -> anonymous.pokemon().getPokemon(get(0)));
    assertEquals(Status.Code.INVALID_ARGUMENT, invalid.code());
    assertEquals(
        List.of("id"), invalid.fieldViolations().stream().map(FieldViolation::field).toList());
    assertEquals("int32.gte_lte", invalid.fieldViolations().get(0).reason());

    ExecutionException async =
        assertThrows(
            ExecutionException.class,
            () ->
                anonymous
                    .pokemon()
                    .getPokemonAsync(get(9999))
                    .get(10, TimeUnit.SECONDS));
    assertEquals(
        Status.Code.NOT_FOUND, assertInstanceOf(KantoException.class, async.getCause()).code());
  }

  @Test
  void pagination() {
    ListPokemonRequest psychic =
        ListPokemonRequest.newBuilder()
            .setType(PokemonType.POKEMON_TYPE_PSYCHIC)
            .setPageSize(7)
            .build();
    int total = anonymous.pokemon().listPokemon(psychic).getTotalSize();
    assertTrue(total > 14, "want several pages of psychic species, got " + total);

    List<Integer> ids =
        anonymous.pokemon().listPokemonItems(psychic).stream().map(Pokemon::getId).toList();
    assertEquals(total, ids.size());
    assertEquals(ids.stream().sorted().distinct().toList(), ids, "ascending, without repeats");

    int pages = 0;
    for (ListPokemonResponse page : anonymous.pokemon().listPokemonPages(psychic)) {
      pages++;
      assertTrue(page.getPokemonCount() <= 7);
    }
    assertEquals((total + 6) / 7, pages);

    List<String> names = new ArrayList<>();
    for (Pokemon p :
        anonymous
            .pokemon()
            .listPokemonItems(ListPokemonRequest.newBuilder().setPageSize(1000).build())) {
      names.add(p.getName());
    }
    assertEquals(1025, names.size());
    assertEquals("Bulbasaur", names.get(0));
  }

  @Test
  void writesNeedTheCuratorToken() {
    KantoException e =
        assertThrows(
            KantoException.class,
            () -> anonymous.pokemon().createPokemon(create(species(3001, "Anonymon"))));
    assertEquals(Status.Code.UNAUTHENTICATED, e.code());

    CallRecorder recorder = new CallRecorder();
    try (KantoClient curator =
        env.clientBuilder().bearerToken(env.curatorToken()).interceptor(recorder).build()) {
      Pokemon created =
          curator.pokemon().createPokemon(create(species(3001, "Curamon"))).getPokemon();
      assertEquals("Curamon", created.getName());
      assertEquals("Bearer " + env.curatorToken(), recorder.last().header("authorization"));

      // A per-call authorization header wins over the client's token.
      e =
          assertThrows(
              KantoException.class,
              () ->
                  curator
                      .pokemon()
                      .withHeader("authorization", "Bearer wrong")
                      .deletePokemon(delete(3001)));
      assertEquals(Status.Code.PERMISSION_DENIED, e.code());

      Pokemon renamed =
          curator
              .pokemon()
              .updatePokemon(
                  UpdatePokemonRequest.newBuilder()
                      .setPokemon(Pokemon.newBuilder().setId(3001).setName("Curamon Prime"))
                      .setUpdateMask(FieldMask.newBuilder().addPaths("name"))
                      .build())
              .getPokemon();
      assertEquals("Curamon Prime", renamed.getName());
      assertEquals(List.of(PokemonType.POKEMON_TYPE_DRAGON), renamed.getTypesList());

      curator.pokemon().deletePokemon(delete(3001));
      e = assertThrows(KantoException.class, () -> anonymous.pokemon().getPokemon(get(3001)));
      assertEquals(Status.Code.NOT_FOUND, e.code());
    }
  }

  @Test
  void createFillsAFreshRequestId() throws Exception {
    CallRecorder recorder = new CallRecorder();
    try (KantoClient curator =
        env.clientBuilder().bearerToken(env.curatorToken()).interceptor(recorder).build()) {
      curator.pokemon().createPokemon(create(species(3002, "Uuidmon")));
      String first = ((CreatePokemonRequest) recorder.last().messages.get(0)).getRequestId();
      UUID.fromString(first); // throws unless it is a UUID

      // A new request id each time: the same species again is a new creation, so it conflicts.
      KantoException e =
          assertThrows(
              KantoException.class,
              () -> curator.pokemon().createPokemon(create(species(3002, "Uuidmon"))));
      assertEquals(Status.Code.ALREADY_EXISTS, e.code());
      String second = ((CreatePokemonRequest) recorder.last().messages.get(0)).getRequestId();
      assertNotEquals(first, second);

      // A caller's own request id is kept, and a retry with it returns the first result.
      CreatePokemonRequest own =
          CreatePokemonRequest.newBuilder()
              .setPokemon(species(3003, "Retrymon"))
              .setRequestId("my-request-1")
              .build();
      Pokemon once = curator.pokemon().createPokemon(own).getPokemon();
      Pokemon twice = curator.pokemon().createPokemon(own).getPokemon();
      assertEquals(once, twice);
      assertEquals(
          "my-request-1", ((CreatePokemonRequest) recorder.last().messages.get(0)).getRequestId());


      // The asynchronous form fills one in too.
      curator.pokemon().createPokemonAsync(create(species(3004, "Asyncmon"))).get(10, SECONDS);
      String async = ((CreatePokemonRequest) recorder.last().messages.get(0)).getRequestId();
      UUID.fromString(async);
      assertNotEquals(second, async);

      curator.pokemon().deletePokemon(delete(3002));
      curator.pokemon().deletePokemon(delete(3003));
      curator.pokemon().deletePokemon(delete(3004));
    }
  }

  @Test
  void timeoutsComeFromTheServiceConfig() {
    CallRecorder recorder = new CallRecorder();
    try (KantoClient kanto = env.clientBuilder().interceptor(recorder).build()) {
      kanto.pokemon().getPokemon(get(1));
      assertBetween(4000, 5000, recorder.last().firstAttemptTimeLeftMillis(), "GetPokemon: 5s");

      // UpdatePokemon has only the service-wide 10s.
      assertThrows(
          KantoException.class,
          () -> kanto.pokemon().updatePokemon(UpdatePokemonRequest.getDefaultInstance()));
      assertBetween(
          9000, 10000, recorder.last().firstAttemptTimeLeftMillis(), "UpdatePokemon: 10s");

      // A shorter per-call timeout wins; a longer one is capped by the service config.
      kanto.pokemon().withTimeout(Duration.ofSeconds(2)).getPokemon(get(1));
      assertBetween(1000, 2000, recorder.last().firstAttemptTimeLeftMillis(), "withTimeout(2s)");
      kanto.pokemon().withTimeout(Duration.ofSeconds(60)).getPokemon(get(1));
      assertBetween(4000, 5000, recorder.last().firstAttemptTimeLeftMillis(), "capped at 5s");

      KantoException e =
          assertThrows(
              KantoException.class,
              () ->
                  kanto
                      .pokemon()
                      .withTimeout(Duration.ofNanos(1))
                      .listPokemon(ListPokemonRequest.newBuilder().setPageSize(1000).build()));
      assertEquals(Status.Code.DEADLINE_EXCEEDED, e.code());
    }
  }

  @Test
  void defaultTimeoutAppliesWhenTheCallerSetsNone() {
    CallRecorder recorder = new CallRecorder();
    try (KantoClient kanto =
        env.clientBuilder().defaultTimeout(Duration.ofSeconds(3)).interceptor(recorder).build()) {
      kanto.pokemon().getPokemon(get(1));
      assertBetween(2000, 3000, recorder.last().firstAttemptTimeLeftMillis(), "default 3s");
      kanto.pokemon().withTimeout(Duration.ofSeconds(4)).getPokemon(get(1));
      assertBetween(3000, 4000, recorder.last().firstAttemptTimeLeftMillis(), "per-call 4s");
    }
  }

  @Test
  void unaryCallsWithoutATimeoutGetTheDefaultOf30Seconds() {
    // With an empty service config the Pokédex's methods have no timeout of their own.
    CallRecorder recorder = new CallRecorder();
    try (KantoClient kanto =
        env.clientBuilder()
            .serviceConfig(PokemonClient.SERVICE_INFO.name(), Map.of())
            .interceptor(recorder)
            .build()) {
      kanto.pokemon().getPokemon(get(1));
      assertBetween(29000, 30000, recorder.last().firstAttemptTimeLeftMillis(), "default 30s");
    }
  }

  private static void assertBetween(long low, long high, long actual, String what) {
    assertTrue(
        low < actual && actual <= high,
        what + ": want (" + low + ", " + high + "] ms left, got " + actual);
  }
}
