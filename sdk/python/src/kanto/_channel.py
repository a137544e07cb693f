"""Channel construction and per-call plumbing shared by the sync and async
clients: service config, keepalive, the user agent, TLS, the bearer token,
client-side validation."""

from __future__ import annotations

import functools
import json
import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Final, Protocol, TypeAlias

import grpc
from google.protobuf import message

from kanto import __version__
from kanto._errors import FieldViolation, KantoError, from_violation_proto

#: Call metadata as the client methods accept it: a mapping or a sequence of
#: (key, value) pairs (use pairs to send a key twice).
Metadata: TypeAlias = Mapping[str, str] | Sequence[tuple[str, str]]

# The gRPC service config files that `make generate` copies from
# proto/kanto/<svc>/v1/service_config.json into the generated tree; the
# wheel ships them as package data next to the generated modules.
_SERVICE_CONFIG_DIR = Path(__file__).resolve().parent / "serviceconfig"


def _missing_generated(path: Path) -> ImportError:
    return ImportError(
        f"kanto-sdk is missing its generated file {path}: the package was built "
        "without the generated code (build it from the Kanto repository)"
    )


def _read_schema_revision() -> str:
    # scripts/gen_meta.py writes kanto/serviceconfig/schema.json next to
    # the service configs: {"revision": "<hex digest of proto/>", ...}.
    path = _SERVICE_CONFIG_DIR / "schema.json"
    try:
        revision = json.loads(path.read_text(encoding="utf-8"))["revision"]
    except FileNotFoundError:
        raise _missing_generated(path) from None
    # It becomes a product version in the user agent: no spaces or slashes.
    if not isinstance(revision, str) or not re.fullmatch(r"[0-9a-f]+", revision):
        raise ImportError(f"kanto-sdk: {path} has no valid revision: {revision!r}")
    return revision


SCHEMA_REVISION: Final[str] = _read_schema_revision()
"""The revision of the schema (proto/) this SDK's generated code was made
from: a 12-hex-digit digest of every file under proto/, written by
``make generate``. It is sent in :data:`USER_AGENT`, so a service can log
(as ``schema_skew``) a caller generated from another schema than its own."""

USER_AGENT: Final[str] = f"kanto-sdk-python/{__version__} kanto-schema/{SCHEMA_REVISION}"
"""The start of the user agent of every channel the clients open:
``kanto-sdk-python/<version> kanto-schema/<revision>``, the form every Kanto
SDK uses (grpc appends its own token). The Kanto services log its parts with
each call, so operators can see which SDK releases and schema revisions are
calling them. A ``grpc.primary_user_agent`` passed in a client's ``options``
is kept in front of it."""

# The channel argument grpc puts at the start of the user-agent header.
_USER_AGENT_OPTION = "grpc.primary_user_agent"

# Client keepalive: ping after this much silence on a connection with calls
# in flight, and drop the connection if the ping is not answered in time.
# The servers tolerate pings every 10 s or more (runtime.Config
# KeepaliveMinTime), so 30 s stays clear of their too_many_pings guard.
DEFAULT_KEEPALIVE_TIME = 30.0
DEFAULT_KEEPALIVE_TIMEOUT = 10.0


@functools.cache
def service_config(name: str) -> ServiceConfig:
    """Returns the ServiceConfig of a service, read once per process."""
    return ServiceConfig(name)


