"""The SDK's version, schema revision and user agent: the strings, and what
the live services log of them for calls of the sync and the async client."""

from __future__ import annotations

import asyncio
import json
import os
import re
import time
import uuid
from pathlib import Path
from typing import Any

import grpc
import pytest

import kanto
from dual import maybe
from kanto._channel import channel_options
from kanto.pokedex.v1 import pokemon_service_pb2 as pb
from testenv import GEN_DIR, REPO_ROOT, TestEnv

INFO = kanto.PokemonClient.SERVICE_INFO
# Semantic versioning 2.0.0 (pre-release and build metadata allowed).
SEMVER = re.compile(
    r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?"
)
GET_POKEMON = "/kanto.pokedex.v1.PokemonService/GetPokemon"
LOG_WAIT = 10.0  # seconds: how long the service may take to write its log line


def test_version_is_semver() -> None:
    assert SEMVER.fullmatch(kanto.__version__), kanto.__version__


def declared_revision(path: Path, pattern: str) -> str:
    """Returns the schema revision a generated file declares."""
    m = re.search(pattern, path.read_text(), re.MULTILINE)
    assert m, f"{path} declares no schema revision"
    return m[1]


def test_schema_revision_is_the_generated_one() -> None:
    assert re.fullmatch(r"[0-9a-f]{12}", kanto.SCHEMA_REVISION), kanto.SCHEMA_REVISION
    # What the package was built from: the umbrella module of gen/python
    # (or $KANTO_GEN_DIR), as protoc-gen-kanto wrote it.
    umbrella = GEN_DIR / "kanto" / "clients_kanto.py"
    assert declared_revision(umbrella, r'^SCHEMA_REVISION = "(.*)"$') == kanto.SCHEMA_REVISION
    # Every service's info carries it: the user agent of its channels says it.
    assert {s.schema_revision for s in kanto.SERVICES} == {kanto.SCHEMA_REVISION}
    if "KANTO_GEN_DIR" not in os.environ:
        # The servers' registry, from the same protoc-gen-kanto run over proto/.
        registry = REPO_ROOT / "gen" / "goserver" / "kantoregistry" / "kantoregistry.kanto.go"
        assert declared_revision(registry, r'^const SchemaRevision = "(.*)"$') == (
            kanto.SCHEMA_REVISION
        )


def test_user_agent_form() -> None:
    want = f"kanto-sdk-python/{kanto.__version__} kanto-schema/{kanto.SCHEMA_REVISION}"
    assert want == kanto.USER_AGENT
    assert {"__version__", "SCHEMA_REVISION", "USER_AGENT"} <= set(kanto.__all__)


def test_user_agent_of_a_service_is_its_schema_revisions() -> None:
    # A service generated from another schema (or without a revision) says so.
    other = kanto.ServiceInfo("x.v1.S", "", "{}", schema_revision="0123456789ab")
    agent = dict(channel_options(other))["grpc.primary_user_agent"]
    assert agent == f"kanto-sdk-python/{kanto.__version__} kanto-schema/0123456789ab"
    bare = kanto.ServiceInfo("x.v1.S", "", "{}")
    assert dict(channel_options(bare))["grpc.primary_user_agent"] == (
        f"kanto-sdk-python/{kanto.__version__}"
    )


@pytest.mark.parametrize("revision", ["0123 456789", "v1/2", "ABCDEF"])
def test_a_schema_revision_that_is_not_hex_is_refused(revision: str) -> None:
    with pytest.raises(ValueError, match="schema_revision"):
        kanto.ServiceInfo("x.v1.S", "", "{}", schema_revision=revision)


def test_channel_options_send_the_user_agent() -> None:
    options = dict(channel_options(INFO))
    assert options["grpc.primary_user_agent"] == kanto.USER_AGENT


@pytest.mark.parametrize("theirs", ["myapp/1.0", b"myapp/1.0", "  myapp/1.0 "])
def test_a_callers_user_agent_goes_first(theirs: str | bytes) -> None:
    options = channel_options(INFO, extra=[("grpc.primary_user_agent", theirs)])
    agents = [value for name, value in options if name == "grpc.primary_user_agent"]
    assert agents == [f"myapp/1.0 {kanto.USER_AGENT}"]


