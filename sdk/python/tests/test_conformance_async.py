"""The conformance suite through the asyncio clients, against its own
fresh set of live services (later vectors depend on earlier writes)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from conformance import check, load_vectors, resolve, run_async
from testenv import TestEnv, start_testenv


@pytest.fixture(scope="module")
def env() -> Iterator[TestEnv]:
    with start_testenv() as started:
        yield started


@pytest.mark.parametrize("vector", load_vectors())
async def test_vector(vector: dict[str, Any], env: TestEnv) -> None:
    check(vector, await run_async(resolve(vector, env)))
