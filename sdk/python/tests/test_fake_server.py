"""The clients against in-process fake servers: retries and timeouts from
the service config, auth over TLS, stream cancellation and deadlines,
client-side validation of streamed requests. Every test runs with the sync
and the async client."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest

import kanto
from dual import collect, maybe, next_item
from fakes import FakeServer, start_fake_server
from kanto.expedition.v1 import expedition_service_pb2 as expedition_pb
from kanto.geo.v1 import geo_pb2
from kanto.pokedex.v1 import pokemon_pb2
from kanto.pokedex.v1 import pokemon_service_pb2 as pokedex_pb
from kanto.routeplanner.v1 import route_planner_service_pb2 as rp


@pytest.fixture
def fake() -> Iterator[FakeServer]:
    server = start_fake_server()
    yield server
    server.server.stop(grace=None)


class Clients:
    """Opens SDK clients of the test's mode and closes them at the end: an
    umbrella client with one target for every service (the fake server
    serves all three), plaintext unless the test says otherwise, and its
    client of the service asked for."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self._open: list[Any] = []

    def __call__(self, accessor: str, target: str, **kwargs: Any) -> Any:
        kwargs.setdefault("insecure", "root_certificates" not in kwargs)
        umbrella_cls = kanto.KantoClient if self.mode == "sync" else kanto.AsyncKantoClient
        umbrella = umbrella_cls(target, **kwargs)
        self._open.append(umbrella)
        return getattr(umbrella, accessor)

    async def close(self) -> None:
        for client in self._open:
            await maybe(client.close())


@pytest.fixture
async def clients(mode: str) -> AsyncIterator[Clients]:
    opened = Clients(mode)
    yield opened
    await opened.close()


async def server_saw_cancel(fake: FakeServer) -> bool:
    # Waits off the event loop: grpc.aio needs the loop to send the cancel.
    return await asyncio.to_thread(fake.rec.cancelled.wait, 5)


def place(place_id: str) -> geo_pb2.PlaceRef:
    return geo_pb2.PlaceRef(place_id=place_id)


def location(lat: float = 35.452, lon: float = 139.06) -> geo_pb2.Location:
    return geo_pb2.Location(latitude=lat, longitude=lon)


def trip_point(seconds: int) -> rp.RecordTripRequest:
    request = rp.RecordTripRequest(location=location())
    request.record_time.FromSeconds(1_800_000_000 + seconds)
    return request


# --- call policy from the service config -----------------------------------


async def test_unavailable_is_retried(fake: FakeServer, clients: Clients) -> None:
    fake.rec.unavailable["GetPokemon"] = 3  # the config allows 4 attempts
    pokedex = clients("pokemon", fake.target)
    response = await maybe(pokedex.get_pokemon(pokedex_pb.GetPokemonRequest(id=25)))
    assert response.pokemon.name == "Pikachu"
    assert fake.rec.attempts["GetPokemon"] == 4


async def test_retries_stop_at_max_attempts(fake: FakeServer, clients: Clients) -> None:
    fake.rec.unavailable["GetPokemon"] = 10
    pokedex = clients("pokemon", fake.target)
    with pytest.raises(kanto.KantoError) as info:
        await maybe(pokedex.get_pokemon(pokedex_pb.GetPokemonRequest(id=25)))
    assert info.value.code == grpc.StatusCode.UNAVAILABLE
    assert fake.rec.attempts["GetPokemon"] == 4


async def test_options_override_the_sdk_channel_arguments(
    fake: FakeServer, clients: Clients
) -> None:
    fake.rec.unavailable["GetPokemon"] = 1
    pokedex = clients("pokemon", fake.target, options=[("grpc.enable_retries", 0)])
    with pytest.raises(kanto.KantoError) as info:
        await maybe(pokedex.get_pokemon(pokedex_pb.GetPokemonRequest(id=25)))
    assert info.value.code == grpc.StatusCode.UNAVAILABLE
    assert fake.rec.attempts["GetPokemon"] == 1


async def test_create_retries_carry_one_request_id(fake: FakeServer, clients: Clients) -> None:
    fake.rec.unavailable["CreatePokemon"] = 2
    pokedex = clients("pokemon", fake.target)
    request = pokedex_pb.CreatePokemonRequest(pokemon=pokemon_pb2.Pokemon(id=2001, name="X"))
    await maybe(pokedex.create_pokemon(request))
    ids = fake.rec.request_ids
    assert len(ids) == 3
    assert len(set(ids)) == 1
    assert uuid.UUID(ids[0]).version == 4
    assert request.request_id == ""


async def test_given_request_id_is_kept(fake: FakeServer, clients: Clients) -> None:
    pokedex = clients("pokemon", fake.target)
    request = pokedex_pb.CreatePokemonRequest(pokemon=pokemon_pb2.Pokemon(id=1), request_id="mine")
    await maybe(pokedex.create_pokemon(request))
    assert fake.rec.request_ids == ["mine"]


