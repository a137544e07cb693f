"""The installed package: what the wheel carries, and the runtime checks of
kanto/__init__.py."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import subprocess
import sys
import types
from pathlib import Path

import google.api.annotations_pb2 as api_annotations
import google.protobuf
import grpc
import protovalidate
import tomllib
from buf.validate import validate_pb2

import kanto
from testenv import GEN_DIR, SDK_DIR

GEN = GEN_DIR


def test_required_runtimes_match_the_gencode_and_pyproject() -> None:
    for path in sorted((GEN / "kanto").rglob("*_pb2.py")):
        header = path.read_text()
        gencode = re.search(r"# Protobuf Python Version: (\d+)\.(\d+)\.(\d+)", header)
        assert gencode is not None, path
        assert tuple(int(g) for g in gencode.groups()) == kanto._PROTOBUF_REQUIRED, path
    for path in sorted((GEN / "kanto").rglob("*_pb2_grpc.py")):
        grpc_header = path.read_text()
        grpc_gen = re.search(r"GRPC_GENERATED_VERSION = '(\d+)\.(\d+)\.(\d+)'", grpc_header)
        assert grpc_gen is not None, path
        assert tuple(int(g) for g in grpc_gen.groups()) == kanto._GRPCIO_REQUIRED, path

    deps = tomllib.loads((SDK_DIR / "pyproject.toml").read_text())["project"]["dependencies"]
    want_protobuf = ".".join(map(str, kanto._PROTOBUF_REQUIRED))
    want_grpc = ".".join(map(str, kanto._GRPCIO_REQUIRED))
    assert f"protobuf>={want_protobuf},<{kanto._PROTOBUF_REQUIRED[0] + 1}" in deps
    assert any(d.startswith(f"grpcio>={want_grpc}") for d in deps)
    assert any(d.startswith(f"grpcio-status>={want_grpc}") for d in deps)


def test_old_protobuf_fails_early_with_a_clear_message() -> None:
    code = "import google.protobuf\ngoogle.protobuf.__version__ = '6.31.1'\nimport kanto\n"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("ImportError: kanto-sdk needs protobuf>=7.36.2,<8")
    assert "protobuf 6.31.1 is installed" in last
    # It failed before any generated module was imported.
    assert "_pb2" not in result.stderr


def test_newer_major_protobuf_fails_too() -> None:
    code = "import google.protobuf\ngoogle.protobuf.__version__ = '8.0.0'\nimport kanto\n"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert "ImportError: kanto-sdk needs protobuf>=7.36.2,<8" in result.stderr


def test_runtimes_in_use() -> None:
    assert google.protobuf.__version__ == "7.36.2"
    assert grpc.__version__ == "1.85.1"


def test_wheel_contents() -> None:
    files = {str(f) for f in importlib.metadata.files("kanto-sdk") or []}
    assert "kanto/py.typed" in files
    assert "kanto/_runtime.py" in files
    # Every generated file of kanto/ and buf/, protoc-gen-kanto's clients
    # and umbrella module among them.
    generated = {
        path.relative_to(GEN).as_posix()
        for top in ("kanto", "buf")
        for path in (GEN / top).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert {
        "kanto/clients_kanto.py",
        "buf/validate/validate_pb2.py",
        "buf/validate/validate_pb2.pyi",
    } <= generated
    assert any(f.endswith("_kanto.py") and f != "kanto/clients_kanto.py" for f in generated)
    assert generated <= files, sorted(generated - files)
    # The schema revision is in the generated code, not a data file beside it.
    assert not [f for f in files if f.startswith("kanto/serviceconfig/")]
    assert not [f for f in files if f.startswith("google/")]
    # google.api comes from googleapis-common-protos.
    owner = importlib.metadata.distribution("googleapis-common-protos")
    assert Path(api_annotations.__file__).resolve() in {
        Path(str(owner.locate_file(f))).resolve() for f in owner.files or []
    }


def test_protovalidate_uses_the_packaged_buf_validate() -> None:

    assert protovalidate.Violations is validate_pb2.Violations
    assert Path(validate_pb2.__file__).parent.parent.parent == Path(kanto.__file__).parent.parent


def test_generated_clients_are_exported() -> None:
    import kanto.clients_kanto as generated  # noqa: PLC0415

    for name in generated.__all__:
        assert getattr(kanto, name) is getattr(generated, name)
    # Every service has a sync and an asyncio client, and the umbrella an
    # accessor for it; besides them, the umbrella clients, SERVICES and
    # SCHEMA_REVISION.
    assert len(generated.__all__) == 4 + 2 * len(kanto.SERVICES)
    for info in kanto.SERVICES:
        sync = [c for c in vars(kanto).values() if getattr(c, "SERVICE_INFO", None) is info]
        assert len(sync) == 2, info.name


def code_words(path: Path) -> set[str]:
    """The identifiers and string constants of a module's code: its
    docstrings (every string that is a statement of its own), comments and
    the examples in them left out."""
    tree = ast.parse(path.read_text())
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    words: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            words.add(node.id)
        elif isinstance(node, ast.Attribute):
            words.add(node.attr)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            words.add(node.name)
        elif isinstance(node, ast.alias):
            words.update(node.name.split("."))
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            words.update(re.findall(r"[A-Za-z_][A-Za-z0-9_.]*", node.value))
    return words


def test_the_runtime_names_no_service() -> None:
    # What stays hand-written (src/kanto) names no service and no RPC in its
    # code: the generated code describes them to it. Its docs may.
    with kanto.KantoClient(insecure=True) as client:
        methods = client.methods()
    names = {m.name for m in methods} | {m.descriptor.path for m in methods}
    for info in kanto.SERVICES:
        package, service = info.name.rsplit(".", 1)
        names |= {info.name, service, package, package.split(".")[1]}
    names -= {"kanto"}
    for path in sorted((SDK_DIR / "src" / "kanto").glob("*.py")):
        words = code_words(path)
        found = {n for n in names if n in words or any(w.startswith(n + ".") for w in words)}
        assert not found, f"{path.name} names {sorted(found)}"


def test_public_names() -> None:
    public = {
        name
        for name, value in vars(kanto).items()
        if not isinstance(value, types.ModuleType) and not name.startswith("_")
    }
    assert sorted(kanto.__all__) == sorted(public | {"__version__"})
    assert importlib.metadata.version("kanto-sdk") == kanto.__version__
