"""The synchronous clients, one per service."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import Any, ClassVar, TypeVar

import grpc
from google.protobuf import message

from kanto._channel import (
    ClientBase,
    Metadata,
)
from kanto._errors import KantoError
from kanto._streams import BidiStream, CheckedRequests, ServerStream
from kanto.expedition.v1 import expedition_service_pb2 as expedition_pb
from kanto.expedition.v1 import expedition_service_pb2_grpc as expedition_grpc
from kanto.pokedex.v1 import pokemon_pb2
from kanto.pokedex.v1 import pokemon_service_pb2 as pokedex_pb
from kanto.pokedex.v1 import pokemon_service_pb2_grpc as pokedex_grpc
from kanto.routeplanner.v1 import route_planner_service_pb2 as routeplanner_pb
from kanto.routeplanner.v1 import route_planner_service_pb2_grpc as routeplanner_grpc

_C = TypeVar("_C", bound="_Client")


class _Client(ClientBase):
    """What the synchronous clients share: the channel and the call helpers.

    Thread-safe: one client (and its one channel) serves any number of
    threads, and should be reused rather than created per call.
    """

    _GRPC: ClassVar[Any] = grpc

    def close(self) -> None:
        """Closes the channel; calls in flight are cancelled."""
        self._channel.close()

    def __enter__(self: _C) -> _C:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # The call helpers take the RPC's name: they look up the stub's
    # multi-callable, and the method's timeout in the service config.

    def _unary(
        self,
        method: str,
        request: message.Message,
        timeout: float | None,
        metadata: Metadata | None,
    ) -> Any:
        self._ctx.check(request)
        args, deadline = self._ctx.call_args(method, timeout, metadata)
        try:
            return getattr(self._stub, method)(request, **args)
        except grpc.RpcError as e:
            raise KantoError.from_rpc_error(e, deadline=deadline) from e

    def _server_stream(
        self,
        method: str,
        request: message.Message,
        timeout: float | None,
        metadata: Metadata | None,
    ) -> Any:
        self._ctx.check(request)
        args, deadline = self._ctx.call_args(method, timeout, metadata)
        return ServerStream(getattr(self._stub, method)(request, **args), deadline)

    def _client_stream(
        self,
        method: str,
        requests: Iterable[message.Message],
        timeout: float | None,
        metadata: Metadata | None,
    ) -> Any:
        checked = CheckedRequests(requests, self._ctx)
        args, deadline = self._ctx.call_args(method, timeout, metadata)
        future = getattr(self._stub, method).future(iter(checked), **args)
        checked.attach(future)
        try:
            return future.result()
        except (grpc.RpcError, grpc.FutureCancelledError) as e:
            raise checked.translate(e, deadline) from e

    def _bidi_stream(
        self,
        method: str,
        requests: Iterable[message.Message] | None,
        timeout: float | None,
        metadata: Metadata | None,
    ) -> Any:
        multi_callable = getattr(self._stub, method)
        args, deadline = self._ctx.call_args(method, timeout, metadata)
        return BidiStream(lambda it: multi_callable(it, **args), self._ctx, requests, deadline)


class PokemonClient(_Client):
    """A synchronous client of the Pokédex (kanto.pokedex.v1.PokemonService).

    Reads are public; CreatePokemon, UpdatePokemon and DeletePokemon need a
    curator ``token``. Every method raises KantoError when the call fails.
    Timeouts and retries come from the service's gRPC service config
    (kanto/serviceconfig/pokedex.json); ``timeout`` (seconds) can only
    shorten a call's deadline.

    Args:
        target: host:port of the Pokédex, by default 127.0.0.1:50051.
        token: the bearer token sent with every call.
        tls: connect with TLS (system roots unless ``root_certificates``).
        root_certificates: PEM roots to trust; implies TLS.
        credentials: channel credentials to use instead of ``tls``.
        validate: validate every request with protovalidate before sending
            it (needs the ``validation`` extra), raising the same KantoError
            as the server would.
        keepalive_time, keepalive_timeout: client keepalive, in seconds.
        options: extra grpc channel arguments; a ``grpc.primary_user_agent``
            goes before the SDK's own user agent (kanto.USER_AGENT).
    """

    _STUB = pokedex_grpc.PokemonServiceStub
    _SERVICE = "kanto.pokedex.v1.PokemonService"
    _SERVICE_CONFIG = "pokedex"
    DEFAULT_TARGET = "127.0.0.1:50051"

    def get_pokemon(
        self,
        request: pokedex_pb.GetPokemonRequest,
        *,
        timeout: float | None = None,
        metadata: Metadata | None = None,
    ) -> pokedex_pb.GetPokemonResponse:
        """Returns one species by its national Pokédex number; NOT_FOUND if
        there is none."""
        response: pokedex_pb.GetPokemonResponse = self._unary(
            "GetPokemon", request, timeout, metadata
        )
        return response

    def list_pokemon(
        self,
        request: pokedex_pb.ListPokemonRequest,
        *,
        timeout: float | None = None,
        metadata: Metadata | None = None,
    ) -> pokedex_pb.ListPokemonResponse:
        """Returns one page of species in ascending id order. See
        :meth:`list_pokemon_pages` and :meth:`iter_pokemon` to read them
        all."""
        response: pokedex_pb.ListPokemonResponse = self._unary(
            "ListPokemon", request, timeout, metadata
        )
        return response

    def list_pokemon_pages(
        self,
        request: pokedex_pb.ListPokemonRequest | None = None,
        *,
        timeout: float | None = None,
        metadata: Metadata | None = None,
    ) -> Iterator[pokedex_pb.ListPokemonResponse]:
        """Yields every page of ListPokemon, following next_page_token from
        ``request``'s page (the first page if it has no token). Each page is
        one call with its own ``timeout``. The request is not modified."""
        page_request = pokedex_pb.ListPokemonRequest()
        if request is not None:
            page_request.CopyFrom(request)
        while True:
            page = self.list_pokemon(page_request, timeout=timeout, metadata=metadata)
            yield page
            if not page.next_page_token:
                return
            page_request.page_token = page.next_page_token

    def iter_pokemon(
        self,
        request: pokedex_pb.ListPokemonRequest | None = None,
        *,
        timeout: float | None = None,
        metadata: Metadata | None = None,
    ) -> Iterator[pokemon_pb2.Pokemon]:
        """Yields every species matching ``request``'s filter, across all
        pages."""
        for page in self.list_pokemon_pages(request, timeout=timeout, metadata=metadata):
            yield from page.pokemon

    def batch_get_pokemon(
        self,
        request: pokedex_pb.BatchGetPokemonRequest,
        *,
        timeout: float | None = None,
        metadata: Metadata | None = None,
    ) -> pokedex_pb.BatchGetPokemonResponse:
        """Returns several species in the order asked; NOT_FOUND if any is
        missing."""
        response: pokedex_pb.BatchGetPokemonResponse = self._unary(
            "BatchGetPokemon", request, timeout, metadata
        )
        return response

    def create_pokemon(
        self,
        request: pokedex_pb.CreatePokemonRequest,
        *,
        timeout: float | None = None,
        metadata: Metadata | None = None,
    ) -> pokedex_pb.CreatePokemonResponse:
        """Adds a species (curators only). If ``request.request_id`` is
        empty, a fresh UUID is sent in a copy of the request, which makes
        the automatic retries on UNAVAILABLE safe; set it yourself to retry
        across calls."""
        response: pokedex_pb.CreatePokemonResponse = self._unary(
            "CreatePokemon", with_request_id(request), timeout, metadata
        )
        return response

    def update_pokemon(
        self,
        request: pokedex_pb.UpdatePokemonRequest,
        *,
        timeout: float | None = None,
        metadata: Metadata | None = None,
    ) -> pokedex_pb.UpdatePokemonResponse:
        """Changes the fields named in update_mask (curators only)."""
        response: pokedex_pb.UpdatePokemonResponse = self._unary(
            "UpdatePokemon", request, timeout, metadata
        )
        return response

    def delete_pokemon(
        self,
        request: pokedex_pb.DeletePokemonRequest,
        *,
        timeout: float | None = None,
        metadata: Metadata | None = None,
    ) -> pokedex_pb.DeletePokemonResponse:
        """Removes a species and its encounters (curators only)."""
        response: pokedex_pb.DeletePokemonResponse = self._unary(
            "DeletePokemon", request, timeout, metadata
        )
        return response

    def list_encounters(
        self,
        request: pokedex_pb.ListEncountersRequest,
        *,
        timeout: float | None = None,
        metadata: Metadata | None = None,
    ) -> pokedex_pb.ListEncountersResponse:
        """Returns the species that can be met at the given places."""
        response: pokedex_pb.ListEncountersResponse = self._unary(
            "ListEncounters", request, timeout, metadata
        )
        return response


class RoutePlannerClient(_Client):
    """A synchronous client of the route planner
    (kanto.routeplanner.v1.RoutePlannerService), by default at
    127.0.0.1:50052. The arguments are those of :class:`PokemonClient`;
    timeouts and retries come from kanto/serviceconfig/routeplanner.json."""

    _STUB = routeplanner_grpc.RoutePlannerServiceStub
    _SERVICE = "kanto.routeplanner.v1.RoutePlannerService"
    _SERVICE_CONFIG = "routeplanner"
    DEFAULT_TARGET = "127.0.0.1:50052"

    def get_routes(
        self,
        request: routeplanner_pb.GetRoutesRequest,
        *,
        timeout: float | None = None,
        metadata: Metadata | None = None,
    ) -> routeplanner_pb.GetRoutesResponse:
        """Returns up to max_routes alternative routes, shortest first."""
        response: routeplanner_pb.GetRoutesResponse = self._unary(
            "GetRoutes", request, timeout, metadata
        )
        return response

    def watch_routes(
        self,
        request: routeplanner_pb.WatchRoutesRequest,
        *,
        timeout: float | None = None,
        metadata: Metadata | None = None,
    ) -> ServerStream[routeplanner_pb.WatchRoutesResponse]:
        """Streams the best route now, then each new best route. The stream
        ends after max_updates routes, on :meth:`ServerStream.cancel`, or
        when ``timeout`` passes (KantoError DEADLINE_EXCEEDED)."""
        stream: ServerStream[routeplanner_pb.WatchRoutesResponse] = self._server_stream(
            "WatchRoutes", request, timeout, metadata
        )
        return stream

    def record_trip(
        self,
        requests: Iterable[routeplanner_pb.RecordTripRequest],
        *,
        timeout: float | None = None,
        metadata: Metadata | None = None,
    ) -> routeplanner_pb.RecordTripResponse:
        """Sends every location report of ``requests``, closes the stream
        and returns the trip's summary."""
        response: routeplanner_pb.RecordTripResponse = self._client_stream(
            "RecordTrip", requests, timeout, metadata
        )
        return response

    def navigate(
        self,
        requests: Iterable[routeplanner_pb.NavigateRequest] | None = None,
        *,
        timeout: float | None = None,
        metadata: Metadata | None = None,
    ) -> BidiStream[routeplanner_pb.NavigateRequest, routeplanner_pb.NavigateResponse]:
        """Opens a navigation: one NavigateResponse per NavigateRequest.
        Pass the requests as an iterable, or none and use
        :meth:`BidiStream.send` and :meth:`BidiStream.close_send`."""
        stream: BidiStream[routeplanner_pb.NavigateRequest, routeplanner_pb.NavigateResponse] = (
            self._bidi_stream("Navigate", requests, timeout, metadata)
        )
        return stream


