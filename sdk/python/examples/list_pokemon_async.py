"""Lists every legendary Psychic-type species with the asyncio umbrella
client and the item iterator of ListPokemon, then shows a failed call's
field violations.

Usage: python list_pokemon_async.py [--addr HOST:PORT]
(default $KANTO_POKEDEX_ADDR, else 127.0.0.1:50051)
"""

from __future__ import annotations

import argparse
import asyncio
import os

import kanto
from kanto.pokedex.v1 import pokemon_pb2
from kanto.pokedex.v1 import pokemon_service_pb2 as pokedex


async def run(addr: str) -> None:
    # The umbrella client has every service; targets sets the Pokédex's.
    targets = {kanto.PokemonClient.SERVICE_INFO.name: addr}
    async with kanto.AsyncKantoClient(targets=targets, insecure=True) as umbrella:
        client = umbrella.pokemon
        request = pokedex.ListPokemonRequest(
            page_size=5,
            type=pokemon_pb2.POKEMON_TYPE_PSYCHIC,
            rarity=pokemon_pb2.RARITY_LEGENDARY,
        )
        async for pokemon in client.list_pokemon_items(request):
            print(f"#{pokemon.id} {pokemon.name}")

        try:
            await client.list_encounters(pokedex.ListEncountersRequest(place_ids=["Route 1"]))
        except kanto.KantoError as e:
            print(f"{e.code.name}: {e.message}")
            for v in e.field_violations:
                print(f"  {v.field} ({v.rule_id}): {v.description}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--addr",
        default=os.environ.get("KANTO_POKEDEX_ADDR", "127.0.0.1:50051"),
        help="host:port of the Pokédex",
    )
    asyncio.run(run(parser.parse_args().addr))


if __name__ == "__main__":
    main()
