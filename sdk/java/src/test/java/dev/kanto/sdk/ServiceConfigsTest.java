package dev.kanto.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kanto.pokedex.v1.PokemonClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The service configs the generated clients embed, and their conversion for grpc-java. */
class ServiceConfigsTest {

  static Stream<ServiceInfo> services() {
    return KantoClient.SERVICES.stream();
  }

  /**
   * The schema's service_config.json of the service's package: proto/<package path>/, as buf's
   * PACKAGE_DIRECTORY_MATCH places every package.
   */
  private static Path schemaFile(ServiceInfo service) {
    String pkg = service.name().substring(0, service.name().lastIndexOf('.'));
    return TestEnv.repoRoot()
        .resolve("proto")
        .resolve(pkg.replace('.', '/'))
        .resolve("service_config.json");
  }

  @ParameterizedTest
  @MethodSource("services")
  void embeddedConfigIsTheSchemasFile(ServiceInfo service) throws IOException {
    Map<String, ?> schema = ServiceConfigs.parse(Files.readString(schemaFile(service)));
    Map<String, ?> embedded = ServiceConfigs.parse(service.serviceConfig());
    assertEquals(schema, embedded, service.name());
  }

  @ParameterizedTest
  @MethodSource("services")
  void everyMethodConfigNamesItsOwnService(ServiceInfo service) {
    List<?> methodConfigs =
        (List<?>) ServiceConfigs.parse(service.serviceConfig()).get("methodConfig");
    assertTrue(!methodConfigs.isEmpty());
    for (Object mc : methodConfigs) {
      for (Object name : (List<?>) ((Map<?, ?>) mc).get("name")) {
        assertEquals(service.name(), ((Map<?, ?>) name).get("service"));
      }
    }
  }

  @Test
  void numbersAreDoubles() {
    Map<?, ?> getPokemon =
        (Map<?, ?>)
            ((List<?>)
                    ServiceConfigs.parse(PokemonClient.SERVICE_INFO.serviceConfig())
                        .get("methodConfig"))
                .get(0);
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
  void grpcAcceptsEveryEmbeddedConfig() {
    // ManagedChannelImpl rejects an invalid default service config when it is built.
    KantoClient.builder().insecure().build().close();
  }
}
