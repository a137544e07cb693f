"""Pagination machinery of AIP-158 list methods, and the request ids of
AIP-155 creates: what the generated ``<method>_pages``, ``<method>_items``
and create methods call.

The generator recognises a list method by its fields (``page_size`` and
``page_token`` in the request, ``next_page_token`` and one repeated field
in the response) and a create by a ``request_id`` string, so these helpers
use those field names.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator
from typing import TypeVar

from google.protobuf import message

Req = TypeVar("Req", bound=message.Message)
Resp = TypeVar("Resp", bound=message.Message)
Item = TypeVar("Item")


class PageTokenLoopError(RuntimeError):
    """A server answered a page with the token it was given, which would
    make a page iterator loop for ever."""


def _first_page(request: Req) -> Req:
    # A copy, so the caller's request is never modified.
    page = type(request)()
    page.CopyFrom(request)
    return page


def _next_token(page: Req, response: message.Message) -> str:
    token: str = getattr(response, "next_page_token")  # noqa: B009
    if token and token == getattr(page, "page_token"):  # noqa: B009
        raise PageTokenLoopError(
            f"the server returned the page token it was given ({token!r}) "
            f"for {type(page).DESCRIPTOR.full_name}"
        )
    return token


def pages(call: Callable[[Req], Resp], request: Req) -> Iterator[Resp]:
    """Returns an iterator over the pages of a list method: ``call`` with a
    copy of ``request`` (taken now), then again with each
    ``next_page_token`` as the ``page_token``, until a page has none. Each
    page is one call, made when the iteration reaches it, with its own
    deadline and retries. Raises :class:`PageTokenLoopError` if the server
    returns the token it was given."""
    return _pages(call, _first_page(request))


def _pages(call: Callable[[Req], Resp], page: Req) -> Iterator[Resp]:
    while True:
        response = call(page)
        yield response
        token = _next_token(page, response)
        if not token:
            return
        page.page_token = token  # type: ignore[attr-defined]


def async_pages(call: Callable[[Req], Awaitable[Resp]], request: Req) -> AsyncIterator[Resp]:
    """The asyncio form of :func:`pages`."""
    return _async_pages(call, _first_page(request))


async def _async_pages(call: Callable[[Req], Awaitable[Resp]], page: Req) -> AsyncIterator[Resp]:
    while True:
        response = await call(page)
        yield response
        token = _next_token(page, response)
        if not token:
            return
        page.page_token = token  # type: ignore[attr-defined]


def items(pages: Iterable[Resp], of: Callable[[Resp], Iterable[Item]]) -> Iterator[Item]:
    """Yields the items of every page: ``of`` returns a page's repeated
    field."""
    for page in pages:
        yield from of(page)


async def async_items(
    pages: AsyncIterator[Resp], of: Callable[[Resp], Iterable[Item]]
) -> AsyncIterator[Item]:
    """The asyncio form of :func:`items`."""
    async for page in pages:
        for item in of(page):
            yield item


def with_request_id(request: Req) -> Req:
    """Returns a copy of ``request`` with a fresh UUID (version 4) as its
    ``request_id``. The generated create methods call it when the caller
    left the id empty, once per call and before the first attempt, so every
    retry of that call carries the same id."""
    filled = type(request)()
    filled.CopyFrom(request)
    filled.request_id = str(uuid.uuid4())  # type: ignore[attr-defined]
    return filled
