"""In-process fake servers, for what the live services cannot show on
demand: UNAVAILABLE on the first attempts (retries), the deadline a call
arrives with (service config timeouts), what metadata arrives (auth over
TLS), and streams that never end by themselves (cancellation)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent import futures
from dataclasses import dataclass, field
from typing import Any

import grpc
from buf.validate import validate_pb2
from google.protobuf import any_pb2
from google.rpc import code_pb2, status_pb2
from grpc_status import rpc_status

from kanto.expedition.v1 import expedition_service_pb2 as expedition_pb
from kanto.expedition.v1 import expedition_service_pb2_grpc as expedition_grpc
from kanto.geo.v1 import geo_pb2
from kanto.pokedex.v1 import pokemon_pb2
from kanto.pokedex.v1 import pokemon_service_pb2 as pokedex_pb
from kanto.pokedex.v1 import pokemon_service_pb2_grpc as pokedex_grpc
from kanto.routeplanner.v1 import route_planner_service_pb2 as routeplanner_pb
from kanto.routeplanner.v1 import route_planner_service_pb2_grpc as routeplanner_grpc


@dataclass
class Recorder:
    """What the fakes saw, and how they should fail. Reset per test."""

    lock: threading.Lock = field(default_factory=threading.Lock)  # guards the lists
    # Fail this many calls of a method with UNAVAILABLE before answering.
    unavailable: dict[str, int] = field(default_factory=dict)
    attempts: dict[str, int] = field(default_factory=dict)
    time_remaining: dict[str, float | None] = field(default_factory=dict)
    metadata: dict[str, dict[str, str]] = field(default_factory=dict)
    request_ids: list[str] = field(default_factory=list)
    page_tokens: list[str] = field(default_factory=list)
    trip_points: list[int] = field(default_factory=list)
    cancelled: threading.Event = field(default_factory=threading.Event)

    def enter(self, method: str, context: grpc.ServicerContext) -> None:
        """Records a call; aborts it with UNAVAILABLE while failures are
        still due."""
        with self.lock:
            self.attempts[method] = self.attempts.get(method, 0) + 1
            self.time_remaining[method] = context.time_remaining()
            self.metadata[method] = {k: str(v) for k, v in context.invocation_metadata()}
            fail = self.unavailable.get(method, 0) > 0
            if fail:
                self.unavailable[method] -= 1
        if fail:
            context.abort(grpc.StatusCode.UNAVAILABLE, "try again")


def pikachu() -> pokemon_pb2.Pokemon:
    return pokemon_pb2.Pokemon(id=25, name="Pikachu", types=[pokemon_pb2.POKEMON_TYPE_ELECTRIC])


class FakePokedex(pokedex_grpc.PokemonServiceServicer):
    def __init__(self, rec: Recorder) -> None:
        self.rec = rec

    def GetPokemon(self, request: Any, context: grpc.ServicerContext) -> Any:
        self.rec.enter("GetPokemon", context)
        if request.id == 404:
            # A status with only the buf.validate.Violations detail, to show
            # the SDK falls back to it when BadRequest is missing.
            violations = validate_pb2.Violations(
                violations=[
                    validate_pb2.Violation(
                        field=validate_pb2.FieldPath(
                            elements=[
                                validate_pb2.FieldPathElement(field_name="labels", string_key='a"b')
                            ]
                        ),
                        rule_id="map.keys",
                        message="bad key",
                    )
                ]
            )
            detail = any_pb2.Any()
            detail.Pack(violations)
            status = status_pb2.Status(
                code=code_pb2.INVALID_ARGUMENT, message="invalid request", details=[detail]
            )
            context.abort_with_status(rpc_status.to_status(status))
        return pokedex_pb.GetPokemonResponse(pokemon=pikachu())

    def ListPokemon(self, request: Any, context: grpc.ServicerContext) -> Any:
        """Pages over ids 1 to 7, page_size at a time, the token being the
        next offset. A Ghost-type filter makes a server that answers every
        page with the token "stuck", to show the iterators' loop guard."""
        with self.rec.lock:
            self.rec.page_tokens.append(request.page_token)
        self.rec.enter("ListPokemon", context)
        if request.type == pokemon_pb2.POKEMON_TYPE_GHOST:
            return pokedex_pb.ListPokemonResponse(
                pokemon=[pikachu()], next_page_token="stuck", total_size=1
            )
        offset = int(request.page_token or "0")
        size = request.page_size or 3
        ids = list(range(1, 8))[offset : offset + size]
        more = offset + size < 7
        return pokedex_pb.ListPokemonResponse(
            pokemon=[pokemon_pb2.Pokemon(id=i, name=f"#{i}") for i in ids],
            next_page_token=str(offset + size) if more else "",
            total_size=7,
        )

    def CreatePokemon(self, request: Any, context: grpc.ServicerContext) -> Any:
        with self.rec.lock:
            self.rec.request_ids.append(request.request_id)
        self.rec.enter("CreatePokemon", context)
        return pokedex_pb.CreatePokemonResponse(pokemon=request.pokemon)

    def UpdatePokemon(self, request: Any, context: grpc.ServicerContext) -> Any:
        self.rec.enter("UpdatePokemon", context)
        return pokedex_pb.UpdatePokemonResponse(pokemon=request.pokemon)


