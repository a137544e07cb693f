"""The runtime without a server: options and their validation, targets,
the bearer-token rule, channel arguments, per-call deadlines and metadata."""

from __future__ import annotations

import json
import warnings
from typing import Any

import grpc
import pytest

import kanto
from kanto._channel import CallContext, Settings, channel_options
from kanto.pokedex.v1 import pokemon_service_pb2 as pb
from testenv import REPO_ROOT

TOKEN_RULE = "a bearer token is sent only over TLS or to a loopback address, and {} is neither"


def config_file(service: kanto.ServiceInfo) -> dict[str, Any]:
    """The service_config.json next to the service's proto files."""
    package = service.name.rsplit(".", 1)[0]
    path = REPO_ROOT / "proto" / package.replace(".", "/") / "service_config.json"
    config: dict[str, Any] = json.loads(path.read_text())
    return config


def configured_timeout(service: kanto.ServiceInfo, method: str) -> float | None:
    """A method's timeout by gRPC's matching rules: the entry naming the
    method, else the one naming its service."""
    entries = config_file(service)["methodConfig"]
    for key in ({"service": service.name, "method": method}, {"service": service.name}):
        for entry in entries:
            if key in entry["name"] and "timeout" in entry:
                return float(entry["timeout"].rstrip("s"))
    return None


@pytest.mark.parametrize("service", kanto.SERVICES, ids=lambda s: s.name)
def test_the_service_config_is_embedded(service: kanto.ServiceInfo) -> None:
    assert json.loads(service.service_config) == config_file(service)


def test_services_are_every_service_of_the_schema() -> None:
    names = [s.name for s in kanto.SERVICES]
    assert names == sorted(names)
    clients = [kanto.KantoClient, kanto.AsyncKantoClient]
    assert all(c.SERVICES == kanto.SERVICES for c in clients)
    assert all(s.default_target.startswith("127.0.0.1:") for s in kanto.SERVICES)


def test_method_timeouts_come_from_the_service_config() -> None:
    with kanto.KantoClient(insecure=True) as client:
        methods = client.methods()
    assert {m.service for m in methods} == {s.name for s in kanto.SERVICES}
    by_name = {s.name: s for s in kanto.SERVICES}
    for m in methods:
        assert m.descriptor.timeout == configured_timeout(by_name[m.service], m.name), m.name
    # The schema has both: a per-method entry and a service-wide one.
    timeouts = {m.name: m.descriptor.timeout for m in methods}
    assert timeouts["GetPokemon"] == 5.0
    assert timeouts["UpdatePokemon"] == 10.0
    assert timeouts["WatchRoutes"] is None


def descriptor(kind: kanto.MethodKind, timeout: float | None) -> kanto.MethodDescriptor[Any, Any]:
    return kanto.MethodDescriptor(
        "test.v1.TestService", "M", kind, pb.GetPokemonRequest, pb.GetPokemonResponse, timeout
    )


@pytest.mark.parametrize(
    ("kind", "configured", "default", "caller", "want"),
    [
        (kanto.MethodKind.UNARY, 5.0, 30.0, None, 5.0),  # the method's timeout
        (kanto.MethodKind.UNARY, 5.0, 30.0, 1.0, 1.0),  # a caller's can only shorten it
        (kanto.MethodKind.UNARY, 5.0, 30.0, 60.0, 5.0),
        (kanto.MethodKind.UNARY, None, 30.0, None, 30.0),  # the SDK's default
        (kanto.MethodKind.UNARY, None, 30.0, 60.0, 60.0),
        (kanto.MethodKind.UNARY, 40.0, 30.0, None, 40.0),
        (kanto.MethodKind.UNARY, None, None, None, None),  # default_timeout=None
        (kanto.MethodKind.UNARY, None, 2.0, None, 2.0),
        (kanto.MethodKind.SERVER_STREAM, None, 30.0, None, None),  # streams get none
        (kanto.MethodKind.BIDI_STREAM, None, 30.0, 3.0, 3.0),
        (kanto.MethodKind.CLIENT_STREAM, 8.0, 30.0, None, 8.0),
        (kanto.MethodKind.SERVER_STREAM, 8.0, 30.0, 9.0, 8.0),
    ],
)
def test_call_deadlines(
    kind: kanto.MethodKind,
    configured: float | None,
    default: float | None,
    caller: float | None,
    want: float | None,
) -> None:
    with kanto.PokemonClient(insecure=True, default_timeout=default) as client:
        assert client._timeout(descriptor(kind, configured), caller) == want


