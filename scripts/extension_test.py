"""Proves that the schema drives every SDK: adding an RPC or a service needs
no hand-written SDK code.

It copies the schema and the generation set-up into a scratch directory
(sharing the installed .tools), then extends the schema the way a platform
team would:

- a new paginated RPC on an existing service, kanto.pokedex.v1.PokemonService
  ListMoves (AIP-158: page_size, page_token, next_page_token, repeated moves);
- a new service, kanto.trainer.v1.TrainerService, with its own default host
  and service_config.json.

It runs the same generation as `make generate` into the scratch gen/, builds
a minimal Go server of both from that generated code (the "implementation
under services/" a real change would add), and serves it on 127.0.0.1. Then
each SDK, built against the scratch gen/ through KANTO_GEN_DIR and not edited,
calls both from a small program of a user's: every move through the new
items iterator (three pages), and the new service through the umbrella
client. Finally it checks that no file of the repository changed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / ".tools"

# What the server answers, and so what every SDK must print.
MOVES = ["Thunder Shock", "Quick Attack", "Thunderbolt", "Iron Tail", "Volt Tackle"]
TRAINER = "Ash"
EXPECTED = {"moves": MOVES, "trainer": TRAINER}

NEW_RPC = """
  // ListMoves returns one page of the moves a species can learn.
  rpc ListMoves(ListMovesRequest) returns (ListMovesResponse) {
    option idempotency_level = NO_SIDE_EFFECTS;
  }
"""

NEW_MESSAGES = """
// ListMovesRequest asks for one page of a species' moves.
message ListMovesRequest {
  // The species.
  int32 pokemon_id = 1;
  // The most moves to return.
  int32 page_size = 2;
  // The next_page_token of the previous page.
  string page_token = 3;
}

// A Move is one move a species can learn.
message Move {
  // The move's name.
  string name = 1;
}

// ListMovesResponse is one page of moves.
message ListMovesResponse {
  // The moves of this page.
  repeated Move moves = 1;
  // The token of the next page; empty on the last.
  string next_page_token = 2;
}
"""

TRAINER_PROTO = """syntax = "proto3";

// Package kanto.trainer.v1 is a service added by the extension test.
package kanto.trainer.v1;

import "google/api/client.proto";

// TrainerService knows the trainers.
service TrainerService {
  option (google.api.default_host) = "127.0.0.1:50054";

  // GetTrainer returns one trainer.
  rpc GetTrainer(GetTrainerRequest) returns (GetTrainerResponse) {
    option idempotency_level = NO_SIDE_EFFECTS;
  }
}

// GetTrainerRequest names a trainer.
message GetTrainerRequest {
  // The trainer's id.
  string id = 1;
}

// GetTrainerResponse carries the trainer's name.
message GetTrainerResponse {
  // The trainer's name.
  string name = 1;
}
"""

TRAINER_CONFIG = {
    "methodConfig": [
        {"name": [{"service": "kanto.trainer.v1.TrainerService"}], "timeout": "5s"},
    ]
}

SERVER = """package main

// A minimal server of what the extension test added to the schema.

import (
	"context"
	"fmt"
	"net"
	"os"
	"strconv"

	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
	trainerv1 "github.com/kanto-api/kanto/gen/go/kanto/trainer/v1"
	"google.golang.org/grpc"
)

var moves = []string{%(moves)s}

type pokedex struct {
	pokedexv1.UnimplementedPokemonServiceServer
}

// ListMoves pages through moves, two at a time; a page token is the index
// of the page's first move.
func (pokedex) ListMoves(_ context.Context, req *pokedexv1.ListMovesRequest) (*pokedexv1.ListMovesResponse, error) {
	start := 0
	if req.GetPageToken() != "" {
		start, _ = strconv.Atoi(req.GetPageToken())
	}
	end := min(start+2, len(moves))
	resp := &pokedexv1.ListMovesResponse{}
	for _, m := range moves[start:end] {
		resp.Moves = append(resp.Moves, &pokedexv1.Move{Name: m})
	}
	if end < len(moves) {
		resp.NextPageToken = strconv.Itoa(end)
	}
	return resp, nil
}

