"""The base classes of the generated asyncio clients (on grpc.aio): a
client of one service (:class:`AsyncClientBase`) and the umbrella client of
every service (:class:`AsyncUmbrellaBase`)."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from types import TracebackType
from typing import Any, ClassVar, TypeVar

import grpc
import grpc.aio

from kanto._async_streams import AsyncBidiStream, AsyncServerStream, RequestStream, aiter_requests
from kanto._channel import Metadata
from kanto._client import _ChannelOwner, _UmbrellaOptions
from kanto._errors import KantoError
from kanto._methods import MethodDescriptor, Req, Resp

_C = TypeVar("_C", bound="AsyncClientBase")
_U = TypeVar("_U", bound="AsyncUmbrellaBase")


class AsyncClientBase(_ChannelOwner):
    """The base of the generated asyncio clients, one per service
    (``kanto.AsyncPokemonClient``, ...): the methods of the synchronous
    client as coroutines, server streams as async iterators. Create it
    inside the running event loop (grpc.aio binds the channel to it) and
    close it with ``await client.close()`` or ``async with``. Every call
    raises :class:`kanto.KantoError` when it fails."""

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

    # The call helpers of the generated methods.

    async def _unary(
        self,
        method: MethodDescriptor[Req, Resp],
        request: Req,
        timeout: float | None,
        metadata: Metadata | None,
    ) -> Resp:
        ctx = self._ctx
        if ctx.validator is not None:
            ctx.check(request)
        call = self._calls.get(method) or self._callable(method)
        seconds = self._timeout(method, timeout)
        start = time.monotonic()
        try:
            response: Resp = await call(request, timeout=seconds, metadata=ctx.metadata(metadata))
        except grpc.RpcError as e:
            deadline = None if seconds is None else start + seconds
            raise KantoError.from_rpc_error(e, deadline=deadline) from e
        return response

    def _server_stream(
        self,
        method: MethodDescriptor[Req, Resp],
        request: Req,
        timeout: float | None,
        metadata: Metadata | None,
    ) -> AsyncServerStream[Resp]:
        ctx = self._ctx
        ctx.check(request)
        seconds = self._timeout(method, timeout)
        deadline = None if seconds is None else time.monotonic() + seconds
        call = self._callable(method)(request, timeout=seconds, metadata=ctx.metadata(metadata))
        return AsyncServerStream(call, deadline)

    async def _client_stream(
        self,
        method: MethodDescriptor[Req, Resp],
        requests: RequestStream[Req],
        timeout: float | None,
        metadata: Metadata | None,
    ) -> Resp:
        # The reader-writer style, so a request that fails validation (or a
        # request iterable that raises) cancels the call here, in the
        # caller's task, instead of inside grpc's request consumer.
        seconds = self._timeout(method, timeout)
        deadline = None if seconds is None else time.monotonic() + seconds
        call = self._callable(method)(timeout=seconds, metadata=self._ctx.metadata(metadata))
        try:
            async for request in aiter_requests(requests):
                self._ctx.check(request)
                await call.write(request)
            await call.done_writing()
            response: Resp = await call
        except grpc.RpcError as e:
            raise KantoError.from_rpc_error(e, deadline=deadline) from e
        except BaseException:
            call.cancel()
            raise
        return response

    def _bidi_stream(
        self,
        method: MethodDescriptor[Req, Resp],
        requests: RequestStream[Req] | None,
        timeout: float | None,
        metadata: Metadata | None,
    ) -> AsyncBidiStream[Req, Resp]:
        multi_callable = self._callable(method)
        seconds = self._timeout(method, timeout)
        deadline = None if seconds is None else time.monotonic() + seconds
        md = self._ctx.metadata(metadata)
        if requests is None:
            return AsyncBidiStream(
                multi_callable(timeout=seconds, metadata=md), deadline, self._ctx, writable=True
            )
        stream: AsyncBidiStream[Req, Resp]
        ctx = self._ctx

        async def checked() -> AsyncIterator[Req]:
            try:
                async for request in aiter_requests(requests):
                    ctx.check(request)
                    yield request
            except Exception as e:
                # grpc.aio cancels the call when the request iterator raises
                # (and logs it only at debug level); reading the stream then
                # raises this exception instead of the cancellation.
                stream._request_error = e
                raise

        call = multi_callable(checked(), timeout=seconds, metadata=md)
        stream = AsyncBidiStream(call, deadline, ctx, writable=False)
        return stream


class AsyncUmbrellaBase(_UmbrellaOptions):
    """The base of the generated asyncio umbrella client,
    :class:`kanto.AsyncKantoClient`: an asyncio client of every service.
    Create it inside the running event loop and close it with
    ``await client.close()`` or ``async with``."""

    async def close(self) -> None:
        """Closes every channel; calls in flight are cancelled."""
        for client in self._clients:
            await client.close()

    async def __aenter__(self: _U) -> _U:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()
