// generate.mjs writes ../internal/store/seed/pokemon.json: the 1025 base
// species of the National Pokédex (numbers 1 to 1025), which the store embeds
// and loads into an empty database on first start.
//
// Run it with `npm ci && npm run generate` from this folder. The output is
// deterministic (sorted by id, one species per line, keys in a fixed order),
// so re-running it with the same locked packages gives a byte-identical file
// and a changed file means the data really changed.
//
// Sources: @pkmn/dex for everything but height, which @pkmn/dex strips from
// its data; @pkmn/sim, built from the same Pokémon Showdown release, still
// carries heightm, so height comes from there. The script checks that both
// agree on every species' number and name.
//
// Format (documented for the Go loader, internal/store/seed.go):
//   {"id":25,"name":"Pikachu","types":["POKEMON_TYPE_ELECTRIC"],
//    "rarity":"RARITY_NORMAL","base_stats":{"hp":35,...},
//    "height_meters":0.4,"weight_kilograms":6}
// types and rarity are the proto enum value names of kanto.pokedex.v1.

import {writeFileSync, mkdirSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

import {Dex} from '@pkmn/dex';
import {Dex as SimDex} from '@pkmn/sim';

const FIRST = 1;
const LAST = 1025;

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'internal', 'store', 'seed', 'pokemon.json');

function fail(message) {
  throw new Error(`generate.mjs: ${message}`);
}

// rarity follows Showdown's tags: "Mythical" first, because no species is
// both but the stricter label should win if one ever were.
function rarity(tags) {
  if (tags.includes('Mythical')) return 'RARITY_MYTHIC';
  if (tags.includes('Restricted Legendary') || tags.includes('Sub-Legendary')) {
    return 'RARITY_LEGENDARY';
  }
  return 'RARITY_NORMAL';
}

function typeName(type) {
  return `POKEMON_TYPE_${type.toUpperCase()}`;
}

function checkStat(name, species, value) {
  if (!Number.isInteger(value) || value < 1 || value > 255) {
    fail(`${species}: base stat ${name}=${value} outside 1..255`);
  }
  return value;
}

// A base species is the entry whose name is its own base species: this
// drops formes, megas, gigantamax and cosmetic formes. Species that Showdown
// marks non-standard only because the current generation lacks them ("Past")
// are still National Pokédex species and stay; CAP and custom entries have
// num <= 0 and fall out of the number range.
const species = Dex.species
  .all()
  .filter((s) => s.exists && s.num >= FIRST && s.num <= LAST && s.name === s.baseSpecies && !s.forme)
  .filter((s) => s.isNonstandard !== 'CAP' && s.isNonstandard !== 'Custom')
  .sort((a, b) => a.num - b.num);

if (species.length !== LAST - FIRST + 1) {
  fail(`found ${species.length} base species, want ${LAST - FIRST + 1}`);
}

const lines = species.map((s, i) => {
  if (s.num !== FIRST + i) fail(`species number ${FIRST + i} missing or repeated (got ${s.num} ${s.name})`);
  const sim = SimDex.species.get(s.id);
  if (!sim.exists || sim.num !== s.num || sim.name !== s.name) {
    fail(`@pkmn/sim disagrees on #${s.num} ${s.name}: ${sim.num} ${sim.name}`);
  }
  if (s.types.length < 1 || s.types.length > 2) fail(`${s.name}: ${s.types.length} types`);
  if (!(sim.heightm > 0 && sim.heightm <= 1000)) fail(`${s.name}: height ${sim.heightm}`);
  if (!(s.weightkg > 0 && s.weightkg <= 10000)) fail(`${s.name}: weight ${s.weightkg}`);
  const bs = s.baseStats;
  // Keys are listed explicitly so their order, and so the bytes, never
  // depend on how the source objects were built.
  const entry = {
    id: s.num,
    name: s.name,
    types: s.types.map(typeName),
    rarity: rarity(s.tags),
    base_stats: {
      hp: checkStat('hp', s.name, bs.hp),
      attack: checkStat('atk', s.name, bs.atk),
      defense: checkStat('def', s.name, bs.def),
      special_attack: checkStat('spa', s.name, bs.spa),
      special_defense: checkStat('spd', s.name, bs.spd),
      speed: checkStat('spe', s.name, bs.spe),
    },
    height_meters: sim.heightm,
    weight_kilograms: s.weightkg,
  };
  return '  ' + JSON.stringify(entry);
});

const names = new Set(species.map((s) => s.name.toLowerCase()));
if (names.size !== species.length) fail('species names are not unique case-insensitively');

mkdirSync(dirname(out), {recursive: true});
writeFileSync(out, '[\n' + lines.join(',\n') + '\n]\n');
console.log(`wrote ${species.length} species to ${out}`);
