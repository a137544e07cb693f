package dev.kanto.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kanto.pokedex.v1.ListPokemonRequest;
import dev.kanto.pokedex.v1.ListPokemonResponse;
import dev.kanto.pokedex.v1.Pokemon;
import dev.kanto.pokedex.v1.PokemonClient;
import dev.kanto.pokedex.v1.PokemonServiceGrpc;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generated pagination iterators, {@code listPokemonPages} and {@code listPokemonItems},
 * against a fake Pokédex over TCP whose pages and failures each test chooses.
 */
class PaginationTest {
  /**
   * A Pokédex of {@code size} species, paged by offset: the token of the page starting at species
   * i is "at-i". It records every page token it is asked for.
   */
  private static final class PagedPokedex extends PokemonServiceGrpc.PokemonServiceImplBase {
    final int size;
    final List<String> tokens = new CopyOnWriteArrayList<>();
    volatile String loopAt; // a token answered with itself as the next one
    volatile String failAt; // a token answered with NOT_FOUND

    PagedPokedex(int size) {
      this.size = size;
    }

    @Override
    public void listPokemon(ListPokemonRequest req, StreamObserver<ListPokemonResponse> out) {
      String token = req.getPageToken();
      tokens.add(token);
      if (token.equals(failAt)) {
        out.onError(Status.NOT_FOUND.withDescription("no such page").asRuntimeException());
        return;
      }
      int from = token.isEmpty() ? 0 : Integer.parseInt(token.substring("at-".length()));
      int to = Math.min(size, from + req.getPageSize());
      ListPokemonResponse.Builder page = ListPokemonResponse.newBuilder().setTotalSize(size);
      for (int i = from; i < to; i++) {
        page.addPokemon(Pokemon.newBuilder().setId(i + 1).setName("mon-" + (i + 1)));
      }
      if (token.equals(loopAt)) {
        page.setNextPageToken(token);
      } else if (to < size) {
        page.setNextPageToken("at-" + to);
      }
      out.onNext(page.build());
      out.onCompleted();
    }
  }

  private Server server;
  private KantoClient kanto;
  private PagedPokedex pokedex;

  @BeforeEach
  void serve() throws IOException {
    pokedex = new PagedPokedex(10);
    server =
        Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(pokedex)
            .build()
            .start();
    kanto =
        KantoClient.builder()
            .target(PokemonClient.SERVICE_INFO.name(), "127.0.0.1:" + server.getPort())
            .insecure()
            .build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    kanto.close();
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private static ListPokemonRequest pageOf(int size) {
    return ListPokemonRequest.newBuilder().setPageSize(size).build();
  }

  private static List<Integer> ids(Iterable<Pokemon> items) {
    List<Integer> out = new ArrayList<>();
    items.forEach(p -> out.add(p.getId()));
    return out;
  }

  @Test
  void itemsFollowEveryPage() {
    assertEquals(
        IntStream.rangeClosed(1, 10).boxed().toList(),
        ids(kanto.pokemon().listPokemonItems(pageOf(3))));
    assertEquals(List.of("", "at-3", "at-6", "at-9"), pokedex.tokens);
  }

  @Test
  void pagesFollowEveryPage() {
    List<Integer> counts =
        kanto.pokemon().listPokemonPages(pageOf(4)).stream()
            .map(ListPokemonResponse::getPokemonCount)
            .toList();
    assertEquals(List.of(4, 4, 2), counts);
  }

  @Test
  void pagesStartAtTheRequestsTokenWhichIsNotModified() {
    ListPokemonRequest request = pageOf(4).toBuilder().setPageToken("at-5").build();
    assertEquals(List.of(6, 7, 8, 9, 10), ids(kanto.pokemon().listPokemonItems(request)));
    assertEquals("at-5", request.getPageToken());
    assertEquals(List.of("at-5", "at-9"), pokedex.tokens);
  }

  @Test
  void pagesAreFetchedLazilyAndEachIterationStartsAgain() {
    Paged<Pokemon> items = kanto.pokemon().listPokemonItems(pageOf(3));
    assertEquals(List.of(), pokedex.tokens, "no call before the iteration");
    Iterator<Pokemon> it = items.iterator();
    assertEquals(List.of(), pokedex.tokens, "no call before hasNext");
    assertEquals(1, it.next().getId());
    assertEquals(List.of(""), pokedex.tokens);
    it.next();
    it.next();
    assertEquals(List.of(""), pokedex.tokens, "the first page's items need one call");
    assertEquals(4, it.next().getId());
    assertEquals(List.of("", "at-3"), pokedex.tokens);

    // Leaving early makes no further calls; iterating again starts from the first page.
    assertEquals(List.of(1, 2), items.stream().limit(2).map(Pokemon::getId).toList());
    assertEquals(List.of("", "at-3", ""), pokedex.tokens);
  }

  @Test
  void aServerThatReturnsTheTokenItWasGivenIsALoop() {
    pokedex.loopAt = "at-3";
    Iterator<ListPokemonResponse> pages = kanto.pokemon().listPokemonPages(pageOf(3)).iterator();
    assertEquals(3, pages.next().getPokemonCount());
    assertEquals(3, pages.next().getPokemonCount(), "the looping page itself is returned");
    KantoException e = assertThrows(KantoException.class, pages::hasNext);
    assertEquals(Status.Code.INTERNAL, e.code());
    assertTrue(e.getMessage().contains("page token it was given (at-3)"), e.getMessage());
    assertFalse(pages.hasNext(), "the loop ends the iteration");
    assertEquals(List.of("", "at-3"), pokedex.tokens, "no call repeats the token");

    List<Integer> seen = new ArrayList<>();
    e =
        assertThrows(
            KantoException.class,
            () -> kanto.pokemon().listPokemonItems(pageOf(3)).forEach(p -> seen.add(p.getId())));
    assertEquals(Status.Code.INTERNAL, e.code());
    assertEquals(List.of(1, 2, 3, 4, 5, 6), seen);
  }

  @Test
  void aFailedCallEndsTheIterationWithItsError() {
    pokedex.failAt = "at-6";
    Iterator<Pokemon> it = kanto.pokemon().listPokemonItems(pageOf(3)).iterator();
    List<Integer> seen = new ArrayList<>();
    KantoException e =
        assertThrows(
            KantoException.class,
            () -> {
              while (it.hasNext()) {
                seen.add(it.next().getId());
              }
            });
    assertEquals(Status.Code.NOT_FOUND, e.code());
    assertEquals(List.of(1, 2, 3, 4, 5, 6), seen);
    assertFalse(it.hasNext());
  }
}
