"""Stream handles of the asyncio clients."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterable, AsyncIterator, Iterable
from types import TracebackType
from typing import Any, Generic, TypeAlias, TypeVar

import grpc
import grpc.aio
from google.protobuf import message

from kanto._channel import CallContext
from kanto._errors import KantoError

Req = TypeVar("Req", bound=message.Message)
Resp = TypeVar("Resp", bound=message.Message)

#: Requests of a client- or bidirectional-streaming call of an asyncio
#: client: any iterable or async iterable of request messages.
RequestStream: TypeAlias = Iterable[Req] | AsyncIterable[Req]


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
        # failed client-side validation (see AsyncClientBase._bidi_stream).
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


async def aiter_requests(requests: RequestStream[Req]) -> AsyncIterator[Req]:
    """Iterates over an iterable or an async iterable of requests."""
    if isinstance(requests, AsyncIterable):
        async for request in requests:
            yield request
    else:
        for request in requests:
            yield request