def test_channel_options_carry_retries_and_keepalive() -> None:
    info = kanto.PokemonClient.SERVICE_INFO
    options = dict(
        channel_options(info, 45, extra=[("grpc.x", 1), ("grpc.keepalive_timeout_ms", 5)])
    )
    sent = json.loads(options["grpc.service_config"])
    generated = json.loads(info.service_config)
    # Everything but the timeouts (which the SDK applies per call) goes to
    # grpc, with round-robin balancing added.
    for method_config in generated["methodConfig"]:
        method_config.pop("timeout", None)
    assert sent == {**generated, "loadBalancingConfig": [{"round_robin": {}}]}
    assert options["grpc.enable_retries"] == 1
    assert options["grpc.service_config_disable_resolution"] == 1
    assert options["grpc.keepalive_time_ms"] == 45000
    assert options["grpc.keepalive_timeout_ms"] == 5  # extra wins
    assert options["grpc.keepalive_permit_without_calls"] == 0
    assert options["grpc.x"] == 1


def test_a_service_config_with_its_own_balancing_keeps_it() -> None:
    info = kanto.ServiceInfo("x.v1.S", "", '{"loadBalancingConfig":[{"pick_first":{}}]}')
    sent = json.loads(dict(channel_options(info))["grpc.service_config"])
    assert sent == {"loadBalancingConfig": [{"pick_first": {}}]}


def test_metadata_merges_the_token() -> None:
    ctx = CallContext(Settings(token="tok", insecure=True))
    assert ctx.metadata(None) == [("authorization", "Bearer tok")]
    assert ctx.metadata({"X-Trace": "1"}) == [("x-trace", "1"), ("authorization", "Bearer tok")]
    assert ctx.metadata([("Authorization", "Bearer mine")]) == [("authorization", "Bearer mine")]
    anonymous = CallContext(Settings(insecure=True))
    assert anonymous.metadata(None) is None
    assert anonymous.metadata({}) is None


# --- targets ------------------------------------------------------------------

SERVICE = kanto.ServiceInfo("test.v1.TestService", "127.0.0.1:50099", "{}")
NO_HOST = kanto.ServiceInfo("test.v1.NoHostService", "", "{}")


def test_targets_by_service_win_over_target_and_default() -> None:
    assert Settings(insecure=True).target_of(SERVICE) == "127.0.0.1:50099"
    assert Settings("a:1", insecure=True).target_of(SERVICE) == "a:1"
    by_service = Settings("a:1", targets={SERVICE.name: "b:2"}, insecure=True)
    assert by_service.target_of(SERVICE) == "b:2"
    assert by_service.target_of(NO_HOST) == "a:1"


def test_a_service_without_default_host_needs_a_target() -> None:
    with pytest.raises(ValueError, match=r"no target for test\.v1\.NoHostService"):
        Settings().target_of(NO_HOST)


def test_umbrella_targets() -> None:
    targets = {s.name: f"127.0.0.1:{6000 + i}" for i, s in enumerate(kanto.SERVICES)}
    with kanto.KantoClient(targets=targets, insecure=True) as client:
        assert client.pokemon.target == targets["kanto.pokedex.v1.PokemonService"]
        assert client.route_planner.target == targets["kanto.routeplanner.v1.RoutePlannerService"]
        assert client.expedition.target == targets["kanto.expedition.v1.ExpeditionService"]
    with kanto.KantoClient("proxy:443") as client:
        assert {client.pokemon.target, client.expedition.target} == {"proxy:443"}
    with kanto.KantoClient(insecure=True) as client:
        assert client.pokemon.target == kanto.PokemonClient.SERVICE_INFO.default_target


