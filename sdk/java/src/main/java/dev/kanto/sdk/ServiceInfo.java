package dev.kanto.sdk;

import java.util.Objects;

/**
 * ServiceInfo describes one service of the schema to the runtime: the generated code declares one
 * per service ({@code PokemonClient.SERVICE_INFO}), and the umbrella client lists them all ({@code
 * KantoClient.SERVICES}, the SDK's service registry).
 *
 * @param name the service's full protobuf name, such as {@code kanto.pokedex.v1.PokemonService}
 * @param defaultTarget the service's {@code google.api.default_host} in the schema: where it
 *     listens unless told otherwise; empty if the schema names none, and then a client needs a
 *     target
 * @param serviceConfig the service's gRPC service config as JSON: the per-method timeouts and
 *     retry policies of its package's {@code service_config.json}
 */
public record ServiceInfo(String name, String defaultTarget, String serviceConfig) {
  /**
   * Checks the components.
   *
   * @throws IllegalArgumentException if the name is blank
   */
  public ServiceInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(defaultTarget, "defaultTarget");
    Objects.requireNonNull(serviceConfig, "serviceConfig");
    if (name.isBlank()) {
      throw new IllegalArgumentException("blank service name");
    }
  }
}
