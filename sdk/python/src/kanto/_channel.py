"""What every client's channel is made of, for the sync and the asyncio
clients alike: the options a client is created with (validated once), the
target of each service, the security rule for bearer tokens, the channel
arguments (service config, keepalive, user agent), and the per-call
plumbing (metadata with the token, client-side validation).

Nothing here names a service: the generated clients describe theirs with a
:class:`ServiceInfo`.
"""

from __future__ import annotations

import functools
import ipaddress
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Protocol, TypeAlias

import grpc
from google.protobuf import message

from kanto import __version__
from kanto._errors import FieldViolation, KantoError, from_violation_proto

#: Call metadata as the client methods accept it: a mapping or a sequence of
#: (key, value) pairs (use pairs to send a key twice).
Metadata: TypeAlias = Mapping[str, str] | Sequence[tuple[str, str]]

DEFAULT_TIMEOUT: Final[float] = 30.0
"""The deadline, in seconds, of a unary call whose method has no timeout in
its service config and whose caller passes none (``default_timeout=``
changes it). Streams get no default deadline: streams such as WatchRoutes
are meant to live until the caller ends them."""

# Client keepalive: ping after this much silence on a connection with calls
# in flight, and drop the connection if the ping is not answered in time.
DEFAULT_KEEPALIVE_TIME: Final[float] = 30.0
DEFAULT_KEEPALIVE_TIMEOUT: Final[float] = 10.0
# The servers answer pings more frequent than this with GOAWAY
# ("too_many_pings"), so a shorter keepalive_time would lose connections.
MIN_KEEPALIVE_TIME: Final[float] = 10.0

# A schema revision is hex digits: it becomes a product version in the
# user agent, where a space or a slash would change its meaning.
_REVISION = re.compile(r"[0-9a-f]*")


def user_agent(schema_revision: str) -> str:
    """Returns the SDK's user agent for code generated from the schema
    revision ``schema_revision``: ``kanto-sdk-python/<version>
    kanto-schema/<revision>``, the form every Kanto SDK uses, or only the
    first token for an empty revision (code generated without one), as the
    Go SDK does. :data:`kanto.USER_AGENT` is this package's."""
    if not schema_revision:
        return f"kanto-sdk-python/{__version__}"
    return f"kanto-sdk-python/{__version__} kanto-schema/{schema_revision}"


# The channel argument grpc puts at the start of the user-agent header.
_USER_AGENT_OPTION = "grpc.primary_user_agent"


@dataclass(frozen=True)
class ServiceInfo:
    """One service, as the generated code describes it to the runtime:
    every generated client has one as ``SERVICE_INFO``, and
    :data:`kanto.SERVICES` lists them all.

    Attributes:
        name: the service's full protobuf name,
            ``"kanto.pokedex.v1.PokemonService"``.
        default_target: its ``google.api.default_host`` in the schema, where
            it listens unless told otherwise; empty if the schema names none.
        service_config: its gRPC service config as JSON: the per-method
            timeouts and retry policies of its ``service_config.json``.
        deprecated: the schema marks the service deprecated.
        schema_revision: the revision of the schema the generated code came
            from (:data:`kanto.SCHEMA_REVISION` for this package's services),
            which the user agent of the service's channels carries; empty
            if it was generated without one.

    Raises:
        ValueError: ``schema_revision`` is not hex digits.
    """

    name: str
    default_target: str
    service_config: str = field(repr=False)
    deprecated: bool = False
    schema_revision: str = ""

    def __post_init__(self) -> None:
        if not _REVISION.fullmatch(self.schema_revision):
            raise ValueError(
                f"{self.name}: schema_revision {self.schema_revision!r} is not hex digits"
            )


