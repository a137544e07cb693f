package dev.kanto.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.kanto.pokedex.v1.GetPokemonRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The user agent as the services see it: a call's "rpc" log line in the Pokédex's log names the
 * SDK, its version and the schema revision, parsed from the user agent the SDK sent.
 */
class UserAgentTest {
  private static final long LOG_WAIT_MILLIS = 10_000;

  private static TestEnv env;

  @BeforeAll
  static void start() {
    env = TestEnv.start("user-agent");
  }

  @AfterAll
  static void stop() {
    if (env != null) {
      env.close();
    }
  }

  @Test
  void servicesLogTheSdkAndSchemaRevision() {
    JsonObject line;
    try (KantoClient kanto = env.clientBuilder().build()) {
      line = callAndFindLogLine(kanto);
    }
    assertSdkFields(line);
    String ua = line.get("user_agent").getAsString();
    assertTrue(ua.startsWith(KantoSdk.USER_AGENT + " "), ua);
    assertTrue(ua.contains("grpc-java"), ua); // grpc-java's own token follows ours
  }

  @Test
  void applicationUserAgentGoesInFront() {
    JsonObject line;
    try (KantoClient kanto =
        env.clientBuilder()
            .userAgent("kanto-java-test/2.1")
            // A customizer cannot drop the SDK's token: the SDK sets the user agent last.
            .channelCustomizer(b -> b.userAgent("customizer/0"))
            .build()) {
      line = callAndFindLogLine(kanto);
    }
    assertSdkFields(line);
    String ua = line.get("user_agent").getAsString();
    assertTrue(ua.startsWith("kanto-java-test/2.1 " + KantoSdk.USER_AGENT + " "), ua);
    assertFalse(ua.contains("customizer/0"), ua);
  }

  private static void assertSdkFields(JsonObject line) {
    assertEquals(
        "/kanto.pokedex.v1.PokemonService/GetPokemon", string(line, "method"), line.toString());
    assertEquals("kanto-sdk-java", string(line, "sdk"), line.toString());
    assertEquals(KantoSdk.VERSION, string(line, "sdk_version"), line.toString());
    assertEquals(KantoSdk.SCHEMA_REVISION, string(line, "schema_revision"), line.toString());
    assertFalse(line.has("schema_skew"), line.toString());
  }

  private static String string(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e == null || e.isJsonNull() ? null : e.getAsString();
  }

  /**
   * Calls GetPokemon(25) with a unique request id and returns the Pokédex's "rpc" log line of that
   * call, waiting up to {@link #LOG_WAIT_MILLIS} for it to be written.
   */
  private static JsonObject callAndFindLogLine(KantoClient kanto) {
    String requestId = "java-ua-" + UUID.randomUUID();
    assertEquals(
        "Pikachu",
        kanto
            .pokemon()
            .withHeader("x-request-id", requestId)
            .getPokemon(GetPokemonRequest.newBuilder().setId(25).build())
            .getPokemon()
            .getName());
    Path log = env.logDir().resolve("pokedex.log");
    long deadline = System.nanoTime() + LOG_WAIT_MILLIS * 1_000_000;
    while (true) {
      JsonObject line = findRpcLine(log, requestId);
      if (line != null) {
        return line;
      }
      if (System.nanoTime() - deadline > 0) {
        return fail(
            "no \"rpc\" line with request_id "
                + requestId
                + " in "
                + log
                + " after "
                + LOG_WAIT_MILLIS
                + " ms");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return fail("interrupted");
      }
    }
  }

  private static JsonObject findRpcLine(Path log, String requestId) {
    String text;
    try {
      text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null; // not created yet
    }
    for (String raw : text.split("\n")) {
      JsonObject line;
      try {
        JsonElement e = JsonParser.parseString(raw);
        if (!e.isJsonObject()) {
          continue;
        }
        line = e.getAsJsonObject();
      } catch (JsonParseException e) {
        continue; // not JSON, or a line still being written
      }
      if ("rpc".equals(string(line, "msg")) && requestId.equals(string(line, "request_id"))) {
        return line;
      }
    }
    return null;
  }
}
