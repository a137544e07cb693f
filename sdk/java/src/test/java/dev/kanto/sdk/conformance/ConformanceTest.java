package dev.kanto.sdk.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.kanto.sdk.BidiStream;
import dev.kanto.sdk.ClientStream;
import dev.kanto.sdk.FieldViolation;
import dev.kanto.sdk.KantoClient;
import dev.kanto.sdk.KantoException;
import dev.kanto.sdk.KantoMethod;
import dev.kanto.sdk.ServerStream;
import dev.kanto.sdk.ServiceClient;
import dev.kanto.sdk.TestEnv;
import io.grpc.Metadata;
import io.grpc.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

/**
 * ConformanceTest replays the shared conformance vectors (sdk/conformance/vectors, see its README)
 * through the SDK's generated clients against a fresh kanto-testenv: one test per vector, named by
 * the vector, files in name order and vectors in file order. It dispatches through the generated
 * method tables (the umbrella's clients and their {@code methods()}), so no method is listed here.
 *
 * <p>The vectors directory can be overridden with the {@code kanto.conformance.vectors} system
 * property or the {@code KANTO_CONFORMANCE_VECTORS} environment variable.
 */
class ConformanceTest {
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().alwaysPrintFieldsWithNoPresence().omittingInsignificantWhitespace();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser();

  private static TestEnv env;
  private static KantoClient kanto;

  @BeforeAll
  static void startServices() {
    env = TestEnv.start("conformance");
    kanto = env.clientBuilder().build(); // no token: vectors that need one carry it
  }

  @AfterAll
  static void stopServices() {
    if (kanto != null) {
      kanto.close();
    }
    if (env != null) {
      env.close();
    }
  }

