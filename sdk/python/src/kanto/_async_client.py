"""The asyncio clients (grpc.aio), one per service, and their stream
handles."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterable, AsyncIterator, Iterable
from types import TracebackType
from typing import Any, ClassVar, Generic, TypeVar

import grpc
import grpc.aio
from google.protobuf import message

from kanto._channel import (
    CallContext,
    ClientBase,
    Metadata,
)
from kanto._client import with_request_id
from kanto._errors import KantoError
from kanto.expedition.v1 import expedition_service_pb2 as expedition_pb
from kanto.expedition.v1 import expedition_service_pb2_grpc as expedition_grpc
from kanto.pokedex.v1 import pokemon_pb2
from kanto.pokedex.v1 import pokemon_service_pb2 as pokedex_pb
from kanto.pokedex.v1 import pokemon_service_pb2_grpc as pokedex_grpc
from kanto.routeplanner.v1 import route_planner_service_pb2 as routeplanner_pb
from kanto.routeplanner.v1 import route_planner_service_pb2_grpc as routeplanner_grpc

Req = TypeVar("Req", bound=message.Message)
Resp = TypeVar("Resp", bound=message.Message)
_C = TypeVar("_C", bound="_AsyncClient")

#: Requests of a client- or bidirectional-streaming call: any iterable or
#: async iterable of request messages.
RequestStream = Iterable[Req] | AsyncIterable[Req]


def _cancelled_error() -> KantoError:
    return KantoError(grpc.StatusCode.CANCELLED, "the call was cancelled by the client")


class AsyncServerStream(Generic[Resp]):
    """The responses of a server-streaming call, as an async iterator.

    Iterating raises KantoError if the call fails (``DEADLINE_EXCEEDED``
    when its timeout passes, ``CANCELLED`` after :meth:`cancel`). Use it as
    an async context manager to cancel the call if the loop is left early.
    """

    def __init__(self, call: Any, deadline: float | None) -> None:
        # call is a grpc.aio.UnaryStreamCall or StreamStreamCall.
        self._call = call
        self._deadline = deadline
        self._cancelled = False
        # Set when the request iterable of a bidirectional call raised or
        # failed client-side validation (see _AsyncClient._bidi_stream).
        self._request_error: BaseException | None = None

    def __aiter__(self) -> AsyncIterator[Resp]:
        return self

    async def __anext__(self) -> Resp:
        try:
            response = await self._call.read()
        except grpc.RpcError as e:
            raise self._translate(e) from e
        except asyncio.CancelledError:
            # grpc.aio raises CancelledError from read() once the call was
            # cancelled; report our own cancellation like any other status,
            # but let a cancellation of the caller's task propagate.
            if self._request_error is not None:
                raise self._request_error from None
            if self._cancelled:
                raise _cancelled_error() from None
            raise
        if response is grpc.aio.EOF:
            raise StopAsyncIteration
        typed: Resp = response
        return typed

    def _translate(self, error: grpc.RpcError) -> BaseException:
        if self._request_error is not None:
            return self._request_error
        # After our own cancel(), CANCELLED is the truth even past the deadline.
        deadline = None if self._cancelled else self._deadline
        return KantoError.from_rpc_error(error, deadline=deadline)

    async def recv(self) -> Resp | None:
        """Returns the next response, or None once the server has ended the
        stream successfully."""
        try:
            return await self.__anext__()
        except StopAsyncIteration:
            return None

    def cancel(self) -> None:
        """Cancels the call; the server sees the cancellation at once.
        Further reads raise KantoError with ``CANCELLED``."""
        self._cancelled = True
        self._call.cancel()

    async def initial_metadata(self) -> tuple[tuple[str, str | bytes], ...]:
        """Returns the response headers, waiting for them if need be."""
        md = await self._call.initial_metadata()
        return tuple(md or ())

    async def __aenter__(self) -> AsyncServerStream[Resp]:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if not self._call.done():
            self.cancel()


class AsyncBidiStream(AsyncServerStream[Resp], Generic[Req, Resp]):
    """A bidirectional-streaming call.

    Without a request iterable at the start, send requests with
    :meth:`send` and end the client's side with :meth:`close_send`; read
    responses with :meth:`recv` or ``async for``.
    """

    def __init__(self, call: Any, deadline: float | None, ctx: CallContext, writable: bool) -> None:
        super().__init__(call, deadline)
        self._ctx = ctx
        self._writable = writable

    async def send(self, request: Req) -> None:
        """Sends one request. Raises KantoError at once if client-side
        validation rejects it or the call has failed."""
        if not self._writable:
            raise RuntimeError("this stream's requests were given when it was opened")
        self._ctx.check(request)
        try:
            await self._call.write(request)
        except grpc.RpcError as e:
            raise self._translate(e) from e

    async def close_send(self) -> None:
        """Ends the client's side of the stream; the server still answers."""
        if not self._writable:
            raise RuntimeError("this stream's requests were given when it was opened")
        try:
            await self._call.done_writing()
        except grpc.RpcError as e:
            raise self._translate(e) from e

    async def __aenter__(self) -> AsyncBidiStream[Req, Resp]:
        return self


