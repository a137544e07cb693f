"""Channel options and per-call plumbing, without a server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import kanto
from kanto._channel import CallContext, ServiceConfig, channel_options
from testenv import REPO_ROOT

GEN_CONFIGS = REPO_ROOT / "gen" / "python" / "kanto" / "serviceconfig"


@pytest.mark.parametrize("name", ["pokedex", "routeplanner", "expedition"])
def test_packaged_service_config_is_the_generated_one(name: str) -> None:
    packaged = Path(kanto.__file__).parent / "serviceconfig" / f"{name}.json"
    assert json.loads(packaged.read_text()) == json.loads(
        (GEN_CONFIGS / f"{name}.json").read_text()
    )


def test_timeouts_follow_grpc_name_matching() -> None:
    config = ServiceConfig("pokedex")
    svc = "kanto.pokedex.v1.PokemonService"
    generated = json.loads((GEN_CONFIGS / "pokedex.json").read_text())
    per_method = generated["methodConfig"][0]
    seconds = float(per_method["timeout"].rstrip("s"))
    assert config.timeout(svc, "GetPokemon") == seconds
    # UpdatePokemon has no entry of its own: the service-wide one applies.
    service_wide = next(m for m in generated["methodConfig"] if m["name"] == [{"service": svc}])
    assert config.timeout(svc, "UpdatePokemon") == float(service_wide["timeout"].rstrip("s"))
    assert config.deadline(svc, "GetPokemon", None) == seconds
    assert config.deadline(svc, "GetPokemon", 1.0) == 1.0
    assert config.deadline(svc, "GetPokemon", 1000.0) == seconds  # only shortens


def test_streams_without_timeout_have_none() -> None:
    config = ServiceConfig("routeplanner")
    svc = "kanto.routeplanner.v1.RoutePlannerService"
    assert config.timeout(svc, "WatchRoutes") is None
    assert config.deadline(svc, "WatchRoutes", 2.5) == 2.5
    assert config.timeout(svc, "GetRoutes") is not None


def test_channel_options_carry_retries_and_keepalive() -> None:
    config = ServiceConfig("pokedex")
    options = dict(
        channel_options(
            config, keepalive_time=45, extra=[("grpc.x", 1), ("grpc.keepalive_timeout_ms", 5)]
        )
    )
    sent = json.loads(options["grpc.service_config"])
    generated = json.loads((GEN_CONFIGS / "pokedex.json").read_text())
    # Everything but the timeouts (which the SDK applies per call) goes to grpc.
    for method_config in generated["methodConfig"]:
        method_config.pop("timeout", None)
    assert sent == generated
    assert options["grpc.enable_retries"] == 1
    assert options["grpc.keepalive_time_ms"] == 45000
    assert options["grpc.keepalive_timeout_ms"] == 5  # extra wins
    assert options["grpc.x"] == 1
    with pytest.raises(ValueError, match="keepalive"):
        channel_options(config, keepalive_time=0)


def test_metadata_merges_the_token() -> None:
    ctx = CallContext("svc", ServiceConfig("pokedex"), "tok", None)
    assert ctx.metadata(None) == [("authorization", "Bearer tok")]
    assert ctx.metadata({"X-Trace": "1"}) == [("x-trace", "1"), ("authorization", "Bearer tok")]
    assert ctx.metadata([("Authorization", "Bearer mine")]) == [("authorization", "Bearer mine")]
    anonymous = CallContext("svc", ServiceConfig("pokedex"), None, None)
    assert anonymous.metadata(None) is None
