"""Fixtures shared by the test modules: the live services, and clients that
run the same test against the sync and the async SDK clients."""

from __future__ import annotations

import os

# grpc core logs at INFO to stderr (GOAWAY when a fake server stops, ...);
# keep test output to what fails. Must be set before grpc is imported.
os.environ.setdefault("GRPC_VERBOSITY", "ERROR")

from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

import kanto
from testenv import TestEnv, start_testenv


@pytest.fixture(scope="session")
def testenv() -> Iterator[TestEnv]:
    """One set of live services for the integration tests (the conformance
    runners start their own)."""
    with start_testenv() as env:
        yield env


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    """Runs a test once with the sync clients and once with the async
    ones."""
    param: str = request.param
    return param


async def umbrella(mode: str, testenv: TestEnv, **kwargs: Any) -> AsyncIterator[Any]:
    """Yields a KantoClient or an AsyncKantoClient of the live services
    (plaintext on loopback), closed at the end."""
    if mode == "sync":
        with kanto.KantoClient(targets=testenv.targets, insecure=True, **kwargs) as client:
            yield client
    else:
        async with kanto.AsyncKantoClient(
            targets=testenv.targets, insecure=True, **kwargs
        ) as aclient:
            yield aclient


@pytest.fixture
async def kanto_client(mode: str, testenv: TestEnv) -> AsyncIterator[Any]:
    """The umbrella client without a token, sync or async."""
    async for client in umbrella(mode, testenv):
        yield client


@pytest.fixture
def pokedex(kanto_client: Any) -> Any:
    """A Pokédex client without a token, sync or async."""
    return kanto_client.pokemon


@pytest.fixture
async def curator(mode: str, testenv: TestEnv) -> AsyncIterator[Any]:
    """A Pokédex client with the curator token, sync or async."""
    async for client in umbrella(mode, testenv, token=testenv.curator_token):
        yield client.pokemon


@pytest.fixture
def routes(kanto_client: Any) -> Any:
    """A route planner client, sync or async."""
    return kanto_client.route_planner


@pytest.fixture
def expeditions(kanto_client: Any) -> Any:
    """An expedition planner client, sync or async."""
    return kanto_client.expedition
