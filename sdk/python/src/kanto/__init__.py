"""Kanto SDK: Python clients of the Kanto gRPC services.

Synchronous clients (:class:`PokemonClient`, :class:`RoutePlannerClient`,
:class:`ExpeditionClient`) and asyncio ones (:class:`AsyncPokemonClient`,
...) side by side. The messages are the generated modules under
``kanto.<service>.v1``, for example
``from kanto.pokedex.v1 import pokemon_service_pb2``.

Every channel the clients open sends :data:`USER_AGENT` (this release,
:data:`__version__`, and the schema revision its generated code came from,
:data:`SCHEMA_REVISION`) so the services can log which SDK releases and
schema revisions call them.
"""

import re as _re

# Defined before the submodules are imported: kanto._channel puts it into
# the user agent. scripts/version.py writes it from the repository's VERSION
# file; hatchling reads it as the package version.
__version__ = "0.1.0"
"""The release of this SDK (semantic versioning), the same as every Kanto
SDK of that release. It is the ``kanto-sdk-python/<version>`` token of
:data:`USER_AGENT`."""

# The generated code in this package was made by protoc 36.2 (Python
# protobuf 7.36.2) and grpcio-tools 1.85.1. An older runtime fails inside the
# generated modules with a message about gencode that does not name this
# package, so check first and say what to install.
# tests/test_package.py keeps these in step with the gencode and pyproject.
_PROTOBUF_REQUIRED = (7, 36, 2)
_GRPCIO_REQUIRED = (1, 85, 1)


def _version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in _re.findall(r"\d+", version)[:3])


def _check_runtime(name: str, installed: str, required: tuple[int, int, int]) -> None:
    have = _version_tuple(installed)
    want = ".".join(map(str, required))
    if have < required or have[:1] != required[:1]:
        raise ImportError(
            f"kanto-sdk needs {name}>={want},<{required[0] + 1} (its generated code was made "
            f"for {name} {want}), but {name} {installed} is installed. "
            f"Install a matching version: pip install '{name}>={want},<{required[0] + 1}'"
        )


try:
    import google.protobuf as _protobuf
except ImportError as _e:  # pragma: no cover - protobuf is a dependency
    raise ImportError("kanto-sdk needs the protobuf package: pip install kanto-sdk") from _e
_check_runtime("protobuf", _protobuf.__version__, _PROTOBUF_REQUIRED)

import grpc as _grpc  # noqa: E402  (after the protobuf check, on purpose)

_check_runtime("grpcio", _grpc.__version__, _GRPCIO_REQUIRED)

from kanto._async_client import (  # noqa: E402
    AsyncBidiStream,
    AsyncExpeditionClient,
    AsyncPokemonClient,
    AsyncRoutePlannerClient,
    AsyncServerStream,
)
from kanto._channel import SCHEMA_REVISION, USER_AGENT, Metadata  # noqa: E402
from kanto._client import ExpeditionClient, PokemonClient, RoutePlannerClient  # noqa: E402
from kanto._errors import FieldViolation, KantoError  # noqa: E402
from kanto._streams import BidiStream, ServerStream  # noqa: E402

__all__ = [
    "SCHEMA_REVISION",
    "USER_AGENT",
    "AsyncBidiStream",
    "AsyncExpeditionClient",
    "AsyncPokemonClient",
    "AsyncRoutePlannerClient",
    "AsyncServerStream",
    "BidiStream",
    "ExpeditionClient",
    "FieldViolation",
    "KantoError",
    "Metadata",
    "PokemonClient",
    "RoutePlannerClient",
    "ServerStream",
    "__version__",
]