@pytest.mark.parametrize("theirs", ["", None])
def test_an_empty_user_agent_leaves_ours(theirs: str | None) -> None:
    options = dict(channel_options(INFO, extra=[("grpc.primary_user_agent", theirs)]))
    assert options["grpc.primary_user_agent"] == kanto.USER_AGENT


def test_a_user_agent_that_is_not_a_string_is_refused() -> None:
    with pytest.raises(TypeError, match=r"grpc\.primary_user_agent"):
        channel_options(INFO, extra=[("grpc.primary_user_agent", 1)])


def find_rpc_line(text: str, method: str, request_id: str) -> dict[str, Any] | None:
    """Returns the "rpc" line of the call ``request_id`` of ``method`` in a
    service's JSON log, or None."""
    # Only whole lines: the service may be writing the last one.
    for line in text.splitlines(keepends=True):
        if not line.endswith("\n") or not line.startswith("{"):
            continue
        entry: dict[str, Any] = json.loads(line)
        if (
            entry.get("msg") == "rpc"
            and entry.get("method") == method
            and entry.get("request_id") == request_id
        ):
            return entry
    return None


def read_log(log: Path) -> str:
    return log.read_text(errors="replace") if log.exists() else ""


async def wait_for_rpc_line(log: Path, method: str, request_id: str) -> dict[str, Any]:
    """Returns the "rpc" line the service logged of the call ``request_id``
    of ``method``, polling its log for up to LOG_WAIT seconds."""
    deadline = time.monotonic() + LOG_WAIT
    while True:
        text = read_log(log)
        entry = find_rpc_line(text, method, request_id)
        if entry is not None:
            return entry
        if time.monotonic() > deadline:
            pytest.fail(
                f"no 'rpc' line of {method} with request_id {request_id} in {log} "
                f"after {LOG_WAIT} s; its last lines:\n" + "\n".join(text.splitlines()[-10:])
            )
        await asyncio.sleep(0.05)


async def test_services_log_the_sdk_and_schema(pokedex: Any, testenv: TestEnv) -> None:
    request_id = f"python-user-agent-{uuid.uuid4()}"
    response = await maybe(
        pokedex.get_pokemon(pb.GetPokemonRequest(id=25), metadata={"x-request-id": request_id})
    )
    assert response.pokemon.name == "Pikachu"

    entry = await wait_for_rpc_line(testenv.service_log("pokedex"), GET_POKEMON, request_id)
    assert entry["code"] == "OK"
    assert entry["sdk"] == "kanto-sdk-python"
    assert entry["sdk_version"] == kanto.__version__
    assert entry["schema_revision"] == kanto.SCHEMA_REVISION
    assert "schema_skew" not in entry
    # grpc appends its own token (grpc-python/<v> or grpc-python-asyncio/<v>,
    # then grpc-c/...) after the SDK's prefix.
    grpc_token = re.escape(grpc.__version__)
    assert re.match(
        rf"{re.escape(kanto.USER_AGENT)} grpc-python(-asyncio)?/{grpc_token}( |$)",
        entry["user_agent"],
    ), entry["user_agent"]


async def test_a_callers_user_agent_is_logged_before_ours(mode: str, testenv: TestEnv) -> None:
    request_id = f"python-user-agent-{uuid.uuid4()}"
    options = [("grpc.primary_user_agent", "myapp/1.0")]
    request = pb.GetPokemonRequest(id=25)
    metadata = {"x-request-id": request_id}
    targets = testenv.targets
    if mode == "sync":
        with kanto.PokemonClient(targets=targets, insecure=True, options=options) as client:
            client.get_pokemon(request, metadata=metadata)
    else:
        async with kanto.AsyncPokemonClient(
            targets=targets, insecure=True, options=options
        ) as aclient:
            await aclient.get_pokemon(request, metadata=metadata)

    entry = await wait_for_rpc_line(testenv.service_log("pokedex"), GET_POKEMON, request_id)
    assert entry["user_agent"].startswith(f"myapp/1.0 {kanto.USER_AGENT} grpc-python")
    assert entry["sdk"] == "kanto-sdk-python"
    assert entry["schema_revision"] == kanto.SCHEMA_REVISION
