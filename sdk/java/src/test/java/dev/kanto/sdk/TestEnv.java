package dev.kanto.sdk;

import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * TestEnv is a running kanto-testenv: the Kanto services on free loopback ports, started for a test
 * class and stopped by {@link #close()} (which closes the launcher's stdin).
 *
 * <p>The launcher is {@code $KANTO_TESTENV}, by default {@code <repo>/.build/bin/kanto-testenv};
 * without it the tests fail and say to run {@code make build}. The services' logs go to {@code
 * target/kanto-testenv-<name>.log}.
 */
public final class TestEnv implements AutoCloseable {
  private static final long START_TIMEOUT_SECONDS = 90;

  private final Process process;
  private final JsonObject addresses;
  private final Path log;

  private TestEnv(Process process, JsonObject addresses, Path log) {
    this.process = process;
    this.addresses = addresses;
    this.log = log;
  }

  /** Starts every service with its defaults. */
  public static TestEnv start(String name) {
    return start(name, Map.of());
  }

  /**
   * Starts every service; {@code env} is added to the services' environment, for example {@code
   * KANTO_POKEDEX_FAULTS} to inject faults.
   */
  public static TestEnv start(String name, Map<String, String> env) {
    Path bin = launcher();
    Path log = Path.of("target", "kanto-testenv-" + name + ".log").toAbsolutePath();
    Process process;
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder pb = new ProcessBuilder(List.of(bin.toString()));
      pb.environment().putAll(env);
      pb.redirectError(ProcessBuilder.Redirect.to(log.toFile()));
      process = pb.start();
    } catch (IOException e) {
      return fail("cannot start " + bin + ": " + e);
    }
    CompletableFuture<String> firstLine =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
              } catch (IOException e) {
                return null;
              }
            });
    String line;
    try {
      line = firstLine.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      line = null;
    }
    if (line == null || !line.startsWith("{")) {
      process.destroyForcibly();
      return fail(
          "kanto-testenv ("
              + bin
              + ") did not report its addresses; see "
              + log
              + ": "
              + tail(log));
    }
    return new TestEnv(process, JsonParser.parseString(line).getAsJsonObject(), log);
  }

  private static Path launcher() {
    String env = System.getenv("KANTO_TESTENV");
    Path bin =
        env != null && !env.isBlank()
            ? Path.of(env)
            : repoRoot().resolve(".build").resolve("bin").resolve("kanto-testenv");
    if (!Files.isExecutable(bin)) {
      fail(
          "kanto-testenv not found at "
              + bin
              + ": run `make build` in the repository root first (or set KANTO_TESTENV)");
    }
    return bin;
  }

  /** Returns the repository root: the {@code kanto.repoRoot} property Maven sets, or ../.. */
  public static Path repoRoot() {
    String prop = System.getProperty("kanto.repoRoot");
    Path root = prop != null ? Path.of(prop) : Path.of("..", "..");
    return root.toAbsolutePath().normalize();
  }

  /**
   * Returns the address of every service, by full name: kanto-testenv's {@code targets}, so that
   * no test lists the services by hand.
   */
  public Map<String, String> targets() {
    if (!addresses.has("targets")) {
      fail("kanto-testenv did not report its targets: " + addresses);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> e : addresses.getAsJsonObject("targets").entrySet()) {
      out.put(e.getKey(), e.getValue().getAsString());
    }
    return out;
  }

  /** Returns the address of one service, by its full name. */
  public String target(String service) {
    String t = targets().get(service);
    if (t == null) {
      fail("kanto-testenv did not start " + service + ": " + addresses);
    }
    return t;
  }

  /**
   * Returns the directory where kanto-testenv writes each service's JSON log as it runs, as {@code
   * <name>.log} ({@code pokedex.log}, ...).
   */
  public Path logDir() {
    return Path.of(address("log_dir"));
  }

  /** Returns the Pokédex curator token. */
  public String curatorToken() {
    return address("curator_token");
  }

  private String address(String key) {
    if (!addresses.has(key)) {
      fail("kanto-testenv did not report " + key + ": " + addresses);
    }
    return addresses.get(key).getAsString();
  }

  /**
   * Returns a builder for a plaintext client of every service of this testenv, each at its target,
   * without a token.
   */
  public KantoClient.Builder clientBuilder() {
    KantoClient.Builder b = KantoClient.builder().insecure();
    targets().forEach(b::target);
    return b;
  }

  /** Stops the services: closing stdin tells kanto-testenv to shut them down. */
  @Override
  public void close() {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // Already closed: the process is going away anyway.
    }
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  @Override
  public String toString() {
    return "kanto-testenv " + addresses + " (log " + log + ")";
  }
}
