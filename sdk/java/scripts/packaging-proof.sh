#!/usr/bin/env bash
# scripts/packaging-proof.sh proves the Java SDK works the way a user gets it:
#   1. it runs README.md's install commands (its ```sh blocks, from the
#      repository root), which install dev.kanto:kanto-sdk into the local
#      Maven repository;
#   2. it generates a brand-new Maven project in a temporary directory with
#      README.md's dependency (its ```xml block), compiles that project's
#      own Main against the SDK, and runs both that Main and the SDK's
#      dev.kanto.sdk.examples.GetPokemon against a live kanto-testenv,
#      checking that each prints "Pokemon #25 is Pikachu"; then the
#      streaming example, dev.kanto.sdk.examples.WatchRoutes, for one update;
#   3. it builds the SDK against a copy of gen/java named by KANTO_GEN_DIR
#      (scripts/build-classpath.sh, as README.md's "Build against another
#      generated tree" says) and runs a program of the user's on the result
#      that pages through the Pokédex with listPokemonItems.
#
# Needs `make build` first (or KANTO_TESTENV pointing at kanto-testenv).
set -euo pipefail

sdk_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo_root="$(cd "$sdk_dir/../.." && pwd)"
testenv="${KANTO_TESTENV:-$repo_root/.build/bin/kanto-testenv}"
want="Pokemon #25 is Pikachu"
mvn_flags=(-B -q -ntp)

if [[ ! -x "$testenv" ]]; then
  echo "packaging proof: kanto-testenv not found at $testenv: run \`make build\` in $repo_root first" >&2
  exit 1
fi

# blocks LANG prints every ```LANG block of README.md, each ended by a NUL.
blocks() {
  awk -v lang="$1" '
    $0 == "```" lang { inside = 1; next }
    inside && $0 == "```" { inside = 0; printf "%c", 0; next }
    inside { print }
  ' "$sdk_dir/README.md"
}

# The SDK's version, read from its pom (the first <version> is the project's).
version="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$sdk_dir/pom.xml" | head -n1)"
[[ -n "$version" ]] || { echo "packaging proof: no version in $sdk_dir/pom.xml" >&2; exit 1; }

ran=0
while IFS= read -r -d '' block; do
  echo "packaging proof: README.md's install command: $block"
  (cd "$repo_root" && bash -euo pipefail -c "$block")
  ran=$((ran + 1))
done < <(blocks sh)
[[ "$ran" -gt 0 ]] || { echo "packaging proof: README.md has no \`\`\`sh block to install with" >&2; exit 1; }

