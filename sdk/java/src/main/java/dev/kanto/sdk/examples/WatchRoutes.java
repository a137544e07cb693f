package dev.kanto.sdk.examples;

import dev.kanto.geo.v1.PlaceRef;
import dev.kanto.routeplanner.v1.Route;
import dev.kanto.routeplanner.v1.RoutePlannerClient;
import dev.kanto.routeplanner.v1.WatchRoutesRequest;
import dev.kanto.routeplanner.v1.WatchRoutesResponse;
import dev.kanto.routeplanner.v1.Waypoint;
import dev.kanto.sdk.KantoClient;
import dev.kanto.sdk.KantoException;
import dev.kanto.sdk.ServerStream;
import io.grpc.Status;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * WatchRoutes is the streaming example: it follows the best route from Pallet Town to Cerulean City
 * and prints each new best route as road conditions change it.
 *
 * <p>Usage: {@code WatchRoutes [routeplanner-address [updates]]}; the address defaults to the
 * environment variable {@code KANTO_ROUTEPLANNER_ADDR}, then to the route planner's {@code
 * google.api.default_host}, {@code 127.0.0.1:50052}, and
 * updates (how many routes to wait for) to 2. It gives up after 30 seconds.
 */
public final class WatchRoutes {
  private WatchRoutes() {}

  /** Runs the example. */
  public static void main(String[] args) {
    String target =
        args.length > 0
            ? args[0]
            : GetPokemon.env(
                "KANTO_ROUTEPLANNER_ADDR", RoutePlannerClient.SERVICE_INFO.defaultTarget());
    int updates = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    WatchRoutesRequest request =
        WatchRoutesRequest.newBuilder()
            .setOrigin(PlaceRef.newBuilder().setPlaceId("pallet-town"))
            .setDestination(PlaceRef.newBuilder().setPlaceId("cerulean-city"))
            .setMaxUpdates(updates)
            .build();
    try (KantoClient kanto =
            KantoClient.builder()
                .target(RoutePlannerClient.SERVICE_INFO.name(), target)
                .insecure()
                .build();
        ServerStream<WatchRoutesResponse> stream =
            kanto.routePlanner().withTimeout(Duration.ofSeconds(30)).watchRoutes(request)) {
      int n = 0;
      for (WatchRoutesResponse update : stream) {
        n++;
        System.out.printf("update %d: %s%n", n, describe(update));
      }
    } catch (KantoException e) {
      if (e.code() == Status.Code.DEADLINE_EXCEEDED) {
        System.out.println("no further change within 30s");
        return;
      }
      System.err.println("WatchRoutes failed: " + e.getMessage());
      System.exit(1);
    }
  }

  private static String describe(WatchRoutesResponse update) {
    if (!update.hasRoute()) {
      return "no route open (" + update.getConditionsCount() + " conditions)";
    }
    Route route = update.getRoute();
    String path =
        route.getWaypointsList().stream()
            .map(Waypoint::getName)
            .collect(Collectors.joining(" -> "));
    Duration eta =
        Duration.ofSeconds(
            route.getEstimatedDuration().getSeconds(), route.getEstimatedDuration().getNanos());
    return String.format(
        "%s: %.1f km, about %d h %02d min (%d conditions in force)",
        path,
        route.getDistanceKm(),
        eta.toHours(),
        eta.toMinutesPart(),
        update.getConditionsCount());
  }
}
