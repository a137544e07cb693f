package dev.kanto.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import dev.kanto.geo.v1.Location;
import dev.kanto.geo.v1.PlaceRef;
import dev.kanto.routeplanner.v1.GetRoutesRequest;
import dev.kanto.routeplanner.v1.NavigateRequest;
import dev.kanto.routeplanner.v1.NavigateResponse;
import dev.kanto.routeplanner.v1.RecordTripRequest;
import dev.kanto.routeplanner.v1.RecordTripResponse;
import dev.kanto.routeplanner.v1.Route;
import dev.kanto.routeplanner.v1.WatchRoutesRequest;
import dev.kanto.routeplanner.v1.WatchRoutesResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated RoutePlannerClient, all four call shapes, against a live route planner. */
class RoutePlannerClientTest {
  private static final Location PALLET_TOWN = location(35.452, 139.06);
  private static final Location ROUTE_1 = location(35.584, 139.06);
  private static final Location VIRIDIAN_CITY = location(35.716, 139.06);

  private static TestEnv env;
  private static KantoClient kanto;

  @BeforeAll
  static void start() {
    env = TestEnv.start("routeplanner-client");
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

  private static Location location(double lat, double lng) {
    return Location.newBuilder().setLatitude(lat).setLongitude(lng).build();
  }

  private static PlaceRef place(String id) {
    return PlaceRef.newBuilder().setPlaceId(id).build();
  }

  private static WatchRoutesRequest watch(int maxUpdates) {
    return WatchRoutesRequest.newBuilder()
        .setOrigin(place("pallet-town"))
        .setDestination(place("cerulean-city"))
        .setMaxUpdates(maxUpdates)
        .build();
  }

  private static RecordTripRequest report(Location where, int minute) {
    return RecordTripRequest.newBuilder()
        .setLocation(where)
        .setRecordTime(Timestamp.newBuilder().setSeconds(1_767_261_600L + 60L * minute))
        .build();
  }

  private static List<String> placeIds(Route route) {
    return route.getWaypointsList().stream().map(w -> w.getPlace().getPlaceId()).toList();
  }

  @Test
  void getRoutes() throws Exception {
    GetRoutesRequest request =
        GetRoutesRequest.newBuilder()
            .setOrigin(place("pallet-town"))
            .setDestination(place("viridian-city"))
            .build();
    Route best = kanto.routePlanner().getRoutes(request).getRoutes(0);
    assertEquals(List.of("pallet-town", "route-1", "viridian-city"), placeIds(best));
    assertEquals(
        best, kanto.routePlanner().getRoutesAsync(request).get(10, TimeUnit.SECONDS).getRoutes(0));
  }

  @Test
  void watchRoutesEndsAfterMaxUpdates() {
    try (ServerStream<WatchRoutesResponse> stream =
        kanto.routePlanner().withTimeout(Duration.ofSeconds(10)).watchRoutes(watch(1))) {
      List<WatchRoutesResponse> all = stream.stream().toList();
      assertEquals(1, all.size());
      assertEquals(
          "cerulean-city",
          placeIds(all.get(0).getRoute()).get(placeIds(all.get(0).getRoute()).size() - 1));
      assertFalse(stream.hasNext());
    }
  }

  @Test
  void watchRoutesCancel() {
    ServerStream<WatchRoutesResponse> stream =
        kanto.routePlanner().withTimeout(Duration.ofSeconds(10)).watchRoutes(watch(0));
    assertTrue(stream.next().hasRoute());
    stream.cancel();
    KantoException e =
        assertThrows(
            KantoException.class,
            () -> {
              while (stream.hasNext()) {
                stream.next();
              }
            });
    assertEquals(Status.Code.CANCELLED, e.code());
    stream.close();
  }

  @Test
  void watchRoutesDeadline() {
    try (ServerStream<WatchRoutesResponse> stream =
        kanto.routePlanner().withTimeout(Duration.ofMillis(500)).watchRoutes(watch(0))) {
      KantoException e =
          assertThrows(
              KantoException.class,
              () -> {
                while (stream.hasNext()) {
                  stream.next();
                }
              });
      assertEquals(Status.Code.DEADLINE_EXCEEDED, e.code());
    }
  }

  @Test
  void streamsGetNoDefaultDeadlineUnlessAsked() {
    CallRecorder recorder = new CallRecorder();
    try (KantoClient client = env.clientBuilder().interceptor(recorder).build();
        ServerStream<WatchRoutesResponse> stream = client.routePlanner().watchRoutes(watch(1))) {
      assertEquals(1, stream.stream().count());
      assertEquals(
          Long.MAX_VALUE, recorder.last().firstAttemptTimeLeftMillis(), "no deadline by default");
    }
    try (KantoClient client =
            env.clientBuilder()
                .defaultStreamTimeout(Duration.ofSeconds(7))
                .interceptor(recorder)
                .build();
        ServerStream<WatchRoutesResponse> stream = client.routePlanner().watchRoutes(watch(1))) {
      assertEquals(1, stream.stream().count());
      long left = recorder.last().firstAttemptTimeLeftMillis();
      assertTrue(6000 < left && left <= 7000, "defaultStreamTimeout(7s): " + left + " ms left");
    }
  }

  @Test
  void watchRoutesAsync() throws Exception {
    List<WatchRoutesResponse> received = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    kanto
        .routePlanner()
        .withTimeout(Duration.ofSeconds(10))
        .watchRoutesAsync(watch(1), collector(received, done));
    done.get(15, TimeUnit.SECONDS);
    assertEquals(1, received.size());

    CompletableFuture<Void> failed = new CompletableFuture<>();
    kanto
        .routePlanner()
        .watchRoutesAsync(
            WatchRoutesRequest.newBuilder()
                .setOrigin(place("pallet-town"))
                .setDestination(place("nowhere-town"))
                .build(),
            collector(received, failed));
    Throwable t = assertThrows(Exception.class, () -> failed.get(15, TimeUnit.SECONDS)).getCause();
    assertEquals(Status.Code.NOT_FOUND, assertInstanceOf(KantoException.class, t).code());
  }

  @Test
  void recordTrip() throws Exception {
    List<RecordTripRequest> trip =
        List.of(report(PALLET_TOWN, 0), report(ROUTE_1, 30), report(VIRIDIAN_CITY, 60));
    RecordTripResponse summary = kanto.routePlanner().recordTrip(trip);
    assertEquals(3, summary.getPointCount());
    assertEquals(3600, summary.getElapsedTime().getSeconds());
    assertEquals(
        List.of("pallet-town", "route-1", "viridian-city"),
        summary.getVisitedPlacesList().stream().map(PlaceRef::getPlaceId).toList());

    try (ClientStream<RecordTripRequest, RecordTripResponse> stream =
        kanto.routePlanner().recordTrip()) {
      stream.send(report(PALLET_TOWN, 0));
      stream.send(report(VIRIDIAN_CITY, 60));
      assertEquals(2, stream.closeAndReceive().getPointCount());
    }

    // Time going backwards is the server's to reject.
    KantoException e =
        assertThrows(
            KantoException.class,
            () ->
                kanto
                    .routePlanner()
                    .recordTrip(List.of(report(ROUTE_1, 30), report(PALLET_TOWN, 0))));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.code());

    List<RecordTripResponse> received = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    StreamObserver<RecordTripRequest> requests =
        kanto.routePlanner().recordTripAsync(collector(received, done));
    trip.forEach(requests::onNext);
    requests.onCompleted();
    done.get(10, TimeUnit.SECONDS);
    assertEquals(summary, received.get(0));
  }

