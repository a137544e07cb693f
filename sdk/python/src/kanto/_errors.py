"""KantoError: the one exception type every client method raises."""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import NamedTuple

import grpc
from buf.validate import validate_pb2
from google.protobuf import any_pb2
from google.protobuf.message import DecodeError
from google.rpc import error_details_pb2
from grpc_status import rpc_status


class FieldViolation(NamedTuple):
    """One invalid field of a request.

    ``field`` is the dotted path of the field, with subscripts for list items
    and map keys (``"pokemon.name"``, ``"place_ids[0]"``); it is empty when a
    rule spans several fields. ``rule_id`` is the protovalidate rule that
    failed (``"string.min_len"``), ``description`` says why for people.
    """

    field: str
    rule_id: str
    description: str


class KantoError(Exception):
    """A call failed.

    Attributes:
        code: the gRPC status code, for example ``grpc.StatusCode.NOT_FOUND``.
        message: the server's (or the client's) message for people.
        field_violations: for ``INVALID_ARGUMENT``, the invalid fields in the
            order the server (or client-side validation) reported them;
            empty otherwise.
        details: the status details as sent by the server
            (``google.protobuf.Any`` messages), for details this SDK does not
            decode itself.
    """

    code: grpc.StatusCode
    message: str
    field_violations: list[FieldViolation]
    details: list[any_pb2.Any]

    def __init__(
        self,
        code: grpc.StatusCode,
        message: str,
        field_violations: Iterable[FieldViolation] = (),
        *,
        details: Iterable[any_pb2.Any] = (),
    ) -> None:
        super().__init__(code, message)
        self.code = code
        self.message = message
        self.field_violations = list(field_violations)
        self.details = list(details)

    def __str__(self) -> str:
        return f"{self.code.name}: {self.message}"

    def __repr__(self) -> str:
        return (
            f"KantoError(code={self.code.name}, message={self.message!r}, "
            f"field_violations={self.field_violations!r})"
        )

    @classmethod
    def from_rpc_error(cls, error: grpc.RpcError, *, deadline: float | None = None) -> KantoError:
        """Builds a KantoError from a failed call of grpc or grpc.aio.

        The field violations come from the ``google.rpc.BadRequest`` detail;
        if the server sent only a ``buf.validate.Violations`` detail, from
        that instead.

        ``deadline`` is the call's deadline on the ``time.monotonic()``
        clock, if it has one. A server whose deadline timer fires first
        resets the stream (RST_STREAM CANCEL), which grpc reports as
        CANCELLED when that reset beats the client's own timer; a CANCELLED
        the client did not ask for, once the deadline has passed, is
        reported as the DEADLINE_EXCEEDED it is.
        """
        # Both grpc.Call (sync) and grpc.aio.AioRpcError answer these
        # synchronously; a bare RpcError raised by a custom channel may not.
        code_fn = getattr(error, "code", None)
        details_fn = getattr(error, "details", None)
        code = code_fn() if callable(code_fn) else grpc.StatusCode.UNKNOWN
        message = (details_fn() if callable(details_fn) else None) or str(code.name)
        if (
            code == grpc.StatusCode.CANCELLED
            and deadline is not None
            and time.monotonic() >= deadline
        ):
            code = grpc.StatusCode.DEADLINE_EXCEEDED
        try:
            rich = rpc_status.from_call(error) if hasattr(error, "trailing_metadata") else None
        except (ValueError, DecodeError):
            # The status detail disagrees with the call's status, or is not
            # a google.rpc.Status at all (a proxy may mangle trailers):
            # trust the call's own code and message, as the gRPC libraries
            # do.
            rich = None
        if rich is None:
            return cls(code, message)
        bad_request: error_details_pb2.BadRequest | None = None
        violations: validate_pb2.Violations | None = None
        for detail in rich.details:
            try:
                if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
                    found = error_details_pb2.BadRequest()
                    detail.Unpack(found)
                    bad_request = found
                elif detail.Is(validate_pb2.Violations.DESCRIPTOR):
                    found_violations = validate_pb2.Violations()
                    detail.Unpack(found_violations)
                    violations = found_violations
            except DecodeError:
                continue  # a detail that does not decode names no field
        field_violations: list[FieldViolation] = []
        if bad_request is not None:
            field_violations = [
                FieldViolation(v.field, v.reason, v.description)
                for v in bad_request.field_violations
            ]
        elif violations is not None:
            field_violations = [from_violation_proto(v) for v in violations.violations]
        return cls(code, message, field_violations, details=rich.details)


def field_path_string(path: validate_pb2.FieldPath) -> str:
    """Formats a protovalidate field path the way the servers do
    (protovalidate-go's FieldPathString): ``pokemon.types[0]``,
    ``labels["key"]``."""
    parts: list[str] = []
    for element in path.elements:
        part = element.field_name
        which = element.WhichOneof("subscript")
        if which == "index":
            part += f"[{element.index}]"
        elif which == "bool_key":
            part += "[true]" if element.bool_key else "[false]"
        elif which == "int_key":
            part += f"[{element.int_key}]"
        elif which == "uint_key":
            part += f"[{element.uint_key}]"
        elif which == "string_key":
            part += f"[{_go_quote(element.string_key)}]"
        parts.append(part)
    return ".".join(parts)


def from_violation_proto(violation: validate_pb2.Violation) -> FieldViolation:
    """Turns one buf.validate.Violation into a FieldViolation."""
    return FieldViolation(field_path_string(violation.field), violation.rule_id, violation.message)


def _go_quote(s: str) -> str:
    # Close enough to Go's strconv.Quote for map keys: double quotes with
    # backslash escapes for quotes, backslashes and control characters.
    out = ['"']
    for ch in s:
        if ch in ('"', "\\"):
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)
