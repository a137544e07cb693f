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


@pytest.fixture
async def pokedex(mode: str, testenv: TestEnv) -> AsyncIterator[Any]:
    """A Pokédex client without a token, sync or async."""
    async for client in _client(mode, kanto.PokemonClient, kanto.AsyncPokemonClient, testenv):
        yield client


@pytest.fixture
async def curator(mode: str, testenv: TestEnv) -> AsyncIterator[Any]:
    """A Pokédex client with the curator token, sync or async."""
    async for client in _client(
        mode,
        kanto.PokemonClient,
        kanto.AsyncPokemonClient,
        testenv,
        token=testenv.curator_token,
    ):
        yield client


@pytest.fixture
async def routes(mode: str, testenv: TestEnv) -> AsyncIterator[Any]:
    """A route planner client, sync or async."""
    async for client in _client(
        mode, kanto.RoutePlannerClient, kanto.AsyncRoutePlannerClient, testenv
    ):
        yield client


async def _client(
    mode: str, sync_cls: Any, async_cls: Any, testenv: TestEnv, **kwargs: Any
) -> AsyncIterator[Any]:
    address = testenv.address(sync_cls._SERVICE_CONFIG)
    if mode == "sync":
        with sync_cls(address, **kwargs) as client:
            yield client
    else:
        async with async_cls(address, **kwargs) as client:
            yield client


@pytest.fixture
async def expeditions(mode: str, testenv: TestEnv) -> AsyncIterator[Any]:
    """An expedition planner client, sync or async."""
    async for client in _client(mode, kanto.ExpeditionClient, kanto.AsyncExpeditionClient, testenv):
        yield client
