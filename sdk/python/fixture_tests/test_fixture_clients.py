"""protoc-gen-kanto's Python clients of the generator's fixture schema
(plugins/testdata/fixture), called over TCP against an in-process server
of the fixture's services: the behaviour behind the golden files, for
what the real schema does not have (RPCs named after keywords, a
deprecated RPC, enum items, a service without a default host or a service
config, two services of one name, a service without RPCs).

plugins/testdata/compile/python.sh runs it (through
scripts/check-generated.sh) on the fixture it has just generated, after
type-checking this file and the generated modules with mypy --strict.
"""

from __future__ import annotations

import inspect
import re
import threading
import uuid
import warnings
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent import futures
from dataclasses import dataclass, field
from typing import Any

import grpc
import pytest
from google.protobuf import empty_pb2, message

import kanto
from fixture import clients_kanto
from fixture.widgets.v1 import widgets_kanto, widgets_pb2

WIDGETS = "fixture.widgets.v1.WidgetService"
GADGETS = "fixture.gadgets.v1.WidgetService"


@dataclass
class Recorder:
    """What the server saw, and how it should fail."""

    lock: threading.Lock = field(default_factory=threading.Lock)  # guards the rest
    unavailable: dict[str, int] = field(default_factory=dict)
    attempts: dict[str, int] = field(default_factory=dict)
    time_remaining: dict[str, float | None] = field(default_factory=dict)
    request_ids: list[str] = field(default_factory=list)
    user_agents: dict[str, str] = field(default_factory=dict)

    def enter(self, method: str, context: grpc.ServicerContext) -> None:
        with self.lock:
            self.attempts[method] = self.attempts.get(method, 0) + 1
            self.time_remaining[method] = context.time_remaining()
            for key, value in context.invocation_metadata():
                if key == "user-agent":
                    self.user_agents[method] = str(value)
            fail = self.unavailable.get(method, 0) > 0
            if fail:
                self.unavailable[method] -= 1
        if fail:
            context.abort(grpc.StatusCode.UNAVAILABLE, "try again")


def widget_handlers(rec: Recorder) -> grpc.GenericRpcHandler:
    def get(name: str, prefix: str) -> Callable[[Any, grpc.ServicerContext], Any]:
        def handle(request: Any, context: grpc.ServicerContext) -> Any:
            rec.enter(name, context)
            return widgets_pb2.Widget(id=prefix + request.id)

        return handle

    def list_widgets(request: Any, context: grpc.ServicerContext) -> Any:
        rec.enter("ListWidgets", context)
        offset = int(request.page_token or "0")
        size = request.page_size or 2
        ids = [str(i) for i in range(1, 6)][offset : offset + size]
        more = offset + size < 5
        return widgets_pb2.ListWidgetsResponse(
            widgets=[widgets_pb2.Widget(id=i) for i in ids],
            next_page_token=str(offset + size) if more else "",
        )

    def list_colors(request: Any, context: grpc.ServicerContext) -> Any:
        rec.enter("ListColors", context)
        if request.page_token == "loop":
            return widgets_pb2.ListColorsResponse(next_page_token="loop")
        if request.page_token == "":
            return widgets_pb2.ListColorsResponse(
                colors=[widgets_pb2.COLOR_RED, widgets_pb2.COLOR_GREEN], next_page_token="p2"
            )
        return widgets_pb2.ListColorsResponse(colors=[widgets_pb2.COLOR_RED])

    def create(request: Any, context: grpc.ServicerContext) -> Any:
        with rec.lock:
            rec.request_ids.append(request.request_id)
        rec.enter("CreateWidget", context)
        return request.widget

    def update(request: Any, context: grpc.ServicerContext) -> Any:
        rec.enter("UpdateWidget", context)
        return request.widget

    def delete(request: Any, context: grpc.ServicerContext) -> Any:
        rec.enter("DeleteWidget", context)
        return empty_pb2.Empty()

    def watch(request: Any, context: grpc.ServicerContext) -> Iterator[Any]:
        rec.enter("WatchWidgets", context)
        for i in range(3):
            yield widgets_pb2.Widget(id=f"{request.id}-{i}")

    def upload(requests: Iterator[Any], context: grpc.ServicerContext) -> Any:
        rec.enter("UploadWidgets", context)
        return widgets_pb2.UploadWidgetsResponse(count=sum(1 for _ in requests))

    def sync(requests: Iterator[Any], context: grpc.ServicerContext) -> Iterator[Any]:
        rec.enter("SyncWidgets", context)
        for w in requests:
            yield widgets_pb2.Widget(id="synced-" + w.id)

    w = widgets_pb2
    empty = empty_pb2.Empty

    def unary(fn: Any, req: type[message.Message], resp: type[message.Message]) -> Any:
        return grpc.unary_unary_rpc_method_handler(
            fn, request_deserializer=req.FromString, response_serializer=resp.SerializeToString
        )

    return grpc.method_handlers_generic_handler(
        WIDGETS,
        {
            "GetWidget": unary(get("GetWidget", ""), w.GetWidgetRequest, w.Widget),
            "ListWidgets": unary(list_widgets, w.ListWidgetsRequest, w.ListWidgetsResponse),
            "ListColors": unary(list_colors, w.ListColorsRequest, w.ListColorsResponse),
            "CreateWidget": unary(create, w.CreateWidgetRequest, w.Widget),
            "UpdateWidget": unary(update, w.UpdateWidgetRequest, w.Widget),
            "DeleteWidget": unary(delete, w.GetWidgetRequest, empty),
            "WatchWidgets": grpc.unary_stream_rpc_method_handler(
                watch,
                request_deserializer=w.GetWidgetRequest.FromString,
                response_serializer=w.Widget.SerializeToString,
            ),
            "UploadWidgets": grpc.stream_unary_rpc_method_handler(
                upload,
                request_deserializer=w.Widget.FromString,
                response_serializer=w.UploadWidgetsResponse.SerializeToString,
            ),
            "SyncWidgets": grpc.stream_stream_rpc_method_handler(
                sync,
                request_deserializer=w.Widget.FromString,
                response_serializer=w.Widget.SerializeToString,
            ),
            "Class": unary(get("Class", "class:"), w.GetWidgetRequest, w.Widget),
            "Import": unary(get("Import", "import:"), w.GetWidgetRequest, w.Widget),
            "LegacyGet": unary(get("LegacyGet", "legacy:"), w.GetWidgetRequest, w.Widget),
        },
    )


