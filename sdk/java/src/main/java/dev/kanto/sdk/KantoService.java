package dev.kanto.sdk;

import dev.kanto.expedition.v1.ExpeditionServiceGrpc;
import dev.kanto.pokedex.v1.PokemonServiceGrpc;
import dev.kanto.routeplanner.v1.RoutePlannerServiceGrpc;
import java.util.Map;

/** KantoService names the Kanto services a {@link KantoClient} talks to. */
public enum KantoService {
  /** The Pokédex, {@code kanto.pokedex.v1.PokemonService}; served on 127.0.0.1:50051 by default. */
  POKEDEX(PokemonServiceGrpc.SERVICE_NAME, "pokedex.json", "127.0.0.1:50051"),
  /**
   * The route planner, {@code kanto.routeplanner.v1.RoutePlannerService}; served on 127.0.0.1:50052
   * by default.
   */
  ROUTE_PLANNER(RoutePlannerServiceGrpc.SERVICE_NAME, "routeplanner.json", "127.0.0.1:50052"),
  /**
   * The expedition planner, {@code kanto.expedition.v1.ExpeditionService}; served on
   * 127.0.0.1:50053 by default.
   */
  EXPEDITION(ExpeditionServiceGrpc.SERVICE_NAME, "expedition.json", "127.0.0.1:50053");

  private final String fullName;
  private final String serviceConfigFile;
  private final String defaultTarget;

  KantoService(String fullName, String serviceConfigFile, String defaultTarget) {
    this.fullName = fullName;
    this.serviceConfigFile = serviceConfigFile;
    this.defaultTarget = defaultTarget;
  }

  /**
   * Returns the full protobuf service name, for example {@code kanto.pokedex.v1.PokemonService}.
   */
  public String fullName() {
    return fullName;
  }

  /**
   * Returns the address the service listens on when started with its defaults ({@code make run}).
   */
  public String defaultTarget() {
    return defaultTarget;
  }

  /**
   * Returns the service's gRPC service config, as shipped with the SDK (see {@link
   * ServiceConfigs}).
   */
  public Map<String, ?> serviceConfig() {
    return ServiceConfigs.load(serviceConfigFile);
  }
}
