"""The expedition planner clients against the live service (which calls
the route planner and the Pokédex): every test runs with the sync and the
async client."""

from __future__ import annotations

from typing import Any

import grpc
import pytest

import kanto
from dual import collect, maybe
from kanto.expedition.v1 import expedition_service_pb2 as ex
from kanto.geo.v1 import geo_pb2

PALLET = geo_pb2.PlaceRef(place_id="pallet-town")
VIRIDIAN = geo_pb2.PlaceRef(place_id="viridian-city")


async def test_plan_expedition(expeditions: Any) -> None:
    response = await maybe(
        expeditions.plan_expedition(
            ex.PlanExpeditionRequest(origin=PALLET, destination=VIRIDIAN, max_routes=1)
        )
    )
    assert len(response.plans) == 1
    plan = response.plans[0]
    assert plan.rank == 0
    assert plan.route.waypoints[0].place.place_id == "pallet-town"
    assert plan.route.waypoints[-1].place.place_id == "viridian-city"
    assert {"Pidgey", "Rattata"} <= {e.pokemon.name for e in plan.encounters}


async def test_stream_expedition(expeditions: Any) -> None:
    stream = expeditions.stream_expedition(
        ex.StreamExpeditionRequest(origin=PALLET, destination=VIRIDIAN, max_routes=2),
        timeout=10,
    )
    plans = await collect(stream)
    assert sorted(p.plan.rank for p in plans) == [0, 1]


async def test_short_deadline_fails_fast(expeditions: Any) -> None:
    with pytest.raises(kanto.KantoError) as info:
        await maybe(
            expeditions.plan_expedition(
                ex.PlanExpeditionRequest(origin=PALLET, destination=VIRIDIAN), timeout=0.02
            )
        )
    assert info.value.code == grpc.StatusCode.DEADLINE_EXCEEDED