def is_loopback(target: str) -> bool:
    """Reports whether a gRPC target names only this machine: a Unix
    socket, ``localhost``, or a loopback IP address (127.0.0.0/8, ::1), with
    or without a port and a scheme such as ``dns:///``. Bearer tokens may
    travel over plaintext only to such a target."""
    addr = target
    scheme, sep, rest = target.partition(":")
    if sep and _SCHEME.fullmatch(scheme):
        if scheme in ("unix", "unix-abstract"):
            return True
        if scheme in ("dns", "passthrough"):
            # scheme:[//authority]/host:port
            rest = rest.removeprefix("//")
            slash = rest.find("/")
            addr = rest[slash + 1 :] if slash >= 0 else rest
        elif not (rest.isascii() and rest.isdigit()):
            return False  # a scheme this check does not know
    host = _split_host(addr)
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# A URI scheme: a letter, then letters, digits, "+" or "-". A host name such
# as "localhost" in "localhost:50051" matches too; is_loopback tells them
# apart by what follows the colon.
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+-]*")


def _split_host(addr: str) -> str:
    """The host of ``host:port``, ``[v6]:port``, a bare host or a bare IPv6
    address, without brackets."""
    if addr.startswith("["):
        end = addr.find("]")
        return addr[1:end] if end > 0 else addr
    if addr.count(":") == 1:
        return addr.partition(":")[0]
    return addr  # no port, or an IPv6 address without brackets


class _Validator(Protocol):
    def collect_violations(self, message: message.Message) -> list[Any]: ...


def _new_validator() -> _Validator:
    try:
        # Imported here: protovalidate is an optional extra.
        import protovalidate  # noqa: PLC0415
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(
            "client-side validation needs protovalidate: pip install 'kanto-sdk[validation]'"
        ) from e
    validator: _Validator = protovalidate.Validator()
    return validator


class Settings:
    """The options of a client (or of an umbrella client, shared by all its
    services), checked once when the client is created: every mistake
    raises ``ValueError`` (or ``TypeError``) there, not at the first call.
    The constructors of the clients document each option."""

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
        problems: list[str] = []
        if target == "":
            problems.append("target is empty")
        self.targets = dict(targets or {})
        for name, value in self.targets.items():
            if not name or not value:
                problems.append(f"targets[{name!r}] = {value!r}: both must be set")
        if token == "":
            problems.append("token is empty")
        if insecure and (root_certificates is not None or credentials is not None):
            problems.append("insecure=True excludes root_certificates and credentials")
        if default_timeout is not None and default_timeout <= 0:
            problems.append(f"default_timeout must be positive or None, not {default_timeout}")
        if keepalive_time < MIN_KEEPALIVE_TIME:
            problems.append(
                f"keepalive_time {keepalive_time} s is below the servers' minimum of "
                f"{MIN_KEEPALIVE_TIME:g} s"
            )
        if keepalive_timeout <= 0:
            problems.append(f"keepalive_timeout must be positive, not {keepalive_timeout}")
        if problems:
            raise ValueError("; ".join(problems))
        self.target = target
        self.token = token
        self.insecure = insecure
        self.default_timeout = default_timeout
        self._keepalive = (keepalive_time, keepalive_timeout)
        self._options = list(options)
        self.credentials: grpc.ChannelCredentials | None = None
        if not insecure:
            self.credentials = credentials or grpc.ssl_channel_credentials(
                root_certificates=root_certificates
            )
        self.validator = _new_validator() if validate else None

    def target_of(self, service: ServiceInfo) -> str:
        """Returns where ``service`` is called: its entry in ``targets``,
        else ``target``, else its default target from the schema. Raises
        ValueError if there is none, or if the client has a token, is
        plaintext, and the target is not a loopback address."""
        target = self.targets.get(service.name) or self.target or service.default_target
        if not target:
            raise ValueError(
                f"no target for {service.name}: the schema names no default host for it; "
                "pass target= or targets="
            )
        if self.token is not None and self.insecure and not is_loopback(target):
            raise ValueError(
                f"{service.name}: a bearer token is sent only over TLS or to a loopback "
                f"address, and {target} is neither"
            )
        return target

    def check_targets(self, services: Iterable[ServiceInfo]) -> None:
        """Checks the target of every service, and that ``targets`` names
        only these services (a misspelt name would silently fall back to
        the default target)."""
        known = set()
        for service in services:
            self.target_of(service)
            known.add(service.name)
        unknown = sorted(set(self.targets) - known)
        if unknown:
            raise ValueError(
                f"targets names services the schema does not have: {', '.join(unknown)} "
                f"(it has {', '.join(sorted(known))})"
            )

    def channel_arguments(self, service: ServiceInfo) -> list[tuple[str, Any]]:
        """Returns the channel arguments of a client of ``service``; see
        :func:`channel_options`."""
        return channel_options(service, *self._keepalive, extra=self._options)


