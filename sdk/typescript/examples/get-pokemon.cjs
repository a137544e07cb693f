// The CommonJS twin of get-pokemon.mjs: the SDK works from require() too.
//
//   node examples/get-pokemon.cjs [address]
"use strict";
const { createKantoClient, KantoError, pokemonServiceInfo } = require("@kanto/sdk");

async function main() {
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
}

void main();
