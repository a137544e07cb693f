"""RPCs as data: the descriptors the generated clients call through, and
the method tables (:class:`MethodInfo`) they return from ``methods()`` for
programs that choose the method at run time, such as the conformance
runners."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from google.protobuf import message

Req = TypeVar("Req", bound=message.Message)
Resp = TypeVar("Resp", bound=message.Message)


class MethodKind(enum.Enum):
    """The four gRPC call shapes. The values are the names the conformance
    vectors use."""

    UNARY = "unary"
    SERVER_STREAM = "server_stream"
    CLIENT_STREAM = "client_stream"
    BIDI_STREAM = "bidi_stream"


@dataclass(frozen=True, eq=False)
class MethodDescriptor(Generic[Req, Resp]):
    """One RPC, as the generated code declares it once per method.

    Attributes:
        service: the service's full name, ``"kanto.pokedex.v1.PokemonService"``.
        name: the RPC's name, ``"GetPokemon"``.
        kind: its call shape.
        request_type, response_type: the generated message classes.
        timeout: the method's timeout in seconds from the service config,
            or None if it has none.
        path: the gRPC path, ``"/kanto.pokedex.v1.PokemonService/GetPokemon"``.
    """

    service: str
    name: str
    kind: MethodKind
    request_type: type[Req]
    response_type: type[Resp]
    timeout: float | None = None
    path: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", f"/{self.service}/{self.name}")


@dataclass(frozen=True)
class MethodInfo:
    """One RPC of a client's method table, bound to the client: ``call`` is
    the client's own method for it, with everything the SDK adds (deadline,
    retries, request id, token). Its signature depends on ``kind``, as the
    generated method's does: unary ``call(request, *, timeout, metadata)``;
    server streaming the same, returning a stream; client streaming
    ``call(requests, ...)``; bidirectional ``call(requests=None, ...)``
    returning a stream. With an asyncio client, unary and client-streaming
    calls return awaitables.
    """

    descriptor: MethodDescriptor[Any, Any]
    call: Callable[..., Any]

    @property
    def service(self) -> str:
        """The service's full name."""
        return self.descriptor.service

    @property
    def name(self) -> str:
        """The RPC's name, as the schema spells it."""
        return self.descriptor.name

    @property
    def kind(self) -> MethodKind:
        """The RPC's call shape."""
        return self.descriptor.kind

    @property
    def request_type(self) -> type[message.Message]:
        """The class of its request message."""
        return self.descriptor.request_type

    @property
    def response_type(self) -> type[message.Message]:
        """The class of its response message."""
        return self.descriptor.response_type