class ExpeditionClient(_Client):
    """A synchronous client of the expedition planner
    (kanto.expedition.v1.ExpeditionService), by default at 127.0.0.1:50053.
    The arguments are those of :class:`PokemonClient`; timeouts and retries
    come from kanto/serviceconfig/expedition.json."""

    _STUB = expedition_grpc.ExpeditionServiceStub
    _SERVICE = "kanto.expedition.v1.ExpeditionService"
    _SERVICE_CONFIG = "expedition"
    DEFAULT_TARGET = "127.0.0.1:50053"

    def plan_expedition(
        self,
        request: expedition_pb.PlanExpeditionRequest,
        *,
        timeout: float | None = None,
        metadata: Metadata | None = None,
    ) -> expedition_pb.PlanExpeditionResponse:
        """Returns every planned route with its likely encounters."""
        response: expedition_pb.PlanExpeditionResponse = self._unary(
            "PlanExpedition", request, timeout, metadata
        )
        return response

    def stream_expedition(
        self,
        request: expedition_pb.StreamExpeditionRequest,
        *,
        timeout: float | None = None,
        metadata: Metadata | None = None,
    ) -> ServerStream[expedition_pb.StreamExpeditionResponse]:
        """Streams each route's plan as soon as its encounters are known."""
        stream: ServerStream[expedition_pb.StreamExpeditionResponse] = self._server_stream(
            "StreamExpedition", request, timeout, metadata
        )
        return stream


def with_request_id(request: pokedex_pb.CreatePokemonRequest) -> pokedex_pb.CreatePokemonRequest:
    """Returns ``request``, or a copy of it with a fresh UUID request_id if it
    has none."""
    if request.request_id:
        return request
    filled = pokedex_pb.CreatePokemonRequest()
    filled.CopyFrom(request)
    filled.request_id = str(uuid.uuid4())
    return filled