class _AsyncClient(ClientBase):
    """What the asyncio clients share. Create them inside a running event
    loop (grpc.aio binds the channel to it) and close them with
    ``await client.close()`` or ``async with``."""

    _GRPC: ClassVar[Any] = grpc.aio

    async def close(self) -> None:
        """Closes the channel; calls in flight are cancelled."""
        await self._channel.close()

    async def __aenter__(self: _C) -> _C:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    # The call helpers take the RPC's name: they look up the stub's
    # multi-callable, and the method's timeout in the service config.

    async def _unary(
        self,
        method: str,
        request: message.Message,
        timeout: float | None,
        metadata: Metadata | None,
    ) -> Any:
        self._ctx.check(request)
        args, deadline = self._ctx.call_args(method, timeout, metadata)
        try:
            return await getattr(self._stub, method)(request, **args)
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
        return AsyncServerStream(getattr(self._stub, method)(request, **args), deadline)

    async def _client_stream(
        self,
        method: str,
        requests: RequestStream[Any],
        timeout: float | None,
        metadata: Metadata | None,
    ) -> Any:
        # The reader-writer style, so a request that fails validation (or a
        # request iterable that raises) cancels the call here, in the
        # caller's task, instead of inside grpc's request consumer.
        args, deadline = self._ctx.call_args(method, timeout, metadata)
        call = getattr(self._stub, method)(**args)
        try:
            async for request in _aiter(requests):
                self._ctx.check(request)
                await call.write(request)
            await call.done_writing()
            return await call
        except grpc.RpcError as e:
            raise KantoError.from_rpc_error(e, deadline=deadline) from e
        except BaseException:
            call.cancel()
            raise

    def _bidi_stream(
        self,
        method: str,
        requests: RequestStream[Any] | None,
        timeout: float | None,
        metadata: Metadata | None,
    ) -> Any:
        multi_callable = getattr(self._stub, method)
        args, deadline = self._ctx.call_args(method, timeout, metadata)
        if requests is None:
            return AsyncBidiStream(multi_callable(**args), deadline, self._ctx, writable=True)
        stream: AsyncBidiStream[Any, Any]

        async def checked() -> AsyncIterator[Any]:
            try:
                async for request in _aiter(requests):
                    self._ctx.check(request)
                    yield request
            except Exception as e:
                # grpc.aio cancels the call when the request iterator raises
                # (and logs it only at debug level); reading the stream then
                # raises this exception instead of the cancellation.
                stream._request_error = e
                raise

        call = multi_callable(checked(), **args)
        stream = AsyncBidiStream(call, deadline, self._ctx, writable=False)
        return stream


async def _aiter(requests: RequestStream[Req]) -> AsyncIterator[Req]:
    if isinstance(requests, AsyncIterable):
        async for request in requests:
            yield request
    else:
        for request in requests:
            yield request


