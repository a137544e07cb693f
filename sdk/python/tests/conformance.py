"""The conformance runner's machinery: loads the vectors of
sdk/conformance/vectors, replays one through the method table of the SDK's
sync or async umbrella client (generated from the schema: no method is
named here), and checks the outcome as sdk/conformance/README.md
specifies."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pytest
from google.protobuf import json_format, message

import kanto
from testenv import REPO_ROOT, TestEnv

VECTORS_DIR = REPO_ROOT / "sdk" / "conformance" / "vectors"
KINDS = {kind.value: kind for kind in kanto.MethodKind}


def load_vectors() -> list[Any]:
    """Returns one pytest param per vector: the files in name order, the
    vectors of a file in order, each with its name as the test id."""
    files = sorted(VECTORS_DIR.glob("*.json"))
    if not files:
        raise RuntimeError(f"no conformance vectors in {VECTORS_DIR}")
    params = []
    seen: set[str] = set()
    for path in files:
        document = json.loads(path.read_text(encoding="utf-8"))
        vectors = document["vectors"] if isinstance(document, dict) else document
        for vector in vectors:
            name = vector["name"]
            if name in seen:
                raise RuntimeError(f"{path.name}: vector name {name!r} is not unique")
            seen.add(name)
            params.append(pytest.param(vector, id=name))
    return params


@dataclass
class Outcome:
    """What a replayed call produced."""

    code: str = "OK"
    message: str = ""
    field_violations: list[dict[str, str]] = field(default_factory=list)
    response: dict[str, Any] | None = None
    responses: list[dict[str, Any]] = field(default_factory=list)

    def fail(self, error: kanto.KantoError) -> None:
        self.code = error.code.name
        self.message = error.message
        self.field_violations = [
            {"field": v.field, "rule_id": v.rule_id} for v in error.field_violations
        ]


@dataclass
class Call:
    """A vector resolved against the schema's method table."""

    name: str
    service: str
    method: str
    kind: kanto.MethodKind
    targets: Mapping[str, str]
    requests: list[message.Message]
    metadata: list[tuple[str, str]] | None
    timeout: float | None
    cancel_after: int | None


def find_method(methods: list[kanto.MethodInfo], call: Call) -> kanto.MethodInfo:
    """Returns the entry of the generated method table that the call names:
    the table lists every RPC of every service, so no runner lists them."""
    for info in methods:
        if info.service == call.service and info.name == call.method:
            return info
    pytest.fail(f"the SDK has no method {call.service}/{call.method}", pytrace=False)


def resolve(vector: Mapping[str, Any], env: TestEnv) -> Call:
    """Resolves a vector: the method in the generated method table (its call
    shape must be the vector's), the requests parsed from proto JSON. Fails
    the test (never skips) when something is missing."""
    service_name, method_name, kind_name = vector["service"], vector["method"], vector["kind"]
    kind = KINDS.get(kind_name)
    if kind is None:
        pytest.fail(f"unknown kind {kind_name!r}", pytrace=False)
    # The table of a client that is never used, to read the schema's side.
    with kanto.KantoClient(targets=env.targets, insecure=True) as client:
        table = client.methods()
    call = Call(
        name=vector["name"],
        service=service_name,
        method=method_name,
        kind=kind,
        targets=env.targets,
        requests=[],
        metadata=None,
        timeout=None,
        cancel_after=vector.get("cancel_after"),
    )
    info = find_method(table, call)
    if info.kind is not kind:
        pytest.fail(
            f"{method_name} is {info.kind.value} in the schema, the vector says {kind_name}"
        )
    if kind in (kanto.MethodKind.UNARY, kanto.MethodKind.SERVER_STREAM):
        raw_requests = [vector.get("request", {})]
    else:
        raw_requests = vector.get("requests", [])
    call.requests = [json_format.ParseDict(r, info.request_type()) for r in raw_requests]
    if "metadata" in vector:
        call.metadata = [
            (k, v.replace("${CURATOR_TOKEN}", env.curator_token))
            for k, v in vector["metadata"].items()
        ]
    if "timeout_ms" in vector:
        call.timeout = vector["timeout_ms"] / 1000
    return call


def to_json(msg: message.Message) -> dict[str, Any]:
    """The proto JSON of a response: lowerCamelCase names, enum names,
    default values included."""
    converted: dict[str, Any] = json_format.MessageToDict(
        msg, always_print_fields_with_no_presence=True
    )
    return converted


def run_sync(call: Call) -> Outcome:
    """Replays a call through the synchronous umbrella client's method
    table."""
    outcome = Outcome()
    kwargs = {"timeout": call.timeout, "metadata": call.metadata}
    with kanto.KantoClient(targets=call.targets, insecure=True) as client:
        method = find_method(client.methods(), call).call
        try:
            if call.kind is kanto.MethodKind.UNARY:
                outcome.response = to_json(method(call.requests[0], **kwargs))
            elif call.kind is kanto.MethodKind.CLIENT_STREAM:
                outcome.response = to_json(method(iter(call.requests), **kwargs))
            elif call.kind is kanto.MethodKind.SERVER_STREAM:
                stream = method(call.requests[0], **kwargs)
                _read_sync(stream, outcome, call.cancel_after)
            else:
                stream = method(**kwargs)
                for request in call.requests:
                    stream.send(request)
                    response = stream.recv()
                    if response is None:
                        break
                    outcome.responses.append(to_json(response))
                    if _cancel_due(call.cancel_after, outcome):
                        break
                if not _cancel_due(call.cancel_after, outcome):
                    stream.close_send()
                _read_sync(stream, outcome, call.cancel_after)
        except kanto.KantoError as e:
            outcome.fail(e)
    return outcome


