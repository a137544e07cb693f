"""Lets one test body drive the sync and the async clients alike."""

from __future__ import annotations

import inspect
from typing import Any


async def maybe(value: Any) -> Any:
    """Awaits ``value`` if the async client returned a coroutine, so one
    test body drives both clients: ``await maybe(client.get_pokemon(...))``."""
    if inspect.isawaitable(value):
        return await value
    return value


async def collect(stream: Any) -> list[Any]:
    """Reads a sync or async iterator to its end."""
    if hasattr(stream, "__aiter__"):
        return [item async for item in stream]
    return list(stream)


async def next_item(stream: Any) -> Any:
    """Returns the next item of a sync or async iterator."""
    if hasattr(stream, "__anext__"):
        return await stream.__anext__()
    return next(stream)
