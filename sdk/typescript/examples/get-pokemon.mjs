// Fetches Pokémon #25 from the Pokédex and prints "Pokemon #25 is Pikachu".
//
//   node examples/get-pokemon.mjs [address]
//
// The address is the first argument, else $KANTO_POKEDEX_ADDR, else the
// Pokédex's default target from the schema, 127.0.0.1:50051 (where
// `make run` starts it). It speaks plaintext, hence `insecure: true`.
import { createKantoClient, KantoError, pokemonServiceInfo } from "@kanto/sdk";

const address = process.argv[2] ?? process.env["KANTO_POKEDEX_ADDR"] ?? pokemonServiceInfo.defaultTarget;
const kanto = createKantoClient({ insecure: true, targets: { [pokemonServiceInfo.name]: address } });
try {
  const { pokemon } = await kanto.pokemon.getPokemon({ id: 25 });
  console.log(`Pokemon #${pokemon?.id} is ${pokemon?.name}`);
} catch (e) {
  const err = KantoError.from(e);
  console.error(`GetPokemon failed: ${err.codeName}: ${err.rawMessage}`);
  process.exitCode = 1;
} finally {
  kanto.close();
}
