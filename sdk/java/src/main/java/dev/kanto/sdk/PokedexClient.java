package dev.kanto.sdk;

import dev.kanto.pokedex.v1.BatchGetPokemonRequest;
import dev.kanto.pokedex.v1.BatchGetPokemonResponse;
import dev.kanto.pokedex.v1.CreatePokemonRequest;
import dev.kanto.pokedex.v1.CreatePokemonResponse;
import dev.kanto.pokedex.v1.DeletePokemonRequest;
import dev.kanto.pokedex.v1.DeletePokemonResponse;
import dev.kanto.pokedex.v1.GetPokemonRequest;
import dev.kanto.pokedex.v1.GetPokemonResponse;
import dev.kanto.pokedex.v1.ListEncountersRequest;
import dev.kanto.pokedex.v1.ListEncountersResponse;
import dev.kanto.pokedex.v1.ListPokemonRequest;
import dev.kanto.pokedex.v1.ListPokemonResponse;
import dev.kanto.pokedex.v1.Pokemon;
import dev.kanto.pokedex.v1.PokemonServiceGrpc;
import dev.kanto.pokedex.v1.UpdatePokemonRequest;
import dev.kanto.pokedex.v1.UpdatePokemonResponse;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * PokedexClient calls the Pokédex ({@code kanto.pokedex.v1.PokemonService}). Reads are public;
 * writes need the client's bearer token ({@link KantoClient.Builder#bearerToken}) and fail with
 * {@code UNAUTHENTICATED} without one, {@code PERMISSION_DENIED} with a wrong one.
 *
 * <p>Every blocking method throws {@link KantoException} on failure; every {@code ...Async} method
 * returns a future that completes with it. Timeouts and retries on {@code UNAVAILABLE} come from
 * the Pokédex's service config. Instances are immutable and thread-safe.
 */
public final class PokedexClient extends ServiceClient<PokedexClient> {

  PokedexClient(State state) {
    super(state);
  }

  @Override
  PokedexClient copy(State state) {
    return new PokedexClient(state);
  }

  /** Returns one species by its national Pokédex number, or throws {@code NOT_FOUND}. */
  public GetPokemonResponse getPokemon(GetPokemonRequest request) {
    return unary(PokemonServiceGrpc.getGetPokemonMethod(), request);
  }

  /** Returns the species with national Pokédex number {@code id}, or throws {@code NOT_FOUND}. */
  public Pokemon getPokemon(int id) {
    return getPokemon(GetPokemonRequest.newBuilder().setId(id).build()).getPokemon();
  }

  /** Asynchronous {@link #getPokemon(GetPokemonRequest)}. */
  public CompletableFuture<GetPokemonResponse> getPokemonAsync(GetPokemonRequest request) {
    return unaryAsync(PokemonServiceGrpc.getGetPokemonMethod(), request);
  }

  /**
   * Returns one page of species in ascending id order. To read every page, use {@link
   * #listPokemonPages} or {@link #listAllPokemon}.
   */
  public ListPokemonResponse listPokemon(ListPokemonRequest request) {
    return unary(PokemonServiceGrpc.getListPokemonMethod(), request);
  }

  /** Asynchronous {@link #listPokemon(ListPokemonRequest)}. */
  public CompletableFuture<ListPokemonResponse> listPokemonAsync(ListPokemonRequest request) {
    return unaryAsync(PokemonServiceGrpc.getListPokemonMethod(), request);
  }

  /**
   * Returns the pages of a listing, from {@code request}'s page (usually the first) to the last,
   * following {@code next_page_token}. Pages are fetched lazily, one call each, as the iteration
   * reaches them; each iteration starts again from {@code request}'s page. A failing call throws
   * {@link KantoException} from the iterator.
   */
  public Iterable<ListPokemonResponse> listPokemonPages(ListPokemonRequest request) {
    return () ->
        new Iterator<>() {
          private String token = request.getPageToken();
          private boolean started;
          private ListPokemonResponse page;

          @Override
          public boolean hasNext() {
            if (page != null) {
              return true;
            }
            if (started && token.isEmpty()) {
              return false;
            }
            started = true;
            page = listPokemon(request.toBuilder().setPageToken(token).build());
            token = page.getNextPageToken();
            return true;
          }

          @Override
          public ListPokemonResponse next() {
            if (!hasNext()) {
              throw new NoSuchElementException("no more pages");
            }
            ListPokemonResponse p = page;
            page = null;
            return p;
          }
        };
  }