class AsyncPokemonClient(_AsyncClient):
    """An asyncio client of the Pokédex (kanto.pokedex.v1.PokemonService),
    by default at 127.0.0.1:50051. The arguments and behaviour are those
    of :class:`kanto.PokemonClient`; every method is a coroutine (or an async
    iterator) and raises KantoError when the call fails."""

    _STUB = pokedex_grpc.PokemonServiceStub
    _SERVICE = "kanto.pokedex.v1.PokemonService"
    _SERVICE_CONFIG = "pokedex"
    DEFAULT_TARGET = "127.0.0.1:50051"

    async def get_pokemon(
        self,
        request: pokedex_pb.GetPokemonRequest,
        *,
        timeout: float | None = None,
        metadata: Metadata | None = None,
    ) -> pokedex_pb.GetPokemonResponse:
        """Returns one species by its national Pokédex number; NOT_FOUND if
        there is none."""
        response: pokedex_pb.GetPokemonResponse = await self._unary(
            "GetPokemon", request, timeout, metadata
        )
        return response

    async def list_pokemon(
        self,
        request: pokedex_pb.ListPokemonRequest,
        *,
        timeout: float | None = None,
        metadata: Metadata | None = None,
    ) -> pokedex_pb.ListPokemonResponse:
        """Returns one page of species in ascending id order."""
        response: pokedex_pb.ListPokemonResponse = await self._unary(
            "ListPokemon", request, timeout, metadata
        )
        return response

    async def list_pokemon_pages(
        self,
        request: pokedex_pb.ListPokemonRequest | None = None,
        *,
        timeout: float | None = None,
        metadata: Metadata | None = None,
    ) -> AsyncIterator[pokedex_pb.ListPokemonResponse]:
        """Yields every page of ListPokemon, following next_page_token from
        ``request``'s page. Each page is one call with its own ``timeout``.
        The request is not modified."""
        page_request = pokedex_pb.ListPokemonRequest()
        if request is not None:
            page_request.CopyFrom(request)
        while True:
            page = await self.list_pokemon(page_request, timeout=timeout, metadata=metadata)
            yield page
            if not page.next_page_token:
                return
            page_request.page_token = page.next_page_token

    async def iter_pokemon(
        self,
        request: pokedex_pb.ListPokemonRequest | None = None,
        *,
        timeout: float | None = None,
        metadata: Metadata | None = None,
    ) -> AsyncIterator[pokemon_pb2.Pokemon]:
        """Yields every species matching ``request``'s filter, across all
        pages."""
        async for page in self.list_pokemon_pages(request, timeout=timeout, metadata=metadata):
            for pokemon in page.pokemon:
                yield pokemon

    async def batch_get_pokemon(
        self,
        request: pokedex_pb.BatchGetPokemonRequest,
        *,
        timeout: float | None = None,
        metadata: Metadata | None = None,
    ) -> pokedex_pb.BatchGetPokemonResponse:
        """Returns several species in the order asked; NOT_FOUND if any is
        missing."""
        response: pokedex_pb.BatchGetPokemonResponse = await self._unary(
            "BatchGetPokemon", request, timeout, metadata
        )
        return response

    async def create_pokemon(
        self,
        request: pokedex_pb.CreatePokemonRequest,
        *,
        timeout: float | None = None,
        metadata: Metadata | None = None,
    ) -> pokedex_pb.CreatePokemonResponse:
        """Adds a species (curators only). If ``request.request_id`` is
        empty, a fresh UUID is sent in a copy of the request."""
        response: pokedex_pb.CreatePokemonResponse = await self._unary(
            "CreatePokemon", with_request_id(request), timeout, metadata
        )
        return response

    async def update_pokemon(
        self,
        request: pokedex_pb.UpdatePokemonRequest,
        *,
        timeout: float | None = None,
        metadata: Metadata | None = None,
    ) -> pokedex_pb.UpdatePokemonResponse:
        """Changes the fields named in update_mask (curators only)."""
        response: pokedex_pb.UpdatePokemonResponse = await self._unary(
            "UpdatePokemon", request, timeout, metadata
        )
        return response

    async def delete_pokemon(
        self,
        request: pokedex_pb.DeletePokemonRequest,
        *,
        timeout: float | None = None,
        metadata: Metadata | None = None,
    ) -> pokedex_pb.DeletePokemonResponse:
        """Removes a species and its encounters (curators only)."""
        response: pokedex_pb.DeletePokemonResponse = await self._unary(
            "DeletePokemon", request, timeout, metadata
        )
        return response

    async def list_encounters(
        self,
        request: pokedex_pb.ListEncountersRequest,
        *,
        timeout: float | None = None,
        metadata: Metadata | None = None,
    ) -> pokedex_pb.ListEncountersResponse:
        """Returns the species that can be met at the given places."""
        response: pokedex_pb.ListEncountersResponse = await self._unary(
            "ListEncounters", request, timeout, metadata
        )
        return response


