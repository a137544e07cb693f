package dev.kanto.sdk.examples;

import dev.kanto.pokedex.v1.GetPokemonRequest;
import dev.kanto.pokedex.v1.Pokemon;
import dev.kanto.pokedex.v1.PokemonClient;
import dev.kanto.sdk.KantoClient;
import dev.kanto.sdk.KantoException;

/**
 * GetPokemon is the talk's client: it fetches Pokémon #25 and prints {@code Pokemon #25 is
 * Pikachu}.
 *
 * <p>Usage: {@code GetPokemon [pokedex-address]}; the address defaults to the environment variable
 * {@code KANTO_POKEDEX_ADDR}, then to the Pokédex's {@code google.api.default_host}, {@code
 * 127.0.0.1:50051} (where {@code make run} serves it). It connects without TLS, which the local
 * services speak.
 */
public final class GetPokemon {
  private GetPokemon() {}

  /** Runs the example. */
  public static void main(String[] args) {
    String target =
        args.length > 0
            ? args[0]
            : env("KANTO_POKEDEX_ADDR", PokemonClient.SERVICE_INFO.defaultTarget());
    try (KantoClient kanto =
        KantoClient.builder()
            .target(PokemonClient.SERVICE_INFO.name(), target)
            .insecure()
            .build()) {
      Pokemon pokemon =
          kanto.pokemon().getPokemon(GetPokemonRequest.newBuilder().setId(25).build()).getPokemon();
      System.out.printf("Pokemon #%d is %s%n", pokemon.getId(), pokemon.getName());
    } catch (KantoException e) {
      System.err.println("GetPokemon failed: " + e.getMessage());
      System.exit(1);
    }
  }

  static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
