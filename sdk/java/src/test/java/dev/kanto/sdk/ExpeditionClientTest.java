package dev.kanto.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kanto.expedition.v1.ExpeditionClient;
import dev.kanto.expedition.v1.ExpeditionPlan;
import dev.kanto.expedition.v1.PlanExpeditionRequest;
import dev.kanto.expedition.v1.StreamExpeditionRequest;
import dev.kanto.expedition.v1.StreamExpeditionResponse;
import dev.kanto.geo.v1.PlaceRef;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated ExpeditionClient against a live expedition planner. */
class ExpeditionClientTest {
  private static TestEnv env;
  private static KantoClient kanto;

  @BeforeAll
  static void start() {
    env = TestEnv.start("expedition-client");
    kanto = env.clientBuilder().build();
  }

  @AfterAll
  static void stop() {
    if (kanto != null) {
      kanto.close();
    }
    if (env != null) {
      env.close();
    }
  }

  private static PlaceRef place(String id) {
    return PlaceRef.newBuilder().setPlaceId(id).build();
  }

  @Test
  void planAndStreamAnExpedition() {
    assertTrue(
        env.targets().containsKey(ExpeditionClient.SERVICE_INFO.name()),
        "kanto-testenv reported no expedition service: " + env.targets());
    PlanExpeditionRequest plan =
        PlanExpeditionRequest.newBuilder()
            .setOrigin(place("pallet-town"))
            .setDestination(place("viridian-city"))
            .setMaxRoutes(2)
            .build();
    List<ExpeditionPlan> plans = kanto.expedition().planExpedition(plan).getPlansList();
    assertFalse(plans.isEmpty());
    assertEquals(0, plans.get(0).getRank());

    StreamExpeditionRequest stream =
        StreamExpeditionRequest.newBuilder()
            .setOrigin(place("pallet-town"))
            .setDestination(place("viridian-city"))
            .setMaxRoutes(2)
            .build();
    try (ServerStream<StreamExpeditionResponse> plansStream =
        kanto.expedition().withTimeout(Duration.ofSeconds(10)).streamExpedition(stream)) {
      assertEquals(plans.size(), plansStream.stream().count());
    }
  }
}