type trainers struct {
	trainerv1.UnimplementedTrainerServiceServer
}

func (trainers) GetTrainer(context.Context, *trainerv1.GetTrainerRequest) (*trainerv1.GetTrainerResponse, error) {
	return &trainerv1.GetTrainerResponse{Name: %(trainer)s}, nil
}

func main() {
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	srv := grpc.NewServer()
	pokedexv1.RegisterPokemonServiceServer(srv, pokedex{})
	trainerv1.RegisterTrainerServiceServer(srv, trainers{})
	fmt.Println(lis.Addr().String())
	if err := srv.Serve(lis); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
"""

GO_CLIENT = """package main

// A user's program: the new RPC's items iterator and the new service,
// through the umbrella client, printed as JSON.

import (
	"context"
	"encoding/json"
	"log"
	"os"

	pokedexv1 "github.com/kanto-api/kanto/gen/go/kanto/pokedex/v1"
	trainerv1 "github.com/kanto-api/kanto/gen/go/kanto/trainer/v1"
	"github.com/kanto-api/kanto/gen/go/kantoclient"
	kanto "github.com/kanto-api/kanto/sdk/go"
)

func main() {
	client, err := kantoclient.New(kanto.WithInsecure(), kanto.WithTarget(os.Args[1]))
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	ctx := context.Background()
	out := map[string]any{}
	var moves []string
	for m, err := range client.Pokemon().ListMovesItems(ctx, &pokedexv1.ListMovesRequest{PokemonId: 25}) {
		if err != nil {
			log.Fatal(err)
		}
		moves = append(moves, m.GetName())
	}
	out["moves"] = moves
	t, err := client.Trainer().GetTrainer(ctx, &trainerv1.GetTrainerRequest{Id: "ash"})
	if err != nil {
		log.Fatal(err)
	}
	out["trainer"] = t.GetName()
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		log.Fatal(err)
	}
}
"""


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: int = 600) -> str:
    """Runs cmd, failing with its output if it fails."""
    full_env = {**os.environ, **(env or {})}
    proc = subprocess.run(cmd, cwd=cwd, env=full_env, capture_output=True, text=True, timeout=timeout, check=False)
    if proc.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} (in {cwd}) failed:\n{proc.stdout}\n{proc.stderr}")
    return proc.stdout


def insert_after(path: Path, anchor: str, text: str) -> None:
    body = path.read_text()
    if anchor not in body:
        raise AssertionError(f"{anchor!r} not found in {path}")
    path.write_text(body.replace(anchor, anchor + text, 1))


def extend_schema(work: Path) -> None:
    service = work / "proto/kanto/pokedex/v1/pokemon_service.proto"
    insert_after(service, "service PokemonService {\n", NEW_RPC)
    service.write_text(service.read_text() + NEW_MESSAGES)
    trainer = work / "proto/kanto/trainer/v1"
    trainer.mkdir(parents=True)
    (trainer / "trainer_service.proto").write_text(TRAINER_PROTO)
    (trainer / "service_config.json").write_text(json.dumps(TRAINER_CONFIG, indent=2) + "\n")


def generate(work: Path) -> None:
    """Sets up a scratch copy of the generation inputs and runs what
    `make generate` runs."""
    # buf generate empties gen/ itself (clean: true), as in `make generate`.
    shutil.copytree(ROOT / "proto", work / "proto", symlinks=True)
    for name in ("buf.yaml", "buf.gen.yaml"):
        shutil.copy2(ROOT / name, work / name)
    # The pinned tools and the plugins' own files, shared, not copied.
    (work / ".tools").symlink_to(TOOLS)
    (work / "tools").symlink_to(ROOT / "tools")
    extend_schema(work)
    env = {"PATH": f"{TOOLS / 'bin'}:{ROOT / 'tools/node_modules/.bin'}:{os.environ['PATH']}"}
    run([str(TOOLS / "bin/buf"), "generate"], work, env)


def go_module(work: Path, name: str, source: str) -> Path:
    """Writes a Go program as a module of its own that uses the scratch
    gen/go and the repository's sdk/go, and builds it."""
    d = work / name
    d.mkdir()
    (d / "main.go").write_text(source)
    (d / "go.mod").write_text(
        textwrap.dedent(f"""\
        module example.com/{name}

        go 1.26.0

        require (
        \tgithub.com/kanto-api/kanto/gen/go v0.0.0-00010101000000-000000000000
        \tgithub.com/kanto-api/kanto/sdk/go v0.0.0-00010101000000-000000000000
        )

        replace (
        \tgithub.com/kanto-api/kanto/gen/go => {work / "gen/go"}
        \tgithub.com/kanto-api/kanto/sdk/go => {ROOT / "sdk/go"}
        )
        """)
    )
    sums = (ROOT / "sdk/go/go.sum").read_text() + (work / "gen/go/go.sum").read_text()
    (d / "go.sum").write_text("".join(sorted(set(sums.splitlines(keepends=True)))))
    env = {"GOWORK": "off", "GOFLAGS": "-mod=mod"}
    run(["go", "mod", "tidy"], d, env)
    run(["go", "build", "-o", str(d / name), "."], d, env)
    return d / name