def gadget_handlers(rec: Recorder) -> grpc.GenericRpcHandler:
    def ping(request: Any, context: grpc.ServicerContext) -> Any:
        rec.enter("Ping", context)
        return empty_pb2.Empty()

    handler = grpc.unary_unary_rpc_method_handler(
        ping,
        request_deserializer=empty_pb2.Empty.FromString,
        response_serializer=empty_pb2.Empty.SerializeToString,
    )
    return grpc.method_handlers_generic_handler(GADGETS, {"Ping": handler})


@dataclass
class Server:
    rec: Recorder
    target: str


@pytest.fixture
def server() -> Iterator[Server]:
    rec = Recorder()
    srv = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
    srv.add_generic_rpc_handlers((widget_handlers(rec), gadget_handlers(rec)))
    port = srv.add_insecure_port("127.0.0.1:0")
    srv.start()
    yield Server(rec, f"127.0.0.1:{port}")
    srv.stop(grace=None)


@pytest.fixture(params=["sync", "async"])
async def umbrella(request: pytest.FixtureRequest, server: Server) -> AsyncIterator[Any]:
    """The fixture's umbrella client, sync or async, with one target for
    every service (one server serves them all)."""
    if request.param == "sync":
        with clients_kanto.KantoClient(server.target, insecure=True) as client:
            yield client
    else:
        async with clients_kanto.AsyncKantoClient(server.target, insecure=True) as aclient:
            yield aclient


async def maybe(value: Any) -> Any:
    return await value if inspect.isawaitable(value) else value


async def collect(stream: Any) -> list[Any]:
    if hasattr(stream, "__aiter__"):
        return [item async for item in stream]
    return list(stream)


def test_the_registry_and_the_umbrella() -> None:
    assert [s.name for s in clients_kanto.SERVICES] == [
        GADGETS,
        "fixture.widgets.v1.EmptyService",
        WIDGETS,
    ]
    # Two services named WidgetService: qualified by package, package-wide.
    assert clients_kanto.GadgetsV1WidgetClient.SERVICE_INFO.name == GADGETS
    assert clients_kanto.WidgetsV1WidgetClient is widgets_kanto.WidgetClient
    assert clients_kanto.WidgetsV1WidgetClient.SERVICE_INFO.default_target == "127.0.0.1:7001"
    with clients_kanto.KantoClient("127.0.0.1:1", insecure=True) as client:
        assert client.empty.methods() == []
        table = client.widgets_v1_widget.methods()
        assert [(m.name, m.kind.value) for m in table] == [
            ("GetWidget", "unary"),
            ("ListWidgets", "unary"),
            ("ListColors", "unary"),
            ("CreateWidget", "unary"),
            ("UpdateWidget", "unary"),
            ("DeleteWidget", "unary"),
            ("WatchWidgets", "server_stream"),
            ("UploadWidgets", "client_stream"),
            ("SyncWidgets", "bidi_stream"),
            ("Class", "unary"),
            ("Import", "unary"),
            ("LegacyGet", "unary"),
        ]
        assert table[9].call == client.widgets_v1_widget.class_
        assert [m.name for m in client.methods()] == ["Ping", *[m.name for m in table]]