async def test_method_timeouts_come_from_the_service_config(
    fake: FakeServer, clients: Clients
) -> None:
    pokedex = clients("pokemon", fake.target)
    await maybe(pokedex.get_pokemon(pokedex_pb.GetPokemonRequest(id=25)))
    await maybe(pokedex.update_pokemon(pokedex_pb.UpdatePokemonRequest()))
    # pokedex.json: 5 s for GetPokemon, the service-wide 10 s for the rest.
    get_left = fake.rec.time_remaining["GetPokemon"]
    update_left = fake.rec.time_remaining["UpdatePokemon"]
    assert get_left is not None
    assert 4.0 < get_left <= 5.5  # the wire format rounds the timeout up
    assert update_left is not None
    assert 9.0 < update_left <= 10.5


async def test_call_timeout_shortens_the_deadline(fake: FakeServer, clients: Clients) -> None:
    pokedex = clients("pokemon", fake.target)
    await maybe(pokedex.get_pokemon(pokedex_pb.GetPokemonRequest(id=25), timeout=1.5))
    left = fake.rec.time_remaining["GetPokemon"]
    assert left is not None
    assert 0.5 < left <= 2.0


# --- pagination -----------------------------------------------------------------


async def test_pages_follow_the_tokens(fake: FakeServer, clients: Clients) -> None:
    pokedex = clients("pokemon", fake.target)
    request = pokedex_pb.ListPokemonRequest(page_size=3)
    pages = await collect(pokedex.list_pokemon_pages(request))
    assert [[p.id for p in page.pokemon] for page in pages] == [[1, 2, 3], [4, 5, 6], [7]]
    assert fake.rec.page_tokens == ["", "3", "6"]
    assert request.page_token == ""  # the caller's request is never modified
    # Every page is a call of its own, with the method's deadline.
    assert fake.rec.attempts["ListPokemon"] == 3


async def test_items_start_at_the_requests_page(fake: FakeServer, clients: Clients) -> None:
    pokedex = clients("pokemon", fake.target)
    request = pokedex_pb.ListPokemonRequest(page_size=2, page_token="2")
    items = await collect(pokedex.list_pokemon_items(request))
    assert [p.id for p in items] == [3, 4, 5, 6, 7]
    everything = await collect(pokedex.list_pokemon_items())  # no request: the first page
    assert [p.id for p in everything] == [1, 2, 3, 4, 5, 6, 7]


async def test_a_page_token_loop_ends_the_iteration(fake: FakeServer, clients: Clients) -> None:
    pokedex = clients("pokemon", fake.target)
    stuck = pokedex_pb.ListPokemonRequest(type=pokemon_pb2.POKEMON_TYPE_GHOST)
    seen: list[Any] = []

    async def read_all() -> None:
        pages = pokedex.list_pokemon_pages(stuck)
        if hasattr(pages, "__aiter__"):
            async for page in pages:
                seen.append(page)
        else:
            seen.extend(pages)

    with pytest.raises(kanto.PageTokenLoopError, match="stuck"):
        await read_all()
    assert len(seen) == 2  # the first page, and the one that repeated its token
    assert fake.rec.page_tokens == ["", "stuck"]


async def test_violations_detail_without_bad_request(fake: FakeServer, clients: Clients) -> None:
    pokedex = clients("pokemon", fake.target)
    with pytest.raises(kanto.KantoError) as info:
        await maybe(pokedex.get_pokemon(pokedex_pb.GetPokemonRequest(id=404)))
    assert info.value.code == grpc.StatusCode.INVALID_ARGUMENT
    assert info.value.field_violations == [
        kanto.FieldViolation('labels["a\\"b"]', "map.keys", "bad key")
    ]


async def test_token_is_sent_as_bearer_metadata(fake: FakeServer, clients: Clients) -> None:
    # Over plaintext, a token goes to a loopback address only: 127.0.0.1 is.
    pokedex = clients("pokemon", fake.target, token="s3cret")
    await maybe(pokedex.get_pokemon(pokedex_pb.GetPokemonRequest(id=25), metadata=[("x-a", "b")]))
    md = fake.rec.metadata["GetPokemon"]
    assert md["authorization"] == "Bearer s3cret"
    assert md["x-a"] == "b"


