"""The base classes of the generated synchronous clients: a client of one
service (:class:`ClientBase`) and the umbrella client of every service
(:class:`UmbrellaBase`). They own the channels and make the calls; the
generated subclasses only name the service and its methods."""

from __future__ import annotations

import time
import warnings
from collections.abc import Iterable, Mapping, Sequence
from types import TracebackType
from typing import Any, ClassVar, TypeVar

import grpc

from kanto._channel import (
    DEFAULT_KEEPALIVE_TIME,
    DEFAULT_KEEPALIVE_TIMEOUT,
    DEFAULT_TIMEOUT,
    CallContext,
    Metadata,
    ServiceInfo,
    Settings,
)
from kanto._errors import KantoError
from kanto._methods import MethodDescriptor, MethodInfo, MethodKind, Req, Resp
from kanto._streams import BidiStream, CheckedRequests, ServerStream

_O = TypeVar("_O", bound="_ChannelOwner")
_C = TypeVar("_C", bound="ClientBase")
_U = TypeVar("_U", bound="UmbrellaBase")


class _ChannelOwner:
    """The set-up the synchronous and the asyncio clients share. They
    differ only in the gRPC module that makes their channel (``_GRPC``:
    grpc or grpc.aio) and in how they call and close it."""

    _GRPC: ClassVar[Any]
    SERVICE_INFO: ClassVar[ServiceInfo]
    """The service this client calls: its name, default target and service
    config."""

    # grpc.Channel or grpc.aio.Channel, after _GRPC.
    _channel: Any

    def __init__(
        self,
        target: str | None = None,
        *,
        targets: Mapping[str, str] | None = None,
        token: str | None = None,
        insecure: bool = False,
        root_certificates: bytes | None = None,
        credentials: grpc.ChannelCredentials | None = None,
        validate: bool = False,
        default_timeout: float | None = DEFAULT_TIMEOUT,
        keepalive_time: float = DEFAULT_KEEPALIVE_TIME,
        keepalive_timeout: float = DEFAULT_KEEPALIVE_TIMEOUT,
        options: Sequence[tuple[str, Any]] = (),
    ) -> None:
        """Creates a client of the service and its channel. The channel
        connects on the first call, not here; invalid options raise
        ``ValueError`` here.

        Args:
            target: where the service is, ``host:port`` or any gRPC target.
                By default the service's ``google.api.default_host`` in the
                schema (see ``SERVICE_INFO.default_target``).
            targets: targets by full service name
                (``{"kanto.pokedex.v1.PokemonService": "host:port"}``); the
                entry of this client's service wins over ``target``.
            token: a bearer token sent with every call as
                ``authorization: Bearer <token>``. It is sent only over TLS
                or to a loopback address: with ``insecure=True`` and any
                other target, creating the client raises ``ValueError``.
            insecure: plaintext instead of TLS, for local development and
                tests. TLS (with the system's roots) is the default.
            root_certificates: PEM roots to trust instead of the system's.
            credentials: your own ``grpc.ChannelCredentials`` for TLS.
            validate: check every request against the schema's
                protovalidate rules before sending it (needs the
                ``validation`` extra), raising the KantoError the server
                would answer.
            default_timeout: the deadline in seconds of unary calls whose
                method has no timeout in the service config and whose
                caller passes none; None for no deadline.
            keepalive_time, keepalive_timeout: keepalive pings after this
                many seconds of silence on a connection with calls in
                flight (at least 10 s, the servers' minimum), and how long
                to wait for the answer.
            options: extra grpc channel arguments; one named like an SDK
                default replaces it, except ``grpc.primary_user_agent``,
                which goes before the SDK's own (:data:`kanto.USER_AGENT`).
        """
        settings = Settings(
            target,
            targets=targets,
            token=token,
            insecure=insecure,
            root_certificates=root_certificates,
            credentials=credentials,
            validate=validate,
            default_timeout=default_timeout,
            keepalive_time=keepalive_time,
            keepalive_timeout=keepalive_timeout,
            options=options,
        )
        if self.SERVICE_INFO.deprecated:
            warnings.warn(
                f"{self.SERVICE_INFO.name} is deprecated", DeprecationWarning, stacklevel=2
            )
        self._setup(settings)

    @classmethod
    def _with_settings(cls: type[_O], settings: Settings) -> _O:
        # The umbrella client's way in: one Settings for every service.
        client = cls.__new__(cls)
        client._setup(settings)
        return client

    def _setup(self, settings: Settings) -> None:
        info = self.SERVICE_INFO
        self._target = settings.target_of(info)
        self._ctx = CallContext(settings)
        # The multi-callables of the methods called so far, by descriptor.
        self._calls: dict[MethodDescriptor[Any, Any], Any] = {}
        arguments = settings.channel_arguments(info)
        if settings.credentials is None:
            self._channel = self._GRPC.insecure_channel(self._target, options=arguments)
        else:
            self._channel = self._GRPC.secure_channel(
                self._target, settings.credentials, options=arguments
            )

    @property
    def target(self) -> str:
        """The target the client calls."""
        return self._target

    def methods(self) -> list[MethodInfo]:
        """Describes every RPC of the service, bound to this client."""
        raise NotImplementedError  # the generated subclass lists them

    def _callable(self, method: MethodDescriptor[Any, Any]) -> Any:
        call = self._calls.get(method)
        if call is None:
            factory = {
                MethodKind.UNARY: self._channel.unary_unary,
                MethodKind.SERVER_STREAM: self._channel.unary_stream,
                MethodKind.CLIENT_STREAM: self._channel.stream_unary,
                MethodKind.BIDI_STREAM: self._channel.stream_stream,
            }[method.kind]
            # _registered_method, as grpcio-tools' stubs pass it: grpc then
            # registers the path once instead of on every call.
            call = factory(
                method.path,
                request_serializer=method.request_type.SerializeToString,
                response_deserializer=method.response_type.FromString,
                _registered_method=True,
            )
            self._calls[method] = call
        return call

    def _timeout(self, method: MethodDescriptor[Any, Any], timeout: float | None) -> float | None:
        """The deadline of one call, in seconds from now: the earlier of the
        caller's ``timeout`` and the method's; for a unary method without
        either, the client's default."""
        configured = method.timeout
        if timeout is None:
            if configured is None and method.kind is MethodKind.UNARY:
                return self._ctx.default_timeout
            return configured
        if configured is None or timeout < configured:
            return timeout
        return configured


