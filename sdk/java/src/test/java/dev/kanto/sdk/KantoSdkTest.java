package dev.kanto.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The version, schema revision and user agent the SDK reports. */
class KantoSdkTest {
  private static final String SEMVER =
      "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z.-]+)?";

  @Test
  void versionIsTheReleaseVersion() throws IOException {
    assertTrue(KantoSdk.VERSION.matches(SEMVER), KantoSdk.VERSION);
    // The root VERSION file chooses it; scripts/version.py writes it into the pom, from which
    // Maven filters it into kanto-sdk.properties.
    String release = Files.readString(TestEnv.repoRoot().resolve("VERSION")).strip();
    assertEquals(release, KantoSdk.VERSION);
  }

  @Test
  void schemaRevisionIsTheGeneratedOne() throws IOException {
    assertTrue(KantoSdk.SCHEMA_REVISION.matches("[0-9a-f]{12}"), KantoSdk.SCHEMA_REVISION);
    assertEquals(KantoSchema.REVISION, KantoSdk.SCHEMA_REVISION);
    // The servers' registry, from the same protoc-gen-kanto run over proto/: the services log a
    // caller's revision against it.
    Path registry =
        TestEnv.repoRoot().resolve("gen/goserver/kantoregistry/kantoregistry.kanto.go");
    Matcher m =
        Pattern.compile("^const SchemaRevision = \"([^\"]*)\"$", Pattern.MULTILINE)
            .matcher(Files.readString(registry));
    assertTrue(m.find(), registry + " declares no SchemaRevision");
    assertEquals(m.group(1), KantoSdk.SCHEMA_REVISION);
  }

  @Test
  void userAgentHasTheFormEverySdkSends() {
    assertEquals("kanto-sdk-java", KantoSdk.NAME);
    assertEquals(
        "kanto-sdk-java/" + KantoSdk.VERSION + " kanto-schema/" + KantoSdk.SCHEMA_REVISION,
        KantoSdk.USER_AGENT);
    assertTrue(
        KantoSdk.USER_AGENT.matches("kanto-sdk-java/" + SEMVER + " kanto-schema/[0-9a-f]{12}"),
        KantoSdk.USER_AGENT);
  }

  @Test
  void applicationUserAgentGoesInFront() {
    assertEquals(
        "myapp/2 kanto-sdk-java/"
            + KantoSdk.VERSION
            + " kanto-schema/"
            + KantoSdk.SCHEMA_REVISION,
        KantoSdk.userAgent("myapp/2"));
    assertEquals("myapp/2 " + KantoSdk.USER_AGENT, KantoSdk.userAgent("  myapp/2 "));
    assertEquals(
        "myapp/2 (linux) " + KantoSdk.USER_AGENT, KantoSdk.userAgent("myapp/2 (linux)"));
    assertEquals(KantoSdk.USER_AGENT, KantoSdk.userAgent(null));
    assertEquals(KantoSdk.USER_AGENT, KantoSdk.userAgent(" "));
  }
}