# --- TLS ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, bytes]:
    """A self-signed certificate for localhost, made with openssl."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.fail("the TLS tests need the openssl command", pytrace=False)
    out = tmp_path_factory.mktemp("tls")
    key, cert = out / "key.pem", out / "cert.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost"],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return Path(key).read_bytes(), Path(cert).read_bytes()


async def test_tls_is_the_default(fake: FakeServer, clients: Clients) -> None:
    # The fake server speaks plaintext: a client left at its defaults tries
    # TLS and cannot connect.
    pokedex = clients("pokemon", fake.target, insecure=False)
    with pytest.raises(kanto.KantoError) as info:
        await maybe(pokedex.get_pokemon(pokedex_pb.GetPokemonRequest(id=25), timeout=2))
    assert info.value.code == grpc.StatusCode.UNAVAILABLE
    assert "GetPokemon" not in fake.rec.attempts


async def test_tls_with_token(certificate: tuple[bytes, bytes], clients: Clients) -> None:
    key, cert = certificate
    creds = grpc.ssl_server_credentials([(key, cert)])
    server = start_fake_server(creds, host="localhost")
    try:
        pokedex = clients(
            "pokemon", f"localhost:{server.port}", root_certificates=cert, token="over-tls"
        )
        response = await maybe(pokedex.get_pokemon(pokedex_pb.GetPokemonRequest(id=25)))
        assert response.pokemon.name == "Pikachu"
        assert server.rec.metadata["GetPokemon"]["authorization"] == "Bearer over-tls"

        # A plaintext client cannot talk to a TLS server.
        plain = clients("pokemon", f"localhost:{server.port}", insecure=True)
        with pytest.raises(kanto.KantoError) as info:
            await maybe(plain.get_pokemon(pokedex_pb.GetPokemonRequest(id=25), timeout=2))
        assert info.value.code == grpc.StatusCode.UNAVAILABLE
    finally:
        server.server.stop(grace=None)


# --- streams ------------------------------------------------------------------


async def test_server_stream_ends_after_max_updates(fake: FakeServer, clients: Clients) -> None:
    routes = clients("route_planner", fake.target)
    stream = routes.watch_routes(
        rp.WatchRoutesRequest(origin=place("a"), destination=place("b"), max_updates=3)
    )
    responses = await collect(stream)
    assert len(responses) == 3
    assert responses[0].route.waypoints[0].place.place_id == "a"


async def test_server_stream_cancel(fake: FakeServer, clients: Clients) -> None:
    routes = clients("route_planner", fake.target)
    stream = routes.watch_routes(rp.WatchRoutesRequest(origin=place("a"), destination=place("b")))
    await next_item(stream)
    await next_item(stream)
    stream.cancel()
    with pytest.raises(kanto.KantoError) as info:
        await collect(stream)
    assert info.value.code == grpc.StatusCode.CANCELLED
    assert await server_saw_cancel(fake), "the server did not see the cancellation"


async def test_server_stream_context_manager_cancels(fake: FakeServer, clients: Clients) -> None:
    routes = clients("route_planner", fake.target)
    stream = routes.watch_routes(rp.WatchRoutesRequest(origin=place("a"), destination=place("b")))
    if clients.mode == "sync":
        with stream:
            next(stream)
    else:
        async with stream:
            await stream.__anext__()
    assert await server_saw_cancel(fake), "leaving the block did not cancel the call"


async def test_server_stream_deadline(fake: FakeServer, clients: Clients) -> None:
    routes = clients("route_planner", fake.target)
    stream = routes.watch_routes(
        rp.WatchRoutesRequest(origin=place("a"), destination=place("b")), timeout=0.3
    )
    received: list[Any] = []

    async def read_all() -> None:
        while True:
            received.append(await next_item(stream))

    with pytest.raises(kanto.KantoError) as info:
        await read_all()
    assert info.value.code == grpc.StatusCode.DEADLINE_EXCEEDED
    assert len(received) >= 1


async def test_server_stream_error_midway(fake: FakeServer, clients: Clients) -> None:
    routes = clients("route_planner", fake.target)
    stream = routes.watch_routes(
        rp.WatchRoutesRequest(origin=place("a"), destination=place("nowhere"))
    )
    assert (await next_item(stream)).route.waypoints[-1].place.place_id == "nowhere"
    with pytest.raises(kanto.KantoError) as info:
        await next_item(stream)
    assert info.value.code == grpc.StatusCode.NOT_FOUND


async def test_server_stream_validates_before_sending(clients: Clients) -> None:
    routes = clients("route_planner", "127.0.0.1:1", validate=True)
    with pytest.raises(kanto.KantoError) as info:
        routes.watch_routes(rp.WatchRoutesRequest(origin=place("a"), destination=place("a")))
    assert [(v.field, v.rule_id) for v in info.value.field_violations] == [
        ("", "watch_routes.distinct_places")
    ]


async def test_client_stream(fake: FakeServer, clients: Clients) -> None:
    routes = clients("route_planner", fake.target)
    response = await maybe(routes.record_trip([trip_point(0), trip_point(60), trip_point(120)]))
    assert response.point_count == 3


async def test_client_stream_from_async_iterable(fake: FakeServer) -> None:
    async def points() -> AsyncIterator[rp.RecordTripRequest]:
        for i in range(4):
            yield trip_point(i)

    async with kanto.AsyncRoutePlannerClient(fake.target, insecure=True) as routes:
        response = await routes.record_trip(points())
    assert response.point_count == 4


async def test_client_stream_validation_cancels_the_call(
    fake: FakeServer, clients: Clients
) -> None:
    routes = clients("route_planner", fake.target, validate=True)
    bad = rp.RecordTripRequest()  # no location, no record_time
    with pytest.raises(kanto.KantoError) as info:
        await maybe(routes.record_trip([trip_point(0), bad, trip_point(60)]))
    assert info.value.code == grpc.StatusCode.INVALID_ARGUMENT
    assert [(v.field, v.rule_id) for v in info.value.field_violations] == [
        ("location", "required"),
        ("record_time", "required"),
    ]
    # The request after the bad one is never sent. (Whether the server saw
    # the cancellation is not asserted here: grpc-python's server misses a
    # cancel that arrives before the handler read the first request; the Go
    # services see it.)
    assert fake.rec.trip_points in ([], [1])


async def test_bidi_stream_in_lockstep(fake: FakeServer, clients: Clients) -> None:
    routes = clients("route_planner", fake.target)
    stream = routes.navigate()
    answers = []
    for destination in ("route-1", "viridian-city", "pallet-town"):
        await maybe(
            stream.send(rp.NavigateRequest(location=location(), destination=place(destination)))
        )
        answers.append(await maybe(stream.recv()))
    await maybe(stream.close_send())
    assert await maybe(stream.recv()) is None
    assert [a.instruction for a in answers] == [
        "step 0 to route-1",
        "step 1 to viridian-city",
        "step 2 to pallet-town",
    ]
    assert answers[-1].arrived


async def test_bidi_stream_from_iterable(fake: FakeServer, clients: Clients) -> None:
    routes = clients("route_planner", fake.target)
    requests = [rp.NavigateRequest(location=location(), destination=place("route-1"))] * 3
    answers = await collect(routes.navigate(requests))
    assert len(answers) == 3


async def test_bidi_send_validates(fake: FakeServer, clients: Clients) -> None:
    routes = clients("route_planner", fake.target, validate=True)
    stream = routes.navigate()
    with pytest.raises(kanto.KantoError) as info:
        await maybe(stream.send(rp.NavigateRequest(location=location())))
    assert [(v.field, v.rule_id) for v in info.value.field_violations] == [
        ("destination", "required")
    ]
    # The stream itself is still usable.
    await maybe(stream.send(rp.NavigateRequest(location=location(), destination=place("x"))))
    assert (await maybe(stream.recv())).next_place.place_id == "x"
    stream.cancel()


async def test_bidi_iterable_validation(fake: FakeServer, clients: Clients) -> None:
    routes = clients("route_planner", fake.target, validate=True)
    requests = [
        rp.NavigateRequest(location=location(), destination=place("route-1")),
        rp.NavigateRequest(location=location(lat=100), destination=place("route-1")),
    ]
    with pytest.raises(kanto.KantoError) as info:
        await collect(routes.navigate(requests))
    assert info.value.code == grpc.StatusCode.INVALID_ARGUMENT
    assert [(v.field, v.rule_id) for v in info.value.field_violations] == [
        ("location.latitude", "double.gte_lte")
    ]


async def test_expedition_client(fake: FakeServer, clients: Clients) -> None:
    expeditions = clients("expedition", fake.target)
    plan = await maybe(
        expeditions.plan_expedition(
            expedition_pb.PlanExpeditionRequest(origin=place("a"), destination=place("b"))
        )
    )
    assert plan.plans[0].route.waypoints[0].place.place_id == "a"
    streamed = await collect(
        expeditions.stream_expedition(
            expedition_pb.StreamExpeditionRequest(
                origin=place("a"), destination=place("b"), max_routes=2
            )
        )
    )
    assert [s.plan.rank for s in streamed] == [0, 1]
    # expedition.json: PlanExpedition has a 10 s timeout.
    left = fake.rec.time_remaining["PlanExpedition"]
    assert left is not None
    assert 9.0 < left <= 10.5


class TripError(Exception):
    pass


async def test_failing_request_iterable_reaches_the_caller(
    fake: FakeServer, clients: Clients
) -> None:
    def points() -> Iterator[rp.RecordTripRequest]:
        yield trip_point(0)
        raise TripError("the GPS fell into the sea")

    routes = clients("route_planner", fake.target)
    with pytest.raises(TripError):
        await maybe(routes.record_trip(points()))

    def navigation() -> Iterator[rp.NavigateRequest]:
        yield rp.NavigateRequest(location=location(), destination=place("route-1"))
        raise TripError("lost")

    with pytest.raises(TripError):
        await collect(routes.navigate(navigation()))