async def test_the_user_agent_names_the_fixtures_schema(umbrella: Any, server: Server) -> None:
    # The fixture's clients carry the fixture's revision, not the kanto
    # package's: the runtime takes it from each service's SERVICE_INFO.
    revision = clients_kanto.SCHEMA_REVISION
    assert re.fullmatch(r"[0-9a-f]{12}", revision), revision
    assert revision != kanto.SCHEMA_REVISION
    assert {s.schema_revision for s in clients_kanto.SERVICES} == {revision}
    await maybe(umbrella.gadgets_v1_widget.ping(empty_pb2.Empty()))
    want = f"kanto-sdk-python/{kanto.__version__} kanto-schema/{revision} "
    assert server.rec.user_agents["Ping"].startswith(want), server.rec.user_agents


def test_a_service_without_default_host_needs_a_target() -> None:
    with pytest.raises(ValueError, match=f"no target for {GADGETS}"):
        clients_kanto.KantoClient(insecure=True)
    targets = {GADGETS: "127.0.0.1:2", "fixture.widgets.v1.EmptyService": "127.0.0.1:3"}
    with clients_kanto.KantoClient(targets=targets, insecure=True) as client:
        assert client.gadgets_v1_widget.target == "127.0.0.1:2"
        assert client.empty.target == "127.0.0.1:3"
        assert client.widgets_v1_widget.target == "127.0.0.1:7001"


def test_docstrings_keep_the_schemas_text() -> None:
    doc = widgets_kanto.WidgetClient.__doc__ or ""
    assert 'ends a\n    C comment */ and a docstring """ on purpose.' in doc
    sync_doc = widgets_kanto.WidgetClient.sync_widgets.__doc__ or ""
    assert "with `backticks` and ${braces}." in sync_doc
    create_doc = widgets_kanto.WidgetClient.create_widget.__doc__ or ""
    assert 'string.pattern = "^[A-Za-z0-9_.:-]*$"' in create_doc
    assert "If request_id is empty, the SDK sets it to a fresh UUID" in create_doc
    assert "Retried on UNAVAILABLE, RESOURCE_EXHAUSTED, up to 3 attempts" in create_doc
    legacy_doc = widgets_kanto.AsyncWidgetClient.legacy_get.__doc__ or ""
    assert "Deprecated: the schema marks" in legacy_doc


async def test_rpcs_named_after_keywords(umbrella: Any) -> None:
    widgets = umbrella.widgets_v1_widget
    request = widgets_pb2.GetWidgetRequest(id="w")
    assert (await maybe(widgets.class_(request))).id == "class:w"
    assert (await maybe(widgets.import_(request))).id == "import:w"


async def test_a_deprecated_rpc_warns(umbrella: Any) -> None:
    widgets = umbrella.widgets_v1_widget
    with pytest.warns(DeprecationWarning, match=f"{WIDGETS}.LegacyGet is deprecated") as caught:
        response = await maybe(widgets.legacy_get(widgets_pb2.GetWidgetRequest(id="w")))
    assert response.id == "legacy:w"
    # stacklevel=2: the warning points at the caller, not the SDK.
    assert caught[0].filename == __file__
    # The others do not warn.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        await maybe(widgets.get_widget(widgets_pb2.GetWidgetRequest(id="w")))


async def test_message_and_enum_items(umbrella: Any, server: Server) -> None:
    widgets = umbrella.widgets_v1_widget
    items = await collect(widgets.list_widgets_items())
    assert [w.id for w in items] == ["1", "2", "3", "4", "5"]
    pages = await collect(widgets.list_widgets_pages(widgets_pb2.ListWidgetsRequest(page_size=3)))
    assert [len(p.widgets) for p in pages] == [3, 2]
    colors = await collect(widgets.list_colors_items())
    assert colors == [widgets_pb2.COLOR_RED, widgets_pb2.COLOR_GREEN, widgets_pb2.COLOR_RED]
    with pytest.raises(kanto.PageTokenLoopError):
        await collect(widgets.list_colors_items(widgets_pb2.ListColorsRequest(page_token="loop")))


