"""The Pokédex clients against the live service: every test runs with the
sync and the async client (the ``mode`` fixture)."""

from __future__ import annotations

from typing import Any

import grpc
import pytest
from google.protobuf import field_mask_pb2

import kanto
from dual import collect, maybe
from kanto.pokedex.v1 import pokemon_pb2
from kanto.pokedex.v1 import pokemon_service_pb2 as pb
from testenv import TestEnv

# Ids and names of the species these tests create, distinct per mode because
# both modes share one set of services.
NEW_ID = {"sync": 3101, "async": 3102}


def new_pokemon(id_: int, name: str) -> pokemon_pb2.Pokemon:
    return pokemon_pb2.Pokemon(
        id=id_,
        name=name,
        types=[pokemon_pb2.POKEMON_TYPE_GHOST],
        rarity=pokemon_pb2.RARITY_NORMAL,
        base_stats=pokemon_pb2.BaseStats(
            hp=50, attack=50, defense=50, special_attack=50, special_defense=50, speed=50
        ),
        height_meters=1.0,
        weight_kilograms=10.0,
    )


async def test_get_pokemon(pokedex: Any) -> None:
    response = await maybe(pokedex.get_pokemon(pb.GetPokemonRequest(id=25)))
    assert response.pokemon.name == "Pikachu"
    assert list(response.pokemon.types) == [pokemon_pb2.POKEMON_TYPE_ELECTRIC]
    assert response.pokemon.rarity == pokemon_pb2.RARITY_NORMAL


async def test_not_found(pokedex: Any) -> None:
    with pytest.raises(kanto.KantoError) as info:
        await maybe(pokedex.get_pokemon(pb.GetPokemonRequest(id=9999)))
    assert info.value.code == grpc.StatusCode.NOT_FOUND
    assert info.value.field_violations == []
    assert info.value.message


async def test_invalid_argument_carries_field_violations(pokedex: Any) -> None:
    with pytest.raises(kanto.KantoError) as info:
        await maybe(pokedex.list_encounters(pb.ListEncountersRequest(place_ids=["Route 1"])))
    err = info.value
    assert err.code == grpc.StatusCode.INVALID_ARGUMENT
    assert [(v.field, v.rule_id) for v in err.field_violations] == [
        ("place_ids[0]", "string.pattern")
    ]
    assert err.field_violations[0].description
    assert "INVALID_ARGUMENT" in str(err)


async def test_page_iterator_reads_every_page(pokedex: Any) -> None:
    request = pb.ListPokemonRequest(page_size=100)
    pages = await collect(pokedex.list_pokemon_pages(request))
    assert len(pages) == 11
    assert request.page_token == ""  # the caller's request is left alone
    ids = [p.id for page in pages for p in page.pokemon]
    assert ids == list(range(1, 1026))
    assert pages[-1].next_page_token == ""


async def test_item_iterator_keeps_the_filter(pokedex: Any) -> None:
    request = pb.ListPokemonRequest(
        page_size=2, type=pokemon_pb2.POKEMON_TYPE_PSYCHIC, rarity=pokemon_pb2.RARITY_LEGENDARY
    )
    first = await maybe(pokedex.list_pokemon(request))
    everything = await collect(pokedex.list_pokemon_items(request))
    assert len(everything) == first.total_size > 2
    assert all(p.rarity == pokemon_pb2.RARITY_LEGENDARY for p in everything)
    assert all(pokemon_pb2.POKEMON_TYPE_PSYCHIC in p.types for p in everything)
    assert [p.id for p in everything] == sorted(p.id for p in everything)


async def test_batch_get_and_encounters(pokedex: Any) -> None:
    batch = await maybe(pokedex.batch_get_pokemon(pb.BatchGetPokemonRequest(ids=[7, 4, 1])))
    assert [p.name for p in batch.pokemon] == ["Squirtle", "Charmander", "Bulbasaur"]
    encounters = await maybe(
        pokedex.list_encounters(pb.ListEncountersRequest(place_ids=["route-1"]))
    )
    assert [(e.place_id, e.pokemon.name) for e in encounters.encounters] == [
        ("route-1", "Pidgey"),
        ("route-1", "Rattata"),
    ]


async def test_writes_need_a_token(pokedex: Any, mode: str) -> None:
    request = pb.CreatePokemonRequest(pokemon=new_pokemon(NEW_ID[mode], f"Tokenless {mode}"))
    with pytest.raises(kanto.KantoError) as info:
        await maybe(pokedex.create_pokemon(request))
    assert info.value.code == grpc.StatusCode.UNAUTHENTICATED