  @Test
  void navigate() throws Exception {
    NavigateRequest atPallet =
        NavigateRequest.newBuilder()
            .setLocation(PALLET_TOWN)
            .setDestination(place("viridian-city"))
            .build();
    NavigateRequest atViridian = atPallet.toBuilder().setLocation(VIRIDIAN_CITY).build();
    try (BidiStream<NavigateRequest, NavigateResponse> nav = kanto.routePlanner().navigate()) {
      nav.send(atPallet);
      NavigateResponse first = nav.receive();
      assertEquals("route-1", first.getNextPlace().getPlaceId());
      assertTrue(first.hasRoute());
      nav.send(atViridian);
      assertTrue(nav.receive().getArrived());
      nav.closeSend();
      assertNull(nav.receive());
      assertNull(nav.receive());
    }

    try (BidiStream<NavigateRequest, NavigateResponse> nav = kanto.routePlanner().navigate()) {
      nav.send(atPallet);
      nav.receive();
      nav.cancel();
      KantoException e = assertThrows(KantoException.class, nav::receive);
      assertEquals(Status.Code.CANCELLED, e.code());
      assertThrows(KantoException.class, () -> nav.send(atPallet));
    }

    List<NavigateResponse> received = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    StreamObserver<NavigateRequest> requests =
        kanto.routePlanner().navigateAsync(collector(received, done));
    requests.onNext(atPallet);
    requests.onNext(atViridian);
    requests.onCompleted();
    done.get(10, TimeUnit.SECONDS);
    assertEquals(2, received.size());
    assertTrue(received.get(1).getArrived());
  }

  private static <T> StreamObserver<T> collector(List<T> into, CompletableFuture<Void> done) {
    return new StreamObserver<>() {
      @Override
      public void onNext(T value) {
        into.add(value);
      }

      @Override
      public void onError(Throwable t) {
        done.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {
        done.complete(null);
      }
    };
  }
}