dependency="$(blocks xml | tr -d '\0')"
if [[ "$dependency" != *"<artifactId>kanto-sdk</artifactId>"* || "$dependency" != *"<version>$version</version>"* ]]; then
  echo "packaging proof: README.md's \`\`\`xml block is not the dependency on dev.kanto:kanto-sdk:$version:" >&2
  echo "$dependency" >&2
  exit 1
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/kanto-java-proof.XXXXXX")"
testenv_pid=""
testenv_in=""
cleanup() {
  if [[ -n "$testenv_in" ]]; then
    exec {testenv_in}>&- # closing its stdin stops kanto-testenv and its services
  fi
  if [[ -n "$testenv_pid" ]]; then
    wait "$testenv_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/app/src/main/java/app"
cat >"$work/app/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 http://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>example</groupId>
  <artifactId>kanto-sdk-user</artifactId>
  <version>1.0.0</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencies>
$dependency
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-resources-plugin</artifactId>
        <version>3.3.1</version>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>3.14.0</version>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-dependency-plugin</artifactId>
        <version>3.8.1</version>
      </plugin>
    </plugins>
  </build>
</project>
POM
cat >"$work/app/src/main/java/app/Main.java" <<'JAVA'
package app;

import dev.kanto.pokedex.v1.GetPokemonRequest;
import dev.kanto.pokedex.v1.Pokemon;
import dev.kanto.pokedex.v1.PokemonClient;
import dev.kanto.sdk.KantoClient;

public final class Main {
  public static void main(String[] args) {
    try (KantoClient kanto =
        KantoClient.builder().target(PokemonClient.SERVICE_INFO.name(), args[0]).insecure().build()) {
      Pokemon pokemon =
          kanto.pokemon().getPokemon(GetPokemonRequest.newBuilder().setId(25).build()).getPokemon();
      System.out.println("Pokemon #" + pokemon.getId() + " is " + pokemon.getName());
    }
  }
}
JAVA

echo "packaging proof: building a new project that depends on it, in $work/app"
mvn "${mvn_flags[@]}" -f "$work/app/pom.xml" compile dependency:build-classpath \
  -Dmdep.outputFile="$work/classpath.txt"
classpath="$work/app/target/classes:$(cat "$work/classpath.txt")"

echo "packaging proof: starting $testenv"
# Its stdin is a FIFO this script holds open; its stdout, one JSON line.
mkfifo "$work/testenv.in"
"$testenv" <"$work/testenv.in" >"$work/testenv.out" 2>"$work/testenv.log" &
testenv_pid=$!
exec {testenv_in}>"$work/testenv.in"
line=""
for _ in $(seq 900); do # up to 90 seconds
  line="$(head -n1 "$work/testenv.out" 2>/dev/null || true)"
  [[ "$line" == *"}"* ]] && break
  kill -0 "$testenv_pid" 2>/dev/null || break
  sleep 0.1
done
if [[ "$line" != *"}"* ]]; then
  echo "packaging proof: kanto-testenv did not start:" >&2
  cat "$work/testenv.log" >&2
  exit 1
fi
target_of() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" <<<"$line"; }
pokedex="$(target_of kanto.pokedex.v1.PokemonService)"
routeplanner="$(target_of kanto.routeplanner.v1.RoutePlannerService)"
[[ -n "$pokedex" && -n "$routeplanner" ]] || { echo "packaging proof: no targets in: $line" >&2; exit 1; }

failed=0
check() {
  local what="$1" want="$2" got
  shift 2
  # shellcheck disable=SC2053 # want is a glob pattern
  if ! got="$("$@" 2>"$work/run.err")"; then
    echo "packaging proof: FAIL: $what exited non-zero:" >&2
    cat "$work/run.err" >&2
    failed=1
  elif [[ "$got" != $want ]]; then
    echo "packaging proof: FAIL: $what printed '$got', want '$want'" >&2
    failed=1
  else
    echo "packaging proof: ok: $what printed '$got'"
  fi
}
check "the user's own Main" "$want" java -cp "$classpath" app.Main "$pokedex"
check "examples.GetPokemon (address argument)" "$want" java -cp "$classpath" dev.kanto.sdk.examples.GetPokemon "$pokedex"
check "examples.GetPokemon (KANTO_POKEDEX_ADDR)" "$want" env KANTO_POKEDEX_ADDR="$pokedex" java -cp "$classpath" dev.kanto.sdk.examples.GetPokemon
# The streaming example: the first best route from Pallet Town to Cerulean City.
check "examples.WatchRoutes" "update 1: Pallet Town -> * -> Cerulean City: *" \
  java -cp "$classpath" dev.kanto.sdk.examples.WatchRoutes "$routeplanner" 1

echo "packaging proof: building the SDK against a copy of gen/java given as KANTO_GEN_DIR"
# `buf generate` alone writes such a tree: the schema revision is generated
# code (dev.kanto.sdk.KantoSchema), not a file that another step adds.
cp -R "$repo_root/gen/java" "$work/gen-java"
alt_classpath="$(KANTO_GEN_DIR="$work/gen-java" "$sdk_dir/scripts/build-classpath.sh" "$work/alt")"
[[ "$alt_classpath" == "$(cat "$work/alt/classpath.txt")" ]] || { echo "packaging proof: classpath.txt differs from the printed classpath" >&2; failed=1; }
cat >"$work/UserClient.java" <<'JAVA'
import dev.kanto.pokedex.v1.ListPokemonRequest;
import dev.kanto.pokedex.v1.Pokemon;
import dev.kanto.sdk.KantoClient;
import java.util.List;

/** A program of the user's, outside the SDK: args are service=target pairs. */
public final class UserClient {
  public static void main(String[] args) {
    KantoClient.Builder builder = KantoClient.builder().insecure();
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      builder.target(kv[0], kv[1]);
    }
    try (KantoClient kanto = builder.build()) {
      List<String> names =
          kanto.pokemon().listPokemonItems(ListPokemonRequest.newBuilder().setPageSize(100).build())
              .stream()
              .map(Pokemon::getName)
              .toList();
      System.out.println(names.size() + " species, from " + names.get(0));
    }
  }
}
JAVA
# Compiled first rather than launched as a source file, so that the JVM
# making the calls is not also busy compiling on a loaded machine.
javac --release 17 -d "$work/user" -cp "$alt_classpath" "$work/UserClient.java"
check "a program on the KANTO_GEN_DIR build" "1025 species, from Bulbasaur" \
  java -cp "$work/user:$alt_classpath" UserClient \
  "kanto.pokedex.v1.PokemonService=$pokedex" "kanto.routeplanner.v1.RoutePlannerService=$routeplanner"
exit "$failed"