def route(*places: str) -> routeplanner_pb.Route:
    return routeplanner_pb.Route(
        waypoints=[routeplanner_pb.Waypoint(place=geo_pb2.PlaceRef(place_id=p)) for p in places],
        distance_km=1.5,
    )


class FakeRoutePlanner(routeplanner_grpc.RoutePlannerServiceServicer):
    def __init__(self, rec: Recorder) -> None:
        self.rec = rec

    def WatchRoutes(self, request: Any, context: grpc.ServicerContext) -> Iterator[Any]:
        self.rec.enter("WatchRoutes", context)
        context.add_callback(self.rec.cancelled.set)
        sent = 0
        while context.is_active():
            if request.max_updates and sent == request.max_updates:
                return
            if request.destination.place_id == "nowhere" and sent == 1:
                context.abort(grpc.StatusCode.NOT_FOUND, "no route to nowhere")
            yield routeplanner_pb.WatchRoutesResponse(
                route=route(request.origin.place_id, request.destination.place_id)
            )
            sent += 1
            time.sleep(0.02)

    def RecordTrip(self, request_iterator: Iterator[Any], context: grpc.ServicerContext) -> Any:
        self.rec.enter("RecordTrip", context)
        context.add_callback(self.rec.cancelled.set)
        count = 0
        for _ in request_iterator:
            count += 1
            with self.rec.lock:
                self.rec.trip_points.append(count)
        return routeplanner_pb.RecordTripResponse(point_count=count)

    def Navigate(
        self, request_iterator: Iterator[Any], context: grpc.ServicerContext
    ) -> Iterator[Any]:
        self.rec.enter("Navigate", context)
        for i, request in enumerate(request_iterator):
            yield routeplanner_pb.NavigateResponse(
                instruction=f"step {i} to {request.destination.place_id}",
                next_place=request.destination,
                arrived=request.destination.place_id == "pallet-town",
            )


class FakeExpedition(expedition_grpc.ExpeditionServiceServicer):
    def __init__(self, rec: Recorder) -> None:
        self.rec = rec

    def PlanExpedition(self, request: Any, context: grpc.ServicerContext) -> Any:
        self.rec.enter("PlanExpedition", context)
        plan = expedition_pb.ExpeditionPlan(
            route=route(request.origin.place_id, request.destination.place_id)
        )
        return expedition_pb.PlanExpeditionResponse(plans=[plan])

    def StreamExpedition(self, request: Any, context: grpc.ServicerContext) -> Iterator[Any]:
        self.rec.enter("StreamExpedition", context)
        for rank in range(request.max_routes or 3):
            yield expedition_pb.StreamExpeditionResponse(
                plan=expedition_pb.ExpeditionPlan(
                    route=route(request.origin.place_id, request.destination.place_id), rank=rank
                )
            )


@dataclass
class FakeServer:
    """One gRPC server with all three fake services."""

    server: grpc.Server
    rec: Recorder
    port: int

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.port}"


def start_fake_server(
    credentials: grpc.ServerCredentials | None = None, host: str = "127.0.0.1"
) -> FakeServer:
    rec = Recorder()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
    pokedex_grpc.add_PokemonServiceServicer_to_server(FakePokedex(rec), server)
    routeplanner_grpc.add_RoutePlannerServiceServicer_to_server(FakeRoutePlanner(rec), server)
    expedition_grpc.add_ExpeditionServiceServicer_to_server(FakeExpedition(rec), server)
    if credentials is None:
        port = server.add_insecure_port(f"{host}:0")
    else:
        port = server.add_secure_port(f"{host}:0", credentials)
    server.start()
    return FakeServer(server, rec, port)
