"""The installed package: what the wheel carries, and the runtime checks of
kanto/__init__.py."""

from __future__ import annotations

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
from testenv import REPO_ROOT, SDK_DIR

GEN = REPO_ROOT / "gen" / "python"


def test_required_runtimes_match_the_gencode_and_pyproject() -> None:
    header = (GEN / "kanto" / "pokedex" / "v1" / "pokemon_pb2.py").read_text()
    gencode = re.search(r"# Protobuf Python Version: (\d+)\.(\d+)\.(\d+)", header)
    assert gencode is not None
    assert tuple(int(g) for g in gencode.groups()) == kanto._PROTOBUF_REQUIRED
    grpc_header = (GEN / "kanto" / "pokedex" / "v1" / "pokemon_service_pb2_grpc.py").read_text()
    grpc_gen = re.search(r"GRPC_GENERATED_VERSION = '(\d+)\.(\d+)\.(\d+)'", grpc_header)
    assert grpc_gen is not None
    assert tuple(int(g) for g in grpc_gen.groups()) == kanto._GRPCIO_REQUIRED

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
    assert "buf/validate/validate_pb2.py" in files
    assert "buf/validate/validate_pb2.pyi" in files
    assert "kanto/pokedex/v1/pokemon_service_pb2_grpc.py" in files
    assert "kanto/pokedex/v1/pokemon_service_pb2.pyi" in files
    assert "kanto/serviceconfig/pokedex.json" in files
    assert "kanto/serviceconfig/schema.json" in files
    assert not [f for f in files if f.startswith("google/")]
    # google.api comes from googleapis-common-protos.
    owner = importlib.metadata.distribution("googleapis-common-protos")
    assert Path(api_annotations.__file__).resolve() in {
        Path(str(owner.locate_file(f))).resolve() for f in owner.files or []
    }


def test_protovalidate_uses_the_packaged_buf_validate() -> None:

    assert protovalidate.Violations is validate_pb2.Violations
    assert Path(validate_pb2.__file__).parent.parent.parent == Path(kanto.__file__).parent.parent


def test_public_names() -> None:
    public = {
        name
        for name, value in vars(kanto).items()
        if not isinstance(value, types.ModuleType) and not name.startswith("_")
    }
    assert sorted(kanto.__all__) == sorted(public | {"__version__"})
    assert importlib.metadata.version("kanto-sdk") == kanto.__version__