  /**
   * Returns every species the listing matches, across all pages, in ascending id order; see {@link
   * #listPokemonPages}. {@code request}'s page size sets how many are fetched per call.
   */
  public Iterable<Pokemon> listAllPokemon(ListPokemonRequest request) {
    return () -> streamAllPokemon(request).iterator();
  }

  /** Returns {@link #listAllPokemon} as a lazy sequential {@link Stream}. */
  public Stream<Pokemon> streamAllPokemon(ListPokemonRequest request) {
    return StreamSupport.stream(listPokemonPages(request).spliterator(), false)
        .flatMap(page -> page.getPokemonList().stream());
  }

  /** Returns several species in the order asked; {@code NOT_FOUND} if any id does not exist. */
  public BatchGetPokemonResponse batchGetPokemon(BatchGetPokemonRequest request) {
    return unary(PokemonServiceGrpc.getBatchGetPokemonMethod(), request);
  }

  /** Asynchronous {@link #batchGetPokemon(BatchGetPokemonRequest)}. */
  public CompletableFuture<BatchGetPokemonResponse> batchGetPokemonAsync(
      BatchGetPokemonRequest request) {
    return unaryAsync(PokemonServiceGrpc.getBatchGetPokemonMethod(), request);
  }

  /**
   * Adds a species (curators only); {@code ALREADY_EXISTS} if its id or name is taken.
   *
   * <p>If {@code request_id} is empty, a random UUID is filled in, so the retries the service
   * config allows on {@code UNAVAILABLE} return the species the first attempt created instead of
   * failing or duplicating it. Set your own {@code request_id} to make your own retries safe too.
   */
  public CreatePokemonResponse createPokemon(CreatePokemonRequest request) {
    return unary(PokemonServiceGrpc.getCreatePokemonMethod(), withRequestId(request));
  }

  /** Adds {@code pokemon} (curators only) with a fresh request id, and returns it as stored. */
  public Pokemon createPokemon(Pokemon pokemon) {
    return createPokemon(CreatePokemonRequest.newBuilder().setPokemon(pokemon).build())
        .getPokemon();
  }

  /**
   * Asynchronous {@link #createPokemon(CreatePokemonRequest)}, with the same request id filling.
   */
  public CompletableFuture<CreatePokemonResponse> createPokemonAsync(CreatePokemonRequest request) {
    return unaryAsync(PokemonServiceGrpc.getCreatePokemonMethod(), withRequestId(request));
  }

  /**
   * Changes the fields named in {@code update_mask} (curators only; an empty mask changes every
   * writable field); {@code NOT_FOUND} if the species does not exist.
   */
  public UpdatePokemonResponse updatePokemon(UpdatePokemonRequest request) {
    return unary(PokemonServiceGrpc.getUpdatePokemonMethod(), request);
  }

  /** Asynchronous {@link #updatePokemon(UpdatePokemonRequest)}. */
  public CompletableFuture<UpdatePokemonResponse> updatePokemonAsync(UpdatePokemonRequest request) {
    return unaryAsync(PokemonServiceGrpc.getUpdatePokemonMethod(), request);
  }

  /** Removes a species and its encounters (curators only), or throws {@code NOT_FOUND}. */
  public DeletePokemonResponse deletePokemon(DeletePokemonRequest request) {
    return unary(PokemonServiceGrpc.getDeletePokemonMethod(), request);
  }

  /** Removes the species with national Pokédex number {@code id} (curators only). */
  public void deletePokemon(int id) {
    deletePokemon(DeletePokemonRequest.newBuilder().setId(id).build());
  }

  /** Asynchronous {@link #deletePokemon(DeletePokemonRequest)}. */
  public CompletableFuture<DeletePokemonResponse> deletePokemonAsync(DeletePokemonRequest request) {
    return unaryAsync(PokemonServiceGrpc.getDeletePokemonMethod(), request);
  }

  /**
   * Returns the species that can be met at the given places, grouped by place in the order asked,
   * each place's by falling encounter rate.
   */
  public ListEncountersResponse listEncounters(ListEncountersRequest request) {
    return unary(PokemonServiceGrpc.getListEncountersMethod(), request);
  }

  /** Asynchronous {@link #listEncounters(ListEncountersRequest)}. */
  public CompletableFuture<ListEncountersResponse> listEncountersAsync(
      ListEncountersRequest request) {
    return unaryAsync(PokemonServiceGrpc.getListEncountersMethod(), request);
  }

  private static CreatePokemonRequest withRequestId(CreatePokemonRequest request) {
    if (!request.getRequestId().isEmpty()) {
      return request;
    }
    return request.toBuilder().setRequestId(UUID.randomUUID().toString()).build();
  }
}
