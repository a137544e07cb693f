"""Stream handles of the synchronous clients."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import Any, Generic, TypeVar, cast

import grpc
from google.protobuf import message

from kanto._channel import CallContext
from kanto._errors import KantoError

Req = TypeVar("Req", bound=message.Message)
Resp = TypeVar("Resp", bound=message.Message)

# Tells the request generator of a BidiStream that the client closed its side.
_CLOSE = object()


class CheckedRequests(Generic[Req]):
    """Wraps the request iterable of a client- or bidirectional-streaming
    call: each request is validated (if the client validates) just before
    it is sent.

    grpc consumes the iterable in a thread of its own, so neither a
    validation error nor an exception of the caller's iterable can reach the
    caller directly; and if the iterable raised, grpc would log it as an
    error and end the call with UNKNOWN. Instead the failure is kept here,
    the call is cancelled (never half-closed, so the server cannot take the
    requests sent so far for the whole stream) and the iterable ends
    quietly; the client method then raises the kept exception instead of
    the cancellation.
    """

    def __init__(self, requests: Iterable[Req], ctx: CallContext) -> None:
        self._requests = requests
        self._ctx = ctx
        self.failure: BaseException | None = None
        self._call: Any = None
        self._attached = threading.Event()

    def attach(self, call: Any) -> None:
        """Hands over the call to cancel if the requests fail. grpc may start
        iterating before the call object is returned to us."""
        self._call = call
        self._attached.set()

    def __iter__(self) -> Iterator[Req]:
        try:
            for request in self._requests:
                self._ctx.check(request)
                yield request
        except Exception as e:  # handed to the caller's thread, see above
            self.failure = e
            if self._attached.wait(timeout=10):
                self._call.cancel()

    def translate(self, error: Exception, deadline: float | None) -> BaseException:
        """Returns the exception to raise for a failed call."""
        if self.failure is not None:
            return self.failure
        if isinstance(error, grpc.RpcError):
            return KantoError.from_rpc_error(error, deadline=deadline)
        return error


class ServerStream(Generic[Resp]):
    """The responses of a server-streaming call, as an iterator.

    Iterating raises KantoError if the call fails (``DEADLINE_EXCEEDED``
    when its timeout passes, ``CANCELLED`` after :meth:`cancel`). Use it as
    a context manager to cancel the call if the loop is left early.
    """

    def __init__(
        self,
        call: Any,
        deadline: float | None,
        checked: CheckedRequests[Any] | None = None,
    ) -> None:
        # call is a grpc rendezvous: an iterator of responses and a grpc.Call.
        self._call = call
        self._deadline = deadline
        self._checked = checked
        self._cancelled = False

    def __iter__(self) -> Iterator[Resp]:
        return self

    def __next__(self) -> Resp:
        try:
            response: Resp = next(self._call)
        except grpc.RpcError as e:
            raise self._translate(e) from e
        return response

    def _translate(self, error: grpc.RpcError) -> BaseException:
        # After our own cancel(), CANCELLED is the truth even past the deadline.
        deadline = None if self._cancelled else self._deadline
        if self._checked is not None:
            return self._checked.translate(error, deadline)
        return KantoError.from_rpc_error(error, deadline=deadline)

    def cancel(self) -> None:
        """Cancels the call; the server sees the cancellation at once. Further
        iteration raises KantoError with ``CANCELLED``."""
        self._cancelled = True
        self._call.cancel()

    def initial_metadata(self) -> tuple[tuple[str, str | bytes], ...]:
        """Returns the response headers, waiting for them if need be."""
        md: tuple[tuple[str, str | bytes], ...] = tuple(self._call.initial_metadata() or ())
        return md

    def __enter__(self) -> ServerStream[Resp]:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.cancel()  # a no-op if the call has already finished


class BidiStream(ServerStream[Resp], Generic[Req, Resp]):
    """A bidirectional-streaming call.

    Without a request iterable at the start, send requests with
    :meth:`send` and end the client's side with :meth:`close_send`; read
    responses with :meth:`recv` or by iterating. Iterating raises
    KantoError if the call fails.
    """

    def __init__(
        self,
        start: Any,
        ctx: CallContext,
        requests: Iterable[Req] | None,
        deadline: float | None,
    ) -> None:
        self._ctx = ctx
        self._queue: queue.SimpleQueue[object] | None = None
        self._closed = False
        self._lock = threading.Lock()  # guards _closed
        checked: CheckedRequests[Req] | None = None
        if requests is None:
            self._queue = queue.SimpleQueue()
            call = start(self._drain())
            # Release grpc's request thread if the call ends before the
            # caller closes its side (an error, the deadline, cancel()).
            call.add_done_callback(lambda _: self._queue_close())
        else:
            checked = CheckedRequests(requests, ctx)
            call = start(iter(checked))
            checked.attach(call)
        super().__init__(call, deadline, checked)

    def _drain(self) -> Iterator[Req]:
        assert self._queue is not None
        while True:
            item = self._queue.get()
            if item is _CLOSE:
                return
            yield cast(Req, item)  # only requests and _CLOSE are queued

    def _queue_close(self) -> None:
        with self._lock:
            if self._closed or self._queue is None:
                return
            self._closed = True
            self._queue.put(_CLOSE)

    def send(self, request: Req) -> None:
        """Sends one request. Raises KantoError at once if client-side
        validation rejects it, RuntimeError after :meth:`close_send` or if
        the requests were given as an iterable."""
        if self._queue is None:
            raise RuntimeError("this stream's requests were given when it was opened")
        self._ctx.check(request)
        with self._lock:
            if self._closed:
                raise RuntimeError("send after close_send or after the call ended")
            self._queue.put(request)

    def close_send(self) -> None:
        """Ends the client's side of the stream; the server still answers."""
        self._queue_close()

    def recv(self) -> Resp | None:
        """Returns the next response, or None once the server has ended the
        stream successfully."""
        try:
            return next(self)
        except StopIteration:
            return None

    def cancel(self) -> None:
        super().cancel()
        self._queue_close()

    def __enter__(self) -> BidiStream[Req, Resp]:
        return self