def channel_options(
    service: ServiceInfo,
    keepalive_time: float = DEFAULT_KEEPALIVE_TIME,
    keepalive_timeout: float = DEFAULT_KEEPALIVE_TIMEOUT,
    extra: Sequence[tuple[str, Any]] = (),
) -> list[tuple[str, Any]]:
    """Returns the channel arguments of a client of ``service``: its service
    config (with retries on, so its retryPolicy applies), keepalive and the
    user agent of its schema revision (:func:`user_agent`;
    :data:`kanto.USER_AGENT` for this package's services). An ``extra``
    argument replaces the SDK's argument of the same name, except
    ``grpc.primary_user_agent``: the caller's goes before the SDK's, which
    the services need to see."""
    defaults = [
        ("grpc.service_config", _grpc_service_config(service.service_config)),
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
    ours = user_agent(service.schema_revision)
    merged[_USER_AGENT_OPTION] = f"{theirs} {ours}" if theirs else ours
    return list(merged.items())


@functools.lru_cache(maxsize=64)
def _grpc_service_config(service_config: str) -> str:
    """Returns the service config grpc gets: the generated one without its
    timeouts, and with round-robin balancing unless it names a policy.

    The retry policies go to grpc. The timeouts do not: the generated code
    passes each method's timeout to the runtime, which sends it as the
    call's own deadline, because grpc-python enforces a service-config
    timeout only locally, without sending it to the server (so it would
    not propagate hop by hop), and was seen to fire it more than a second
    early. Round robin spreads calls over every address a DNS name
    resolves to (grpc's default, pick_first, uses one), as the Go SDK does.
    """
    try:
        config = json.loads(service_config or "{}")
    except json.JSONDecodeError as e:
        raise ValueError(f"invalid service config: {e}") from None
    for method_config in config.get("methodConfig", []):
        method_config.pop("timeout", None)
    config.setdefault("loadBalancingConfig", [{"round_robin": {}}])
    return json.dumps(config, separators=(",", ":"))


class CallContext:
    """What every call of one client shares: the bearer token, the
    validator and the default deadline of unary calls."""

    __slots__ = ("default_timeout", "token_pair", "validator")

    def __init__(self, settings: Settings) -> None:
        self.token_pair = (
            None if settings.token is None else ("authorization", f"Bearer {settings.token}")
        )
        self.validator = settings.validator
        self.default_timeout = settings.default_timeout

    def metadata(self, metadata: Metadata | None) -> list[tuple[str, str]] | None:
        """Merges the caller's metadata with the client's bearer token. An
        ``authorization`` entry given by the caller wins over the token.

        The token travels as plain metadata rather than as call credentials
        because grpc refuses call credentials on plaintext channels, and
        the loopback plaintext of local development and tests may carry a
        token (Settings.target_of refuses any other plaintext target).
        """
        if metadata is None:
            return None if self.token_pair is None else [self.token_pair]
        pairs = metadata.items() if isinstance(metadata, Mapping) else metadata
        lowered = [(k.lower(), v) for k, v in pairs]
        if self.token_pair is not None and not any(k == "authorization" for k, _ in lowered):
            lowered.append(self.token_pair)
        return lowered or None

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
