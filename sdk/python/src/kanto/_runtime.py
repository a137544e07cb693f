"""What the generated clients import from the hand-written runtime, and
only that: ``from kanto import _runtime as _rt`` in every module that
protoc-gen-kanto writes. Keeping the contract in one module lets the
runtime's own modules change freely."""

from kanto._async_client import AsyncClientBase, AsyncUmbrellaBase
from kanto._async_streams import AsyncBidiStream, AsyncServerStream, RequestStream
from kanto._channel import Metadata, ServiceInfo, Settings
from kanto._client import ClientBase, UmbrellaBase
from kanto._methods import MethodDescriptor, MethodInfo, MethodKind
from kanto._pages import async_items, async_pages, items, pages, with_request_id
from kanto._streams import BidiStream, ServerStream

__all__ = [
    "AsyncBidiStream",
    "AsyncClientBase",
    "AsyncServerStream",
    "AsyncUmbrellaBase",
    "BidiStream",
    "ClientBase",
    "Metadata",
    "MethodDescriptor",
    "MethodInfo",
    "MethodKind",
    "RequestStream",
    "ServerStream",
    "ServiceInfo",
    "Settings",
    "UmbrellaBase",
    "async_items",
    "async_pages",
    "items",
    "pages",
    "with_request_id",
]
