#!/usr/bin/env bash
# packaging-proof.sh proves the Java SDK works the way a user gets it: it
# installs dev.kanto:kanto-sdk into the local Maven repository, generates a
# brand-new Maven project in a temporary directory that depends on it,
# compiles that project's own Main against the SDK, and runs both that Main
# and the SDK's dev.kanto.sdk.examples.GetPokemon against a live
# kanto-testenv, checking that each prints "Pokemon #25 is Pikachu"; then the
# streaming example, dev.kanto.sdk.examples.WatchRoutes, for one update.
#
# Needs `make build` first (or KANTO_TESTENV pointing at kanto-testenv).
set -euo pipefail

sdk_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$sdk_dir/../.." && pwd)"
testenv="${KANTO_TESTENV:-$repo_root/.build/bin/kanto-testenv}"
want="Pokemon #25 is Pikachu"
mvn_flags=(-B -q -ntp)

if [[ ! -x "$testenv" ]]; then
  echo "packaging proof: kanto-testenv not found at $testenv: run \`make build\` in $repo_root first" >&2
  exit 1
fi

# The SDK's version, read from its pom (the first <version> is the project's).
version="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$sdk_dir/pom.xml" | head -n1)"
[[ -n "$version" ]] || { echo "packaging proof: no version in $sdk_dir/pom.xml" >&2; exit 1; }

echo "packaging proof: mvn install of dev.kanto:kanto-sdk:$version"
mvn "${mvn_flags[@]}" -f "$sdk_dir/pom.xml" install -DskipTests

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
    <dependency>
      <groupId>dev.kanto</groupId>
      <artifactId>kanto-sdk</artifactId>
      <version>$version</version>
    </dependency>
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

import dev.kanto.pokedex.v1.Pokemon;
import dev.kanto.sdk.KantoClient;

public final class Main {
  public static void main(String[] args) {
    try (KantoClient kanto = KantoClient.builder().pokedexTarget(args[0]).plaintext().build()) {
      Pokemon pokemon = kanto.pokedex().getPokemon(25);
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
pokedex="$(sed -n 's/.*"pokedex":"\([^"]*\)".*/\1/p' <<<"$line")"
[[ -n "$pokedex" ]] || { echo "packaging proof: no pokedex address in: $line" >&2; exit 1; }

failed=0
check() {
  local what="$1" got
  shift
  if ! got="$("$@" 2>"$work/run.err")"; then
    echo "packaging proof: FAIL: $what exited non-zero:" >&2
    cat "$work/run.err" >&2
    failed=1
  elif [[ "$got" != "$want" ]]; then
    echo "packaging proof: FAIL: $what printed '$got', want '$want'" >&2
    failed=1
  else
    echo "packaging proof: ok: $what printed '$got'"
  fi
}
check "the user's own Main" java -cp "$classpath" app.Main "$pokedex"
check "examples.GetPokemon (address argument)" java -cp "$classpath" dev.kanto.sdk.examples.GetPokemon "$pokedex"
check "examples.GetPokemon (KANTO_POKEDEX_ADDR)" env KANTO_POKEDEX_ADDR="$pokedex" java -cp "$classpath" dev.kanto.sdk.examples.GetPokemon

# The streaming example: the first best route from Pallet Town to Cerulean City.
routeplanner="$(sed -n 's/.*"routeplanner":"\([^"]*\)".*/\1/p' <<<"$line")"
if ! got="$(java -cp "$classpath" dev.kanto.sdk.examples.WatchRoutes "$routeplanner" 1 2>"$work/run.err")"; then
  echo "packaging proof: FAIL: examples.WatchRoutes exited non-zero:" >&2
  cat "$work/run.err" >&2
  failed=1
elif [[ "$got" != "update 1: Pallet Town -> "*" -> Cerulean City: "* ]]; then
  echo "packaging proof: FAIL: examples.WatchRoutes printed '$got'" >&2
  failed=1
else
  echo "packaging proof: ok: examples.WatchRoutes printed '$got'"
fi
exit "$failed"