async def test_per_call_authorization_wins_over_the_token(curator: Any, mode: str) -> None:
    request = pb.DeletePokemonRequest(id=NEW_ID[mode])
    with pytest.raises(kanto.KantoError) as info:
        await maybe(curator.delete_pokemon(request, metadata={"authorization": "Bearer wrong"}))
    assert info.value.code == grpc.StatusCode.PERMISSION_DENIED


async def test_curator_lifecycle(curator: Any, mode: str) -> None:
    id_ = NEW_ID[mode]
    name = f"Lifecyclemon {mode}"
    request = pb.CreatePokemonRequest(pokemon=new_pokemon(id_, name))

    created = await maybe(curator.create_pokemon(request))
    assert created.pokemon.name == name
    assert created.pokemon.create_time.seconds > 0
    assert request.request_id == ""  # the SDK filled a copy, not the caller's request

    # The SDK fills a fresh request_id per call, so a second call is a new
    # creation, not a retry.
    with pytest.raises(kanto.KantoError) as info:
        await maybe(curator.create_pokemon(request))
    assert info.value.code == grpc.StatusCode.ALREADY_EXISTS

    # An explicit request_id makes a retry across calls idempotent...
    other = new_pokemon(id_ + 10, f"Idempotentmon {mode}")
    keyed = pb.CreatePokemonRequest(pokemon=other, request_id=f"sdk-python-{mode}-1")
    first = await maybe(curator.create_pokemon(keyed))
    again = await maybe(curator.create_pokemon(keyed))
    assert again.pokemon == first.pokemon
    # ...and reusing it for another payload is refused.
    changed = pb.CreatePokemonRequest()
    changed.CopyFrom(keyed)
    changed.pokemon.name = f"Changedmon {mode}"
    with pytest.raises(kanto.KantoError) as info:
        await maybe(curator.create_pokemon(changed))
    assert info.value.code == grpc.StatusCode.FAILED_PRECONDITION

    updated = await maybe(
        curator.update_pokemon(
            pb.UpdatePokemonRequest(
                pokemon=pokemon_pb2.Pokemon(id=id_, name=f"{name} Prime"),
                update_mask=field_mask_pb2.FieldMask(paths=["name"]),
            )
        )
    )
    assert updated.pokemon.name == f"{name} Prime"
    assert list(updated.pokemon.types) == [pokemon_pb2.POKEMON_TYPE_GHOST]

    for created_id in (id_, id_ + 10):
        await maybe(curator.delete_pokemon(pb.DeletePokemonRequest(id=created_id)))
    with pytest.raises(kanto.KantoError) as info:
        await maybe(curator.get_pokemon(pb.GetPokemonRequest(id=id_)))
    assert info.value.code == grpc.StatusCode.NOT_FOUND


async def test_timeout_is_a_deadline(pokedex: Any) -> None:
    with pytest.raises(kanto.KantoError) as info:
        await maybe(pokedex.list_pokemon(pb.ListPokemonRequest(page_size=1000), timeout=1e-6))
    assert info.value.code == grpc.StatusCode.DEADLINE_EXCEEDED


async def test_client_side_validation_matches_the_server(
    pokedex: Any, mode: str, testenv: TestEnv
) -> None:
    bad = pb.CreatePokemonRequest(
        pokemon=pokemon_pb2.Pokemon(
            id=2002,
            name="",
            rarity=pokemon_pb2.RARITY_NORMAL,
            base_stats=pokemon_pb2.BaseStats(
                hp=0, attack=1, defense=1, special_attack=1, special_defense=1, speed=1
            ),
            height_meters=1,
            weight_kilograms=1,
        )
    )
    curator_md = {"authorization": f"Bearer {testenv.curator_token}"}
    with pytest.raises(kanto.KantoError) as server:
        await maybe(pokedex.create_pokemon(bad, metadata=curator_md))

    # Nothing listens on port 1: only a check made before sending can
    # answer INVALID_ARGUMENT.
    if mode == "sync":
        with (
            kanto.PokemonClient("127.0.0.1:1", validate=True, insecure=True) as local,
            pytest.raises(kanto.KantoError) as client,
        ):
            local.create_pokemon(bad)
    else:
        async with kanto.AsyncPokemonClient("127.0.0.1:1", validate=True, insecure=True) as alocal:
            with pytest.raises(kanto.KantoError) as client:
                await alocal.create_pokemon(bad)

    assert client.value.code == server.value.code == grpc.StatusCode.INVALID_ARGUMENT
    assert client.value.field_violations == server.value.field_violations
    assert [v.field for v in client.value.field_violations] == [
        "pokemon.name",
        "pokemon.types",
        "pokemon.base_stats.hp",
    ]
    assert client.value.message == server.value.message
