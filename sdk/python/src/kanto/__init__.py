"""Kanto SDK: Python clients of the Kanto gRPC services.

The clients are generated from the schema (proto/) by protoc-gen-kanto: for
every service a synchronous client and an asyncio one (``<Name>Client`` and
``Async<Name>Client``), and the umbrella clients :class:`KantoClient` and
:class:`AsyncKantoClient` with one accessor per service. They run on the
hand-written runtime of this package (channels, security defaults, call
policy, errors, streams, pagination). The messages are the generated
modules under ``kanto.<component>.<version>``, for example
``from kanto.pokedex.v1 import pokemon_service_pb2``.

Every channel the clients open sends :data:`USER_AGENT` (this release,
:data:`__version__`, and the schema revision its generated code came from,
:data:`SCHEMA_REVISION`) so the services can log which SDK releases and
schema revisions call them.
"""

import re as _re
from typing import Final as _Final

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

from kanto._async_client import AsyncClientBase, AsyncUmbrellaBase  # noqa: E402
from kanto._async_streams import AsyncBidiStream, AsyncServerStream, RequestStream  # noqa: E402
from kanto._channel import (  # noqa: E402
    DEFAULT_TIMEOUT,
    Metadata,
    ServiceInfo,
    is_loopback,
)
from kanto._channel import user_agent as _user_agent  # noqa: E402
from kanto._client import ClientBase, UmbrellaBase  # noqa: E402
from kanto._errors import FieldViolation, KantoError  # noqa: E402
from kanto._methods import MethodDescriptor, MethodInfo, MethodKind  # noqa: E402
from kanto._pages import PageTokenLoopError  # noqa: E402
from kanto._streams import BidiStream, ServerStream  # noqa: E402

# The generated clients: every service's sync and asyncio client, the
# umbrella clients KantoClient and AsyncKantoClient, SERVICES and
# SCHEMA_REVISION. The generated module lists them in its __all__, so this
# file names none.
from kanto.clients_kanto import *  # noqa: E402, F403
from kanto.clients_kanto import SCHEMA_REVISION as _SCHEMA_REVISION  # noqa: E402
from kanto.clients_kanto import __all__ as _generated  # noqa: E402

USER_AGENT: _Final[str] = _user_agent(_SCHEMA_REVISION)
"""The start of the user agent of every channel the clients open:
``kanto-sdk-python/<version> kanto-schema/<revision>`` with
:data:`__version__` and :data:`SCHEMA_REVISION` (the revision of the schema
this package's generated code came from, which protoc-gen-kanto writes into
it and into every service's ``SERVICE_INFO``), the form every Kanto SDK uses;
grpc appends its own token. A service logs a caller generated from another
schema than its own as ``schema_skew``. A ``grpc.primary_user_agent`` passed
in a client's ``options`` is kept in front of it."""

__all__ = [
    "DEFAULT_TIMEOUT",
    "USER_AGENT",
    "AsyncBidiStream",
    "AsyncClientBase",
    "AsyncServerStream",
    "AsyncUmbrellaBase",
    "BidiStream",
    "ClientBase",
    "FieldViolation",
    "KantoError",
    "Metadata",
    "MethodDescriptor",
    "MethodInfo",
    "MethodKind",
    "PageTokenLoopError",
    "RequestStream",
    "ServerStream",
    "ServiceInfo",
    "UmbrellaBase",
    "__version__",
    "is_loopback",
]
# The generated names, whatever the schema holds (SCHEMA_REVISION among
# them): ruff cannot see them, and mypy and the import system take them from
# the generated __all__.
__all__ += _generated  # noqa: PLE0605
