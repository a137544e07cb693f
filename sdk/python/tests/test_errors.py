"""KantoError and field paths, without a server."""

from __future__ import annotations

import time
from typing import Any

import grpc
from buf.validate import validate_pb2

import kanto
from kanto._channel import validation_error
from kanto._errors import field_path_string


def element(name: str, **subscript: object) -> validate_pb2.FieldPathElement:
    return validate_pb2.FieldPathElement(field_name=name, **subscript)  # type: ignore[arg-type]


def test_field_path_string_formats_like_the_servers() -> None:
    path = validate_pb2.FieldPath(
        elements=[
            element("pokemon"),
            element("types", index=1),
            element("labels", string_key='say "hi"\n'),
            element("flags", bool_key=True),
            element("by_int", int_key=-3),
            element("by_uint", uint_key=7),
        ]
    )
    assert field_path_string(path) == (
        'pokemon.types[1].labels["say \\"hi\\"\\n"].flags[true].by_int[-3].by_uint[7]'
    )
    assert field_path_string(validate_pb2.FieldPath()) == ""


def test_kanto_error_text() -> None:
    err = kanto.KantoError(
        grpc.StatusCode.NOT_FOUND, "no Pokémon #9999", [kanto.FieldViolation("id", "r", "d")]
    )
    assert str(err) == "NOT_FOUND: no Pokémon #9999"
    assert "field='id'" in repr(err)
    assert err.field_violations[0] == ("id", "r", "d")  # a plain tuple too


def test_validation_error_message() -> None:
    err = validation_error(
        [
            kanto.FieldViolation("id", "int32.gte_lte", "must be at least 1"),
            kanto.FieldViolation("", "msg.cel", "origin and destination must differ"),
        ]
    )
    assert err.code == grpc.StatusCode.INVALID_ARGUMENT
    assert err.message == (
        "invalid request: id: must be at least 1; origin and destination must differ"
    )


def test_error_without_status_details() -> None:
    class Bare(grpc.RpcError):
        def code(self) -> grpc.StatusCode:
            return grpc.StatusCode.INTERNAL

        def details(self) -> str:
            return "boom"

    err = kanto.KantoError.from_rpc_error(Bare())
    assert (err.code, err.message, err.field_violations) == (grpc.StatusCode.INTERNAL, "boom", [])


def test_cancelled_past_the_deadline_is_deadline_exceeded() -> None:
    class Cancelled(grpc.RpcError):
        def code(self) -> grpc.StatusCode:
            return grpc.StatusCode.CANCELLED

        def details(self) -> str:
            return "Received RST_STREAM with error code 8"

    now = time.monotonic()
    past = kanto.KantoError.from_rpc_error(Cancelled(), deadline=now - 0.001)
    assert past.code == grpc.StatusCode.DEADLINE_EXCEEDED
    assert past.message == "Received RST_STREAM with error code 8"
    future = kanto.KantoError.from_rpc_error(Cancelled(), deadline=now + 60)
    assert future.code == grpc.StatusCode.CANCELLED
    assert kanto.KantoError.from_rpc_error(Cancelled()).code == grpc.StatusCode.CANCELLED


class _Trailed(grpc.RpcError):
    """A failed call with a grpc-status-details-bin trailer of any bytes."""

    def __init__(self, trailer: bytes) -> None:
        self._trailer = trailer

    def code(self) -> grpc.StatusCode:
        return grpc.StatusCode.INVALID_ARGUMENT

    def details(self) -> str:
        return "invalid request"

    # grpc's stubs type metadata entries as a class of their own; a call
    # hands back plain (key, value) tuples.
    def trailing_metadata(self) -> Any:
        return (("grpc-status-details-bin", self._trailer),)


def test_corrupt_status_details_are_ignored() -> None:
    # Found by fuzz/fuzz_errors.py: a trailer that is not a google.rpc.Status
    # (a proxy may mangle it) made from_rpc_error raise DecodeError instead
    # of giving the call's own KantoError.
    crasher = bytes.fromhex("5d01005d33") + b"N" * 20
    err = kanto.KantoError.from_rpc_error(_Trailed(crasher))
    assert (err.code, err.message, err.field_violations) == (
        grpc.StatusCode.INVALID_ARGUMENT,
        "invalid request",
        [],
    )