def test_umbrella_refuses_unknown_services_in_targets() -> None:
    with pytest.raises(ValueError, match=r"kanto\.pokedex\.v1\.PokemonServce"):
        kanto.KantoClient(targets={"kanto.pokedex.v1.PokemonServce": "a:1"})


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"token": ""}, "token is empty"),
        ({"target": ""}, "target is empty"),
        ({"targets": {"a.v1.S": ""}}, "both must be set"),
        ({"insecure": True, "root_certificates": b"x"}, "insecure=True excludes"),
        (
            {"insecure": True, "credentials": grpc.ssl_channel_credentials()},
            "insecure=True excludes",
        ),
        ({"default_timeout": 0}, "default_timeout must be positive"),
        ({"keepalive_time": 5}, "below the servers' minimum of 10 s"),
        ({"keepalive_timeout": 0}, "keepalive_timeout must be positive"),
    ],
)
def test_invalid_options_fail_at_construction(options: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        kanto.PokemonClient(**options)
    with pytest.raises(ValueError, match=message):
        kanto.KantoClient(**options)


# --- the bearer-token rule ---------------------------------------------------


@pytest.mark.parametrize("target", ["10.1.2.3:50051", "kanto.example.com:443", "dns:///pokedex:1"])
def test_a_token_over_plaintext_is_refused_to_other_hosts(target: str) -> None:
    want = f"kanto.pokedex.v1.PokemonService: {TOKEN_RULE.format(target)}"
    with pytest.raises(ValueError, match="bearer token") as info:
        kanto.PokemonClient(target, token="t", insecure=True)
    assert str(info.value) == want
    with pytest.raises(ValueError, match="bearer token") as info:
        kanto.KantoClient(
            targets={"kanto.pokedex.v1.PokemonService": target}, token="t", insecure=True
        )
    assert str(info.value) == want


async def test_the_async_clients_refuse_it_too() -> None:
    with pytest.raises(ValueError, match=TOKEN_RULE.format("10.0.0.1:1")):
        kanto.AsyncPokemonClient("10.0.0.1:1", token="t", insecure=True)
    with pytest.raises(ValueError, match=TOKEN_RULE.format("10.0.0.1:1")):
        kanto.AsyncKantoClient("10.0.0.1:1", token="t", insecure=True)


@pytest.mark.parametrize("target", ["127.0.0.1:50051", "localhost:1", "[::1]:50051", "unix:/tmp/s"])
def test_a_token_over_plaintext_to_loopback_is_allowed(target: str) -> None:
    with kanto.PokemonClient(target, token="t", insecure=True) as client:
        assert client.target == target


def test_a_token_over_tls_is_allowed_anywhere() -> None:
    with kanto.KantoClient("kanto.example.com:443", token="t") as client:
        assert client.pokemon.target == "kanto.example.com:443"
    # Without a token, plaintext goes anywhere.
    with kanto.PokemonClient("10.1.2.3:50051", insecure=True) as plain:
        assert plain.target == "10.1.2.3:50051"


@pytest.mark.parametrize(
    ("target", "loopback"),
    [
        ("127.0.0.1:50051", True),
        ("127.3.4.5", True),
        ("localhost", True),
        ("LOCALHOST:80", True),
        ("[::1]:50051", True),
        ("::1", True),
        ("dns:///localhost:50051", True),
        ("dns://8.8.8.8/127.0.0.1:50051", True),
        ("passthrough:///127.0.0.1:1", True),
        ("unix:/run/kanto.sock", True),
        ("unix-abstract:kanto", True),
        ("10.0.0.1:50051", False),
        ("kanto.example.com:443", False),
        ("dns:///kanto.example.com:443", False),
        ("[2001:db8::1]:443", False),
        ("ipv4:127.0.0.1:50051", False),  # a scheme the check does not know
        ("localhost.example.com:1", False),
        ("", False),
    ],
)
def test_is_loopback(target: str, loopback: bool) -> None:
    assert kanto.is_loopback(target) is loopback


def test_a_deprecated_service_warns_when_its_client_is_created() -> None:
    class OldClient(kanto.ClientBase):
        SERVICE_INFO = kanto.ServiceInfo("old.v1.OldService", "127.0.0.1:1", "{}", deprecated=True)

    with pytest.warns(DeprecationWarning, match=r"old\.v1\.OldService is deprecated") as caught:
        OldClient(insecure=True).close()
    assert caught[0].filename == __file__
    # Through an umbrella client (_with_settings) it does not: the umbrella
    # creates a client of every service, used or not.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        OldClient._with_settings(Settings(insecure=True)).close()