  @TestFactory
  List<DynamicTest> vectors() throws IOException {
    Path dir = vectorsDir();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertTrue(!files.isEmpty(), "no vector files in " + dir);
    List<DynamicTest> tests = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Path file : files) {
      JsonObject root =
          JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
      assertNotNull(root.get("vectors"), file + " has no \"vectors\" array");
      for (JsonElement e : root.getAsJsonArray("vectors")) {
        JsonObject vector = e.getAsJsonObject();
        String name = vector.get("name").getAsString();
        if (!names.add(name)) {
          tests.add(DynamicTest.dynamicTest(name, () -> fail("duplicate vector name " + name)));
          continue;
        }
        tests.add(DynamicTest.dynamicTest(name, () -> runNamed(name, vector)));
      }
    }
    return tests;
  }

  private static Path vectorsDir() {
    String dir = System.getProperty("kanto.conformance.vectors");
    if (dir == null || dir.isBlank()) {
      dir = System.getenv("KANTO_CONFORMANCE_VECTORS");
    }
    if (dir == null || dir.isBlank()) {
      return TestEnv.repoRoot().resolve("sdk").resolve("conformance").resolve("vectors");
    }
    return Path.of(dir);
  }

  /** What a call produced: its status, field violations and the messages received. */
  private record Outcome(
      Status.Code code,
      String description,
      List<FieldViolation> violations,
      List<Message> responses) {
    static Outcome ok(List<Message> responses) {
      return new Outcome(Status.Code.OK, "", List.of(), responses);
    }

    static Outcome failed(KantoException e, List<Message> responses) {
      return new Outcome(e.code(), e.getMessage(), e.fieldViolations(), responses);
    }

    @Override
    public String toString() {
      return "code "
          + code
          + (description.isEmpty() ? "" : " (" + description + ")")
          + ", responses "
          + responses.stream().map(ConformanceTest::json).toList();
    }
  }

  /** Runs a vector, naming it in the failure (Surefire's console shows dynamic tests by index). */
  private static void runNamed(String name, JsonObject v) throws InvalidProtocolBufferException {
    try {
      run(v);
    } catch (AssertionError e) {
      throw new AssertionFailedError("vector " + name + ": " + e.getMessage(), e);
    }
  }

  private static void run(JsonObject v) throws InvalidProtocolBufferException {
    String service = v.get("service").getAsString();
    String methodName = v.get("method").getAsString();
    ServiceClient<?> client =
        kanto.clients().stream()
            .filter(c -> c.serviceInfo().name().equals(service))
            .findFirst()
            .orElseThrow(
                () -> new AssertionFailedError("the Java SDK has no client of " + service));
    client = configure(client, v);
    KantoMethod<?, ?> method =
        client.methods().stream()
            .filter(m -> m.name().equals(methodName))
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionFailedError(
                        "the Java SDK has no method for " + service + "/" + methodName));
    String kind = v.get("kind").getAsString();
    assertEquals(method.kind().toString(), kind, "the vector's kind does not match " + methodName);
    Integer cancelAfter = v.has("cancel_after") ? v.get("cancel_after").getAsInt() : null;

    Outcome outcome =
        switch (method.kind()) {
          case UNARY -> unary(method, request(method, v.get("request")));
          case SERVER_STREAM ->
              serverStream(method, request(method, v.get("request")), cancelAfter);
          case CLIENT_STREAM -> clientStream(method, requests(method, v));
          case BIDI_STREAM -> bidiStream(method, requests(method, v), cancelAfter);
        };
    check(v.getAsJsonObject("expect"), outcome);
  }

  /** Returns the client with the vector's timeout and metadata. */
  private static ServiceClient<?> configure(ServiceClient<?> client, JsonObject v) {
    if (v.has("timeout_ms")) {
      client = client.withTimeout(Duration.ofMillis(v.get("timeout_ms").getAsLong()));
    }
    if (v.has("metadata")) {
      Metadata md = new Metadata();
      for (Map.Entry<String, JsonElement> e : v.getAsJsonObject("metadata").entrySet()) {
        String value = e.getValue().getAsString().replace("${CURATOR_TOKEN}", env.curatorToken());
        md.put(Metadata.Key.of(e.getKey(), Metadata.ASCII_STRING_MARSHALLER), value);
      }
      client = client.withHeaders(md);
    }
    return client;
  }

  private static Message request(KantoMethod<?, ?> method, JsonElement json)
      throws InvalidProtocolBufferException {
    Message.Builder b = method.newRequestBuilder();
    if (json != null) {
      PARSER.merge(json.toString(), b);
    }
    return b.build();
  }

  private static List<Message> requests(KantoMethod<?, ?> method, JsonObject v)
      throws InvalidProtocolBufferException {
    List<Message> out = new ArrayList<>();
    if (v.has("requests")) {
      for (JsonElement e : v.getAsJsonArray("requests")) {
        out.add(request(method, e));
      }
    }
    return out;
  }

  private static Outcome unary(KantoMethod<?, ?> m, Message request) {
    try {
      return Outcome.ok(List.of(m.unary(request)));
    } catch (KantoException e) {
      return Outcome.failed(e, List.of());
    }
  }

  private static Outcome serverStream(KantoMethod<?, ?> m, Message request, Integer cancelAfter) {
    List<Message> received = new ArrayList<>();
    try (ServerStream<? extends Message> stream = m.serverStream(request)) {
      while (stream.hasNext()) {
        received.add(stream.next());
        if (cancelAfter != null && received.size() == cancelAfter) {
          stream.cancel();
          // Read on to the call's end: what arrives after the cancellation is not counted.
          while (stream.hasNext()) {
            stream.next();
          }
          break;
        }
      }
      return Outcome.ok(received);
    } catch (KantoException e) {
      return Outcome.failed(e, received);
    }
  }

  private static <Q extends Message, R extends Message> Outcome clientStream(
      KantoMethod<Q, R> m, List<Message> requests) {
    try (ClientStream<Q, R> stream = m.clientStream()) {
      for (Message r : requests) {
        stream.send(m.request(r));
      }
      return Outcome.ok(List.of(stream.closeAndReceive()));
    } catch (KantoException e) {
      return Outcome.failed(e, List.of());
    }
  }

  private static <Q extends Message, R extends Message> Outcome bidiStream(
      KantoMethod<Q, R> m, List<Message> requests, Integer cancelAfter) {
    List<Message> received = new ArrayList<>();
    try (BidiStream<Q, R> stream = m.bidiStream()) {
      boolean cancelled = false;
      for (Message r : requests) {
        stream.send(m.request(r));
        Message response = stream.receive();
        if (response == null) {
          break; // the server ended the call early
        }
        received.add(response);
        if (cancelAfter != null && received.size() == cancelAfter) {
          stream.cancel();
          cancelled = true;
          break;
        }
      }
      if (!cancelled) {
        stream.closeSend();
      }
      for (Message r = stream.receive(); r != null; r = stream.receive()) {
        if (!cancelled) {
          received.add(r);
        }
      }
      return Outcome.ok(received);
    } catch (KantoException e) {
      return Outcome.failed(e, received);
    }
  }

  private static void check(JsonObject expect, Outcome got) {
    String code = expect.has("code") ? expect.get("code").getAsString() : "OK";
    assertEquals(code, got.code().name(), () -> "status code; got " + got);
    if (expect.has("field_violations")) {
      List<String> want = new ArrayList<>();
      for (JsonElement e : expect.getAsJsonArray("field_violations")) {
        JsonObject fv = e.getAsJsonObject();
        want.add(fv.get("field").getAsString() + " " + fv.get("rule_id").getAsString());
      }
      List<String> actual =
          got.violations().stream().map(fv -> fv.field() + " " + fv.reason()).toList();
      assertEquals(want, actual, "field violations (field rule_id)");
    }
    if (expect.has("response")) {
      assertEquals(1, got.responses().size(), () -> "want one response; got " + got);
      assertMatches(expect.get("response"), got.responses().get(0), "response");
    }
    if (expect.has("responses")) {
      List<JsonElement> want = expect.getAsJsonArray("responses").asList();
      assertEquals(want.size(), got.responses().size(), () -> "number of responses; got " + got);
      for (int i = 0; i < want.size(); i++) {
        assertMatches(want.get(i), got.responses().get(i), "responses[" + i + "]");
      }
    }
    if (expect.has("min_responses")) {
      int min = expect.get("min_responses").getAsInt();
      assertTrue(
          got.responses().size() >= min, () -> "want at least " + min + " responses; got " + got);
    }
  }

  private static void assertMatches(JsonElement matcher, Message message, String what) {
    String json = json(message);
    String mismatch = Matcher.mismatch(matcher, JsonParser.parseString(json));
    if (mismatch != null) {
      fail(what + " " + mismatch + "\n  got: " + json);
    }
  }

  private static String json(Message m) {
    try {
      return PRINTER.print(m);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }
}
