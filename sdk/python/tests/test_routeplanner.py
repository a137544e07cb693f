"""The route planner clients against the live service, all four call
shapes: every test runs with the sync and the async client."""

from __future__ import annotations

from typing import Any

import grpc
import pytest

import kanto
from dual import collect, maybe, next_item
from kanto.geo.v1 import geo_pb2
from kanto.routeplanner.v1 import route_planner_service_pb2 as rp

PALLET = geo_pb2.Location(latitude=35.452, longitude=139.06)
ROUTE_1 = geo_pb2.Location(latitude=35.584, longitude=139.06)
VIRIDIAN = geo_pb2.Location(latitude=35.716, longitude=139.06)


def place(place_id: str) -> geo_pb2.PlaceRef:
    return geo_pb2.PlaceRef(place_id=place_id)


def at(location: geo_pb2.Location, minute: int) -> rp.RecordTripRequest:
    request = rp.RecordTripRequest(location=location)
    request.record_time.FromSeconds(1_767_261_600 + 60 * minute)
    return request


async def test_get_routes(routes: Any) -> None:
    response = await maybe(
        routes.get_routes(
            rp.GetRoutesRequest(
                origin=place("pallet-town"), destination=place("viridian-city"), max_routes=2
            )
        )
    )
    assert 1 <= len(response.routes) <= 2
    best = response.routes[0]
    assert [w.place.place_id for w in best.waypoints] == ["pallet-town", "route-1", "viridian-city"]
    assert best.distance_km > 0


async def test_get_routes_same_place(routes: Any) -> None:
    with pytest.raises(kanto.KantoError) as info:
        await maybe(
            routes.get_routes(
                rp.GetRoutesRequest(origin=place("pallet-town"), destination=place("pallet-town"))
            )
        )
    assert info.value.code == grpc.StatusCode.INVALID_ARGUMENT
    assert [(v.field, v.rule_id) for v in info.value.field_violations] == [
        ("", "get_routes.distinct_places")
    ]


async def test_watch_routes_max_updates(routes: Any) -> None:
    stream = routes.watch_routes(
        rp.WatchRoutesRequest(
            origin=place("pallet-town"), destination=place("cerulean-city"), max_updates=1
        ),
        timeout=5,
    )
    updates = await collect(stream)
    assert len(updates) == 1
    assert updates[0].route.waypoints[0].place.place_id == "pallet-town"
    assert updates[0].route.waypoints[-1].place.place_id == "cerulean-city"


async def test_watch_routes_cancel(routes: Any) -> None:
    stream = routes.watch_routes(
        rp.WatchRoutesRequest(origin=place("pallet-town"), destination=place("cerulean-city")),
        timeout=5,
    )
    await next_item(stream)
    stream.cancel()
    with pytest.raises(kanto.KantoError) as info:
        await collect(stream)
    assert info.value.code == grpc.StatusCode.CANCELLED


async def test_watch_routes_deadline(routes: Any) -> None:
    stream = routes.watch_routes(
        rp.WatchRoutesRequest(origin=place("pallet-town"), destination=place("cerulean-city")),
        timeout=0.5,
    )
    with pytest.raises(kanto.KantoError) as info:
        await collect(stream)
    assert info.value.code == grpc.StatusCode.DEADLINE_EXCEEDED


async def test_record_trip(routes: Any) -> None:
    summary = await maybe(routes.record_trip([at(PALLET, 0), at(ROUTE_1, 30), at(VIRIDIAN, 60)]))
    assert summary.point_count == 3
    assert summary.elapsed_time.seconds == 3600
    assert [p.place_id for p in summary.visited_places][:1] == ["pallet-town"]
    assert summary.distance_km == pytest.approx(29.3555, rel=1e-3)


async def test_navigate_in_lockstep(routes: Any) -> None:
    stream = routes.navigate()
    await maybe(
        stream.send(rp.NavigateRequest(location=PALLET, destination=place("viridian-city")))
    )
    first = await maybe(stream.recv())
    assert first.next_place.place_id == "route-1"
    assert len(first.route.waypoints) == 3  # set on the first answer
    await maybe(
        stream.send(rp.NavigateRequest(location=VIRIDIAN, destination=place("viridian-city")))
    )
    second = await maybe(stream.recv())
    assert second.arrived
    await maybe(stream.close_send())
    assert await maybe(stream.recv()) is None
