"""Fetches Pokémon #25 from the Pokédex and prints ``Pokemon #25 is Pikachu``.

Usage: python get_pokemon.py [--addr HOST:PORT]   (default $KANTO_POKEDEX_ADDR,
else 127.0.0.1:50051)
"""

from __future__ import annotations

import argparse
import os
import sys

import kanto
from kanto.pokedex.v1 import pokemon_service_pb2 as pokedex


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--addr",
        default=os.environ.get("KANTO_POKEDEX_ADDR", "127.0.0.1:50051"),
        help="host:port of the Pokédex",
    )
    parser.add_argument("--id", type=int, default=25, help="national Pokédex number")
    args = parser.parse_args()

    # `make run` and kanto-testenv serve plaintext on 127.0.0.1: insecure=True
    # says so (the SDK's default is TLS).
    with kanto.PokemonClient(args.addr, insecure=True) as client:
        try:
            response = client.get_pokemon(pokedex.GetPokemonRequest(id=args.id))
        except kanto.KantoError as e:
            print(f"GetPokemon failed: {e}", file=sys.stderr)
            for violation in e.field_violations:
                print(f"  {violation.field}: {violation.description}", file=sys.stderr)
            return 1
    print(f"Pokemon #{response.pokemon.id} is {response.pokemon.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