class ClientBase(_ChannelOwner):
    """The base of the generated synchronous clients, one per service
    (``kanto.PokemonClient``, ...). A client holds one gRPC channel: create
    it once, share it between threads, and close it (or use ``with``).
    Every call raises :class:`kanto.KantoError` when it fails."""

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

    # The call helpers of the generated methods.

    def _unary(
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
            response: Resp = call(request, timeout=seconds, metadata=ctx.metadata(metadata))
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
    ) -> ServerStream[Resp]:
        ctx = self._ctx
        ctx.check(request)
        seconds = self._timeout(method, timeout)
        deadline = None if seconds is None else time.monotonic() + seconds
        call = self._callable(method)(request, timeout=seconds, metadata=ctx.metadata(metadata))
        return ServerStream(call, deadline)

    def _client_stream(
        self,
        method: MethodDescriptor[Req, Resp],
        requests: Iterable[Req],
        timeout: float | None,
        metadata: Metadata | None,
    ) -> Resp:
        checked = CheckedRequests(requests, self._ctx)
        seconds = self._timeout(method, timeout)
        deadline = None if seconds is None else time.monotonic() + seconds
        future = self._callable(method).future(
            iter(checked), timeout=seconds, metadata=self._ctx.metadata(metadata)
        )
        checked.attach(future)
        try:
            response: Resp = future.result()
        except (grpc.RpcError, grpc.FutureCancelledError) as e:
            raise checked.translate(e, deadline) from e
        return response

    def _bidi_stream(
        self,
        method: MethodDescriptor[Req, Resp],
        requests: Iterable[Req] | None,
        timeout: float | None,
        metadata: Metadata | None,
    ) -> BidiStream[Req, Resp]:
        multi_callable = self._callable(method)
        seconds = self._timeout(method, timeout)
        deadline = None if seconds is None else time.monotonic() + seconds
        md = self._ctx.metadata(metadata)
        return BidiStream(
            lambda it: multi_callable(it, timeout=seconds, metadata=md),
            self._ctx,
            requests,
            deadline,
        )


class _UmbrellaOptions:
    """The constructor the sync and the asyncio umbrella clients share."""

    SERVICES: ClassVar[tuple[ServiceInfo, ...]]
    """Every service of the schema, sorted by full name."""

    def __init__(
        self,
        target: str | None = None,
        *,
        targets: Mapping[str, str] | None = None,
        token: str | None = None,
        insecure: bool = False,
        root_certificates: bytes | None = None,
        credentials: grpc.ChannelCredentials | None = None,
        validate: bool = False,
        default_timeout: float | None = DEFAULT_TIMEOUT,
        keepalive_time: float = DEFAULT_KEEPALIVE_TIME,
        keepalive_timeout: float = DEFAULT_KEEPALIVE_TIMEOUT,
        options: Sequence[tuple[str, Any]] = (),
    ) -> None:
        """Creates a client of every service. The options are those of
        each service's client (see :meth:`kanto.ClientBase.__init__`),
        applied to all of them: ``target`` for every service, ``targets``
        by full service name (it must name only services of the schema),
        else each service's default target. Invalid options, such as a
        token over plaintext to an address that is not loopback, raise
        ``ValueError`` before any channel is opened."""
        settings = Settings(
            target,
            targets=targets,
            token=token,
            insecure=insecure,
            root_certificates=root_certificates,
            credentials=credentials,
            validate=validate,
            default_timeout=default_timeout,
            keepalive_time=keepalive_time,
            keepalive_timeout=keepalive_timeout,
            options=options,
        )
        settings.check_targets(self.SERVICES)
        self._clients: list[Any] = []
        self._connect(settings)

    def _connect(self, settings: Settings) -> None:
        raise NotImplementedError  # the generated subclass opens its clients

    def _add(self, cls: type[_O], settings: Settings) -> _O:
        client = cls._with_settings(settings)
        self._clients.append(client)
        return client

    def methods(self) -> list[MethodInfo]:
        """Describes every RPC of every service, in the order of
        :attr:`SERVICES`, bound to this client's service clients."""
        return [m for client in self._clients for m in client.methods()]


class UmbrellaBase(_UmbrellaOptions):
    """The base of the generated umbrella client, :class:`kanto.KantoClient`:
    a client of every service of the schema, each on its own channel with
    its own service config, all with the same options. Close it (or use
    ``with``) when done."""

    def close(self) -> None:
        """Closes every channel; calls in flight are cancelled."""
        for client in self._clients:
            client.close()

    def __enter__(self: _U) -> _U:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