class AsyncRoutePlannerClient(_AsyncClient):
    """An asyncio client of the route planner
    (kanto.routeplanner.v1.RoutePlannerService), by default at
    127.0.0.1:50052."""

    _STUB = routeplanner_grpc.RoutePlannerServiceStub
    _SERVICE = "kanto.routeplanner.v1.RoutePlannerService"
    _SERVICE_CONFIG = "routeplanner"
    DEFAULT_TARGET = "127.0.0.1:50052"

    async def get_routes(
        self,
        request: routeplanner_pb.GetRoutesRequest,
        *,
        timeout: float | None = None,
        metadata: Metadata | None = None,
    ) -> routeplanner_pb.GetRoutesResponse:
        """Returns up to max_routes alternative routes, shortest first."""
        response: routeplanner_pb.GetRoutesResponse = await self._unary(
            "GetRoutes", request, timeout, metadata
        )
        return response

    def watch_routes(
        self,
        request: routeplanner_pb.WatchRoutesRequest,
        *,
        timeout: float | None = None,
        metadata: Metadata | None = None,
    ) -> AsyncServerStream[routeplanner_pb.WatchRoutesResponse]:
        """Streams the best route now, then each new best route (``async
        for``). The stream ends after max_updates routes, on
        :meth:`AsyncServerStream.cancel`, or when ``timeout`` passes."""
        stream: AsyncServerStream[routeplanner_pb.WatchRoutesResponse] = self._server_stream(
            "WatchRoutes", request, timeout, metadata
        )
        return stream

    async def record_trip(
        self,
        requests: RequestStream[routeplanner_pb.RecordTripRequest],
        *,
        timeout: float | None = None,
        metadata: Metadata | None = None,
    ) -> routeplanner_pb.RecordTripResponse:
        """Sends every location report of ``requests`` (an iterable or an
        async iterable), closes the stream and returns the trip's
        summary."""
        response: routeplanner_pb.RecordTripResponse = await self._client_stream(
            "RecordTrip", requests, timeout, metadata
        )
        return response

    def navigate(
        self,
        requests: RequestStream[routeplanner_pb.NavigateRequest] | None = None,
        *,
        timeout: float | None = None,
        metadata: Metadata | None = None,
    ) -> AsyncBidiStream[routeplanner_pb.NavigateRequest, routeplanner_pb.NavigateResponse]:
        """Opens a navigation: one NavigateResponse per NavigateRequest.
        Pass the requests as an (async) iterable, or none and use
        :meth:`AsyncBidiStream.send` and :meth:`AsyncBidiStream.close_send`."""
        stream: AsyncBidiStream[
            routeplanner_pb.NavigateRequest, routeplanner_pb.NavigateResponse
        ] = self._bidi_stream("Navigate", requests, timeout, metadata)
        return stream


class AsyncExpeditionClient(_AsyncClient):
    """An asyncio client of the expedition planner
    (kanto.expedition.v1.ExpeditionService), by default at
    127.0.0.1:50053."""

    _STUB = expedition_grpc.ExpeditionServiceStub
    _SERVICE = "kanto.expedition.v1.ExpeditionService"
    _SERVICE_CONFIG = "expedition"
    DEFAULT_TARGET = "127.0.0.1:50053"

    async def plan_expedition(
        self,
        request: expedition_pb.PlanExpeditionRequest,
        *,
        timeout: float | None = None,
        metadata: Metadata | None = None,
    ) -> expedition_pb.PlanExpeditionResponse:
        """Returns every planned route with its likely encounters."""
        response: expedition_pb.PlanExpeditionResponse = await self._unary(
            "PlanExpedition", request, timeout, metadata
        )
        return response

    def stream_expedition(
        self,
        request: expedition_pb.StreamExpeditionRequest,
        *,
        timeout: float | None = None,
        metadata: Metadata | None = None,
    ) -> AsyncServerStream[expedition_pb.StreamExpeditionResponse]:
        """Streams each route's plan as soon as its encounters are known."""
        stream: AsyncServerStream[expedition_pb.StreamExpeditionResponse] = self._server_stream(
            "StreamExpedition", request, timeout, metadata
        )
        return stream