async def test_create_keeps_one_request_id_across_retries(umbrella: Any, server: Server) -> None:
    server.rec.unavailable["CreateWidget"] = 2  # the config allows 3 attempts
    request = widgets_pb2.CreateWidgetRequest(widget=widgets_pb2.Widget(id="new"))
    created = await maybe(umbrella.widgets_v1_widget.create_widget(request))
    assert created.id == "new"
    ids = server.rec.request_ids
    assert len(ids) == 3
    assert len(set(ids)) == 1
    assert uuid.UUID(ids[0]).version == 4
    assert request.request_id == ""
    request.request_id = "mine"
    await maybe(umbrella.widgets_v1_widget.create_widget(request))
    assert server.rec.request_ids[-1] == "mine"


async def test_what_the_config_does_not_retry(umbrella: Any, server: Server) -> None:
    server.rec.unavailable["UpdateWidget"] = 1
    with pytest.raises(kanto.KantoError) as info:
        await maybe(umbrella.widgets_v1_widget.update_widget(widgets_pb2.UpdateWidgetRequest()))
    assert info.value.code == grpc.StatusCode.UNAVAILABLE
    assert server.rec.attempts["UpdateWidget"] == 1


async def test_deadlines(umbrella: Any, server: Server) -> None:
    request = widgets_pb2.GetWidgetRequest(id="w")
    await maybe(umbrella.widgets_v1_widget.get_widget(request))
    await maybe(umbrella.widgets_v1_widget.delete_widget(request))
    await maybe(umbrella.gadgets_v1_widget.ping(empty_pb2.Empty()))
    left = server.rec.time_remaining
    # The method's own timeout, the service-wide one, and without a service
    # config the SDK's default for unary calls.
    assert 2.0 < (left["GetWidget"] or 0) <= 2.6
    assert 9.0 < (left["DeleteWidget"] or 0) <= 10.1
    assert 29.0 < (left["Ping"] or 0) <= 30.1
    await maybe(umbrella.gadgets_v1_widget.ping(empty_pb2.Empty(), timeout=1))
    assert 0.5 < (left["Ping"] or 0) <= 1.1


def test_no_default_deadline_when_disabled(server: Server) -> None:
    with clients_kanto.KantoClient(server.target, insecure=True, default_timeout=None) as client:
        client.gadgets_v1_widget.ping(empty_pb2.Empty())
    # grpc-python's server reports a call without a deadline as a vast one.
    assert (server.rec.time_remaining["Ping"] or 0) > 1e6


async def test_every_call_shape(umbrella: Any) -> None:
    widgets = umbrella.widgets_v1_widget
    watched = await collect(widgets.watch_widgets(widgets_pb2.GetWidgetRequest(id="w")))
    assert [w.id for w in watched] == ["w-0", "w-1", "w-2"]
    uploaded = await maybe(
        widgets.upload_widgets([widgets_pb2.Widget(id=str(i)) for i in range(4)])
    )
    assert uploaded.count == 4
    synced = await collect(widgets.sync_widgets([widgets_pb2.Widget(id="a")] * 2))
    assert [w.id for w in synced] == ["synced-a", "synced-a"]
    stream = widgets.sync_widgets()
    await maybe(stream.send(widgets_pb2.Widget(id="b")))
    assert (await maybe(stream.recv())).id == "synced-b"
    await maybe(stream.close_send())
    assert await maybe(stream.recv()) is None


def test_typed_calls(server: Server) -> None:
    # Checked by mypy --strict with the rest of this file: what the
    # generated signatures promise.
    with widgets_kanto.WidgetClient(server.target, insecure=True) as client:
        widget: widgets_pb2.Widget = client.get_widget(widgets_pb2.GetWidgetRequest(id="t"))
        colors: list[widgets_pb2.Color] = list(client.list_colors_items())
        stream: kanto.ServerStream[widgets_pb2.Widget] = client.watch_widgets(
            widgets_pb2.GetWidgetRequest(id="t")
        )
        first = next(iter(stream))
        stream.cancel()
    assert widget.id == "t"
    assert len(colors) == 3
    assert first.id == "t-0"