class ServiceConfig:
    """The gRPC service config of one service, as generated from the schema
    (kanto/serviceconfig/<name>.json): per-method timeouts and retry
    policies.

    The retry policies go to grpc through the ``grpc.service_config``
    channel argument. The timeouts are applied by the SDK as each call's
    own deadline instead (:meth:`timeout`), and left out of the channel
    argument: grpc-python 1.85 enforces a service-config timeout only
    locally, without sending it to the server as the call's deadline (so the
    deadline would not propagate hop by hop), and was seen to fire it more
    than a second early. The file stays the one source of the numbers.
    """

    def __init__(self, name: str) -> None:
        path = _SERVICE_CONFIG_DIR / f"{name}.json"
        try:
            config = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise _missing_generated(path) from None
        self.name = name
        self._timeouts: dict[tuple[str, str], float] = {}
        for method_config in config.get("methodConfig", []):
            timeout = method_config.pop("timeout", None)
            if timeout is None:
                continue
            for entry in method_config.get("name", []):
                key = (entry.get("service", ""), entry.get("method", ""))
                self._timeouts[key] = _parse_duration(timeout)
        # Compact, so the channel argument is small.
        self.channel_json = json.dumps(config, separators=(",", ":"))

    def timeout(self, service: str, method: str) -> float | None:
        """Returns the timeout of a method in seconds, or None: the entry
        naming the method, else the service's, else the default (gRPC's
        matching rules)."""
        for key in ((service, method), (service, ""), ("", "")):
            if key in self._timeouts:
                return self._timeouts[key]
        return None

    def deadline(self, service: str, method: str, timeout: float | None) -> float | None:
        """Returns the timeout of one call: the caller's ``timeout`` can only
        shorten the configured one, as with a gRPC service config."""
        configured = self.timeout(service, method)
        if configured is None:
            return timeout
        if timeout is None:
            return configured
        return min(timeout, configured)


def _parse_duration(text: str) -> float:
    # The JSON form of google.protobuf.Duration: decimal seconds and "s".
    if not text.endswith("s"):
        raise ValueError(f"service config timeout {text!r} is not a duration like '5s'")
    return float(text[:-1])


def channel_options(
    service_config: ServiceConfig,
    *,
    keepalive_time: float = DEFAULT_KEEPALIVE_TIME,
    keepalive_timeout: float = DEFAULT_KEEPALIVE_TIMEOUT,
    extra: Sequence[tuple[str, Any]] = (),
) -> list[tuple[str, Any]]:
    """Returns the channel arguments of a client: the service config (with
    retries enabled, so its retryPolicy applies), keepalive and the user
    agent. An ``extra`` argument replaces the SDK's argument of the same
    name, except ``grpc.primary_user_agent``: the caller's goes before
    :data:`USER_AGENT`, which the services need to see."""
    if keepalive_time <= 0 or keepalive_timeout <= 0:
        raise ValueError("keepalive_time and keepalive_timeout must be positive")
    defaults = [
        ("grpc.service_config", service_config.channel_json),
        ("grpc.enable_retries", 1),
        # A service config published by DNS must not replace the SDK's.
        ("grpc.service_config_disable_resolution", 1),
        ("grpc.keepalive_time_ms", int(keepalive_time * 1000)),
        ("grpc.keepalive_timeout_ms", int(keepalive_timeout * 1000)),
        # Idle connections are not pinged: the servers would count those
        # pings as abuse and close the connection.
        ("grpc.keepalive_permit_without_calls", 0),
    ]
    # grpc core does not let a repeated argument override an earlier one,
    # so merge by name.
    merged = {**dict(defaults), **dict(extra)}
    theirs = merged.get(_USER_AGENT_OPTION) or ""
    if isinstance(theirs, bytes):
        theirs = theirs.decode()
    if not isinstance(theirs, str):
        raise TypeError(f"{_USER_AGENT_OPTION} must be a string, not {type(theirs).__name__}")
    theirs = theirs.strip()
    merged[_USER_AGENT_OPTION] = f"{theirs} {USER_AGENT}" if theirs else USER_AGENT
    return list(merged.items())


def channel_credentials(
    tls: bool,
    root_certificates: bytes | None,
    credentials: grpc.ChannelCredentials | None,
) -> grpc.ChannelCredentials | None:
    """Returns the credentials of a secure channel, or None for plaintext."""
    if credentials is not None:
        return credentials
    if tls or root_certificates is not None:
        return grpc.ssl_channel_credentials(root_certificates=root_certificates)
    return None


class _Validator(Protocol):
    def collect_violations(self, message: message.Message) -> list[Any]: ...


def new_validator() -> _Validator:
    """Returns a protovalidate validator, or raises ImportError if the
    ``validation`` extra is not installed."""
    try:
        # Imported here: protovalidate is an optional extra.
        import protovalidate  # noqa: PLC0415
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(
            "client-side validation needs protovalidate: pip install 'kanto-sdk[validation]'"
        ) from e
    validator: _Validator = protovalidate.Validator()
    return validator


