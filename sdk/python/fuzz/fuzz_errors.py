"""Fuzzes the decoding of a failed call's error details: a server, or
anything between it and the client, may send any bytes as the
grpc-status-details-bin trailer, with any status code and message.
KantoError.from_rpc_error must always give a KantoError with the call's
code, never raise.

Run by `make fuzz` and `make test-fuzz` (scripts/fuzz.sh) with atheris, in
the SDK's virtual environment:

    python fuzz/fuzz_errors.py -max_total_time=30 fuzz/corpus/errors

A crasher is written to crash-<hash>: fix the bug, then keep the input in
fuzz/corpus/errors/ and a test of it in tests/test_errors.py.
"""

from __future__ import annotations

import sys
from typing import Any

import atheris

with atheris.instrument_imports():
    import grpc

    from kanto import KantoError

CODES = list(grpc.StatusCode)


class FuzzedError(grpc.RpcError):
    def __init__(self, code: grpc.StatusCode, details: str, trailer: bytes) -> None:
        self._code, self._details, self._trailer = code, details, trailer

    def code(self) -> grpc.StatusCode:
        return self._code

    def details(self) -> str:
        return self._details

    # grpc's stubs type metadata entries as a class of their own; a call
    # hands back plain (key, value) tuples.
    def trailing_metadata(self) -> Any:
        return (("grpc-status-details-bin", self._trailer),)


def one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    code = CODES[fdp.ConsumeIntInRange(0, len(CODES) - 1)]
    details = fdp.ConsumeUnicodeNoSurrogates(32)
    trailer = fdp.ConsumeBytes(fdp.remaining_bytes())
    err = KantoError.from_rpc_error(FuzzedError(code, details, trailer))
    if not isinstance(err, KantoError):
        raise AssertionError(f"from_rpc_error gave {err!r}")
    if err.code not in (code, grpc.StatusCode.DEADLINE_EXCEEDED):
        raise AssertionError(f"code {err.code}, want the call's {code}")


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
