package dev.kanto.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ServiceConfigsTest {

  @ParameterizedTest
  @EnumSource(KantoService.class)
  void shippedConfigIsTheGeneratedFile(KantoService service) throws IOException {
    String file =
        switch (service) {
          case POKEDEX -> "pokedex.json";
          case ROUTE_PLANNER -> "routeplanner.json";
          case EXPEDITION -> "expedition.json";
        };
    Path generated = TestEnv.repoRoot().resolve("gen/java/dev/kanto/serviceconfig").resolve(file);
    assertEquals(ServiceConfigs.parse(Files.readString(generated)), service.serviceConfig());
  }

  @ParameterizedTest
  @EnumSource(KantoService.class)
  void everyMethodConfigNamesItsOwnService(KantoService service) {
    List<?> methodConfigs = (List<?>) service.serviceConfig().get("methodConfig");
    assertTrue(!methodConfigs.isEmpty());
    for (Object mc : methodConfigs) {
      for (Object name : (List<?>) ((Map<?, ?>) mc).get("name")) {
        assertEquals(service.fullName(), ((Map<?, ?>) name).get("service"));
      }
    }
  }

  @Test
  void numbersAreDoubles() {
    Map<?, ?> getPokemon =
        (Map<?, ?>) ((List<?>) ServiceConfigs.pokedex().get("methodConfig")).get(0);
    Map<?, ?> retry = (Map<?, ?>) getPokemon.get("retryPolicy");
    assertInstanceOf(Double.class, retry.get("maxAttempts"));
    assertInstanceOf(String.class, retry.get("initialBackoff"));
  }

  @Test
  void parseRejectsNonObjects() {
    assertThrows(IllegalStateException.class, () -> ServiceConfigs.parse("[1, 2]"));
    assertThrows(IllegalStateException.class, () -> ServiceConfigs.parse("{"));
  }

  @Test
  void parseKeepsEveryJsonType() {
    Map<String, ?> m = ServiceConfigs.parse("{\"a\": [1, \"x\", true, null, {\"b\": 2.5}]}");
    List<?> a = (List<?>) m.get("a");
    assertEquals(1.0, a.get(0));
    assertEquals("x", a.get(1));
    assertEquals(true, a.get(2));
    assertEquals(null, a.get(3));
    assertEquals(Map.of("b", 2.5), a.get(4));
  }

  @Test
  void grpcAcceptsEveryShippedConfig() {
    // ManagedChannelImpl rejects an invalid default service config when it is built.
    KantoClient.builder().plaintext().build().close();
  }

  @Test
  void missingResourceFails() {
    assertThrows(IllegalStateException.class, () -> ServiceConfigs.load("nope.json"));
  }
}