def check(sdk: str, output: str) -> None:
    lines = [line for line in output.splitlines() if line.strip()]
    if not lines:
        raise AssertionError(f"{sdk}: the client printed nothing")
    got = json.loads(lines[-1])
    if got != EXPECTED:
        raise AssertionError(f"{sdk}: the client printed {got}, want {EXPECTED}")
    print(f"ok   {sdk}: {len(got['moves'])} moves over 3 pages through the new iterator, and the new service")


PY_CLIENT = """
import json
import sys

import kanto
from kanto.pokedex.v1 import pokemon_service_pb2 as pokedex
from kanto.trainer.v1 import trainer_service_pb2 as trainer

with kanto.KantoClient(target=sys.argv[1], insecure=True) as client:
    moves = [m.name for m in client.pokemon.list_moves_items(pokedex.ListMovesRequest(pokemon_id=25))]
    name = client.trainer.get_trainer(trainer.GetTrainerRequest(id="ash")).name
print(json.dumps({"moves": moves, "trainer": name}))
"""


def python_sdk(work: Path, addr: str) -> str:
    """Builds the wheel of sdk/python against the scratch gen/python
    (KANTO_GEN_DIR) with the SDK's own pinned venv, installs it into a
    directory of its own, and runs the user's program with it."""
    sdk = ROOT / "sdk/python"
    run(["bash", str(sdk / "scripts/venv.sh")], sdk)
    py = sdk / ".venv/bin/python"
    env = {"KANTO_GEN_DIR": str(work / "gen/python")}
    run(
        [
            str(py),
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(work / "wheel"),
            str(sdk),
        ],
        work,
        env,
    )
    wheels = list((work / "wheel").glob("kanto_sdk-*.whl"))
    run(
        [str(py), "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(work / "pylib"), str(wheels[0])], work
    )
    (work / "client.py").write_text(PY_CLIENT)
    return run([str(py), str(work / "client.py"), addr], work, {"PYTHONPATH": str(work / "pylib")}, timeout=60)


JAVA_CLIENT = """
import dev.kanto.pokedex.v1.ListMovesRequest;
import dev.kanto.pokedex.v1.Move;
import dev.kanto.sdk.KantoClient;
import dev.kanto.trainer.v1.GetTrainerRequest;
import java.util.stream.Collectors;

public class UserClient {
  public static void main(String[] args) {
    try (KantoClient kanto = KantoClient.builder().insecure().target(args[0]).build()) {
      String moves =
          kanto.pokemon().listMovesItems(ListMovesRequest.newBuilder().setPokemonId(25).build()).stream()
              .map(m -> "\\"" + m.getName() + "\\"")
              .collect(Collectors.joining(", "));
      String name = kanto.trainer().getTrainer(GetTrainerRequest.newBuilder().setId("ash").build()).getName();
      System.out.println("{\\"moves\\": [" + moves + "], \\"trainer\\": \\"" + name + "\\"}");
    }
  }
}
"""


def java_sdk(work: Path, addr: str) -> str:
    """Builds the Java SDK against the scratch gen/java (KANTO_GEN_DIR) with
    sdk/java/scripts/build-classpath.sh, and runs the user's program,
    compiled against it, on its classpath."""
    out = work / "java"
    run(
        ["bash", str(ROOT / "sdk/java/scripts/build-classpath.sh"), str(out)],
        work,
        {"KANTO_GEN_DIR": str(work / "gen/java")},
        timeout=900,
    )
    classpath = (out / "classpath.txt").read_text().strip()
    src = work / "UserClient.java"
    src.write_text(JAVA_CLIENT)
    run(["javac", "-d", str(out / "user"), "-cp", classpath, str(src)], work)
    return run(["java", "-cp", f"{out / 'user'}:{classpath}", "UserClient", addr], work, timeout=120)


TS_CLIENT = """
import { createKantoClient } from "@kanto/sdk";

const kanto = createKantoClient({ insecure: true, target: process.argv[2] });
try {
  const moves = [];
  for await (const move of kanto.pokemon.listMovesItems({ pokemonId: 25 })) {
    moves.push(move.name);
  }
  const { name } = await kanto.trainer.getTrainer({ id: "ash" });
  console.log(JSON.stringify({ moves, trainer: name }));
} finally {
  kanto.close();
}
"""


def typescript_sdk(work: Path, addr: str) -> str:
    """Builds a copy of sdk/typescript (its installed node_modules shared)
    against the scratch gen/ts (KANTO_GEN_DIR), and runs the user's program
    with @kanto/sdk resolved to that build."""
    sdk = ROOT / "sdk/typescript"
    if not (sdk / "node_modules").exists():
        run(["npm", "ci", "--no-audit", "--no-fund", "--prefer-offline"], sdk)
    copy = work / "ts-sdk"
    shutil.copytree(sdk, copy, ignore=shutil.ignore_patterns("node_modules", "dist", ".build", "gen"))
    (copy / "node_modules").symlink_to(sdk / "node_modules")
    run(["node", "scripts/build.mjs"], copy, {"KANTO_GEN_DIR": str(work / "gen/ts")})
    app = work / "ts-app"
    (app / "node_modules/@kanto").mkdir(parents=True)
    (app / "node_modules/@kanto/sdk").symlink_to(copy)
    (app / "client.mjs").write_text(TS_CLIENT)
    return run(["node", str(app / "client.mjs"), addr], app, timeout=60)


def go_sdk(work: Path, addr: str) -> str:
    binary = go_module(work, "goclient", GO_CLIENT)
    return run([str(binary), addr], work, timeout=60)


SDKS: dict[str, Callable[[Path, str], str]] = {
    "go": go_sdk,
    "python": python_sdk,
    "typescript": typescript_sdk,
    "java": java_sdk,
}


def repo_state() -> str:
    return run(["git", "status", "--porcelain", "--untracked-files=all"], ROOT)


def main() -> int:
    before = repo_state()
    work = Path(tempfile.mkdtemp(prefix="kanto-extension."))
    server = None
    try:
        generate(work)
        # The generated code knows the new RPC and service; no SDK file was
        # touched to get there.
        server_bin = go_module(
            work,
            "server",
            SERVER
            % {
                "moves": ", ".join(json.dumps(m) for m in MOVES),
                "trainer": json.dumps(TRAINER),
            },
        )
        server = subprocess.Popen([str(server_bin)], stdout=subprocess.PIPE, text=True)
        assert server.stdout is not None
        addr = server.stdout.readline().strip()
        if not addr:
            raise AssertionError("the test server printed no address")
        failures = 0
        for sdk, call in SDKS.items():
            try:
                check(sdk, call(work, addr))
            except AssertionError as e:
                failures += 1
                print(f"FAIL {sdk}: {e}")
        if repo_state() != before:
            failures += 1
            print("FAIL the repository changed:\n" + repo_state())
        print(f"{len(SDKS) - failures} of {len(SDKS)} SDKs passed" if failures else f"all {len(SDKS)} SDKs passed")
        return 1 if failures else 0
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