@dataclass(frozen=True)
class CallContext:
    """What every call of one client shares: the service it calls, its
    service config, the bearer token and the optional validator."""

    service: str
    config: ServiceConfig
    token: str | None
    validator: _Validator | None

    def timeout(self, method: str, timeout: float | None) -> float | None:
        """Returns the timeout of a call of ``method``."""
        return self.config.deadline(self.service, method, timeout)

    def call_args(
        self, method: str, timeout: float | None, metadata: Metadata | None
    ) -> tuple[dict[str, Any], float | None]:
        """Returns the keyword arguments of a grpc call of ``method`` (its
        timeout and metadata) and its deadline on the time.monotonic()
        clock, or None if it has no timeout."""
        effective = self.timeout(method, timeout)
        deadline = None if effective is None else time.monotonic() + effective
        return {"timeout": effective, "metadata": self.metadata(metadata)}, deadline

    def metadata(self, metadata: Metadata | None) -> list[tuple[str, str]] | None:
        """Merges the caller's metadata with the client's bearer token. An
        ``authorization`` entry given by the caller wins over the token.

        The token travels as plain metadata rather than as call credentials
        because grpc refuses call credentials on plaintext channels, and
        local development and tests run without TLS.
        """
        pairs = list(metadata.items()) if isinstance(metadata, Mapping) else list(metadata or ())
        pairs = [(k.lower(), v) for k, v in pairs]
        if self.token and not any(k == "authorization" for k, _ in pairs):
            pairs.append(("authorization", f"Bearer {self.token}"))
        return pairs or None

    def check(self, request: message.Message) -> None:
        """Validates a request with protovalidate if client-side validation
        is on, raising the KantoError the server would answer."""
        if self.validator is None:
            return
        violations = self.validator.collect_violations(request)
        if violations:
            raise validation_error([from_violation_proto(v.proto) for v in violations])


def validation_error(violations: list[FieldViolation]) -> KantoError:
    """The INVALID_ARGUMENT error of client-side validation, worded like the
    servers' own."""
    summary = "; ".join(
        f"{v.field}: {v.description}" if v.field else v.description for v in violations
    )
    return KantoError(grpc.StatusCode.INVALID_ARGUMENT, f"invalid request: {summary}", violations)


class ClientBase:
    """The set-up the synchronous and the asyncio clients share. They
    differ only in the gRPC module that makes their channel (``_GRPC``:
    grpc or grpc.aio) and in how they close it."""

    # The gRPC module making the channel, the generated stub class, the
    # service's full name, its service config file
    # (kanto/serviceconfig/<name>.json) and the address the service
    # listens on by default.
    _GRPC: ClassVar[Any]
    _STUB: ClassVar[Any]
    _SERVICE: ClassVar[str]
    _SERVICE_CONFIG: ClassVar[str]
    DEFAULT_TARGET: ClassVar[str]

    # grpc.Channel or grpc.aio.Channel, after _GRPC.
    _channel: Any

    def __init__(
        self,
        target: str | None = None,
        *,
        token: str | None = None,
        tls: bool = False,
        root_certificates: bytes | None = None,
        credentials: grpc.ChannelCredentials | None = None,
        validate: bool = False,
        keepalive_time: float = DEFAULT_KEEPALIVE_TIME,
        keepalive_timeout: float = DEFAULT_KEEPALIVE_TIMEOUT,
        options: Sequence[tuple[str, Any]] = (),
    ) -> None:
        self._target = target or self.DEFAULT_TARGET
        config = service_config(self._SERVICE_CONFIG)
        opts = channel_options(
            config,
            keepalive_time=keepalive_time,
            keepalive_timeout=keepalive_timeout,
            extra=options,
        )
        creds = channel_credentials(tls, root_certificates, credentials)
        self._ctx = CallContext(self._SERVICE, config, token, new_validator() if validate else None)
        if creds is None:
            self._channel = self._GRPC.insecure_channel(self._target, options=opts)
        else:
            self._channel = self._GRPC.secure_channel(self._target, creds, options=opts)
        self._stub = self._STUB(self._channel)

    @property
    def target(self) -> str:
        """The address the client connects to."""
        return self._target
