// Fetches Pokémon #25 from the Pokédex and prints "Pokemon #25 is Pikachu".
//
//   node examples/get-pokemon.mjs [address]
//
// The address is the first argument, else $KANTO_POKEDEX_ADDR, else
// 127.0.0.1:50051 (where `make run` starts the Pokédex).
import { createKantoClient, KantoError } from "@kanto/sdk";

const address = process.argv[2] ?? process.env["KANTO_POKEDEX_ADDR"] ?? "127.0.0.1:50051";
const kanto = createKantoClient({ pokedexUrl: address });
try {
  const { pokemon } = await kanto.pokedex.getPokemon({ id: 25 });
  console.log(`Pokemon #${pokemon?.id} is ${pokemon?.name}`);
} catch (e) {
  const err = KantoError.from(e);
  console.error(`GetPokemon failed: ${err.codeName}: ${err.rawMessage}`);
  process.exitCode = 1;
} finally {
  kanto.close();
}