def _cancel_due(cancel_after: int | None, outcome: Outcome) -> bool:
    return cancel_after is not None and len(outcome.responses) >= cancel_after


def _read_sync(stream: Any, outcome: Outcome, cancel_after: int | None) -> None:
    # Reads to the end. Once cancel_after messages arrived it cancels, and
    # reads on only to learn the final status: messages already in flight
    # do not count.
    cancelled = False
    if _cancel_due(cancel_after, outcome):
        stream.cancel()
        cancelled = True
    for response in stream:
        if cancelled:
            continue
        outcome.responses.append(to_json(response))
        if _cancel_due(cancel_after, outcome):
            stream.cancel()
            cancelled = True


async def run_async(call: Call) -> Outcome:
    """Replays a call through the asyncio umbrella client's method table."""
    outcome = Outcome()
    kwargs = {"timeout": call.timeout, "metadata": call.metadata}
    async with kanto.AsyncKantoClient(targets=call.targets, insecure=True) as client:
        method = find_method(client.methods(), call).call
        try:
            if call.kind is kanto.MethodKind.UNARY:
                outcome.response = to_json(await method(call.requests[0], **kwargs))
            elif call.kind is kanto.MethodKind.CLIENT_STREAM:
                outcome.response = to_json(await method(iter(call.requests), **kwargs))
            elif call.kind is kanto.MethodKind.SERVER_STREAM:
                stream = method(call.requests[0], **kwargs)
                await _read_async(stream, outcome, call.cancel_after)
            else:
                stream = method(**kwargs)
                for request in call.requests:
                    await stream.send(request)
                    response = await stream.recv()
                    if response is None:
                        break
                    outcome.responses.append(to_json(response))
                    if _cancel_due(call.cancel_after, outcome):
                        break
                if not _cancel_due(call.cancel_after, outcome):
                    await stream.close_send()
                await _read_async(stream, outcome, call.cancel_after)
        except kanto.KantoError as e:
            outcome.fail(e)
    return outcome


async def _read_async(stream: Any, outcome: Outcome, cancel_after: int | None) -> None:
    cancelled = False
    if _cancel_due(cancel_after, outcome):
        stream.cancel()
        cancelled = True
    async for response in stream:
        if cancelled:
            continue
        outcome.responses.append(to_json(response))
        if _cancel_due(cancel_after, outcome):
            stream.cancel()
            cancelled = True


def check(vector: Mapping[str, Any], outcome: Outcome) -> None:
    """Asserts the outcome against the vector's ``expect``."""
    expect = vector["expect"]
    context = f"got {outcome.code}: {outcome.message}" if outcome.code != "OK" else ""
    assert outcome.code == expect.get("code", "OK"), (
        f"status code: want {expect.get('code', 'OK')}, {context or 'got OK'}"
    )
    if "field_violations" in expect:
        want = [{"field": v["field"], "rule_id": v["rule_id"]} for v in expect["field_violations"]]
        assert outcome.field_violations == want, "field violations differ"
    if "response" in expect:
        assert outcome.response is not None, "no response"
        problems = match(expect["response"], outcome.response, "response")
        assert not problems, "\n".join(problems) + f"\nactual: {json.dumps(outcome.response)}"
    if "responses" in expect:
        want_responses = expect["responses"]
        assert len(outcome.responses) == len(want_responses), (
            f"want {len(want_responses)} stream messages, got {len(outcome.responses)}"
        )
        problems = match(want_responses, outcome.responses, "responses")
        assert not problems, "\n".join(problems) + f"\nactual: {json.dumps(outcome.responses)}"
    if "min_responses" in expect:
        assert len(outcome.responses) >= expect["min_responses"], (
            f"want at least {expect['min_responses']} stream messages, got {len(outcome.responses)}"
        )


def match(want: Any, got: Any, path: str) -> list[str]:
    """Matches ``got`` (proto JSON) against the matcher ``want``; returns
    the mismatches, empty if it matches."""
    if isinstance(want, dict):
        if "$contains" in want:
            if not isinstance(got, list):
                return [f"{path}: want an array, got {got!r}"]
            return [
                f"{path}: no element matches {m!r}"
                for m in want["$contains"]
                if not any(not match(m, g, path) for g in got)
            ]
        if "$size" in want:
            if not isinstance(got, list) or len(got) != want["$size"]:
                return [f"{path}: want an array of {want['$size']}, got {got!r}"]
            return []
        if "$nonEmpty" in want:
            non_empty = isinstance(got, (str, list)) and len(got) > 0
            if non_empty != bool(want["$nonEmpty"]):
                return [f"{path}: want nonEmpty={want['$nonEmpty']}, got {got!r}"]
            return []
        if not isinstance(got, dict):
            return [f"{path}: want an object, got {got!r}"]
        problems = []
        for key, sub in want.items():
            if key not in got:
                problems.append(f"{path}.{key}: missing")
            else:
                problems.extend(match(sub, got[key], f"{path}.{key}"))
        return problems
    if isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            return [f"{path}: want {len(want)} elements, got {got!r}"]
        problems = []
        for i, (w, g) in enumerate(zip(want, got, strict=True)):
            problems.extend(match(w, g, f"{path}[{i}]"))
        return problems
    if isinstance(want, (int, float)) and not isinstance(want, bool):
        number = _number(got)
        if number is None or not math.isclose(number, want, rel_tol=1e-9):
            return [f"{path}: want {want!r}, got {got!r}"]
        return []
    if want != got:
        return [f"{path}: want {want!r}, got {got!r}"]
    return []


def _number(value: Any) -> float | None:
    # Proto JSON writes 64-bit integers as strings.
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None
