package dev.kanto.sdk;

import dev.kanto.routeplanner.v1.GetRoutesRequest;
import dev.kanto.routeplanner.v1.GetRoutesResponse;
import dev.kanto.routeplanner.v1.NavigateRequest;
import dev.kanto.routeplanner.v1.NavigateResponse;
import dev.kanto.routeplanner.v1.RecordTripRequest;
import dev.kanto.routeplanner.v1.RecordTripResponse;
import dev.kanto.routeplanner.v1.RoutePlannerServiceGrpc;
import dev.kanto.routeplanner.v1.WatchRoutesRequest;
import dev.kanto.routeplanner.v1.WatchRoutesResponse;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;

/**
 * RoutePlannerClient calls the route planner ({@code kanto.routeplanner.v1.RoutePlannerService})
 * with all four gRPC call shapes.
 *
 * <p>Blocking methods throw {@link KantoException}; asynchronous ones hand it to the future or to
 * the observer's {@code onError}. Pass a {@link io.grpc.stub.ClientResponseObserver} to the
 * observer-based methods to get the call's request stream in {@code beforeStart}, for flow control
 * and cancellation. Timeouts and retries come from the route planner's service config; streams have
 * no timeout there, so set one with {@link #withTimeout} or cancel them. Instances are immutable
 * and thread-safe.
 */
public final class RoutePlannerClient extends ServiceClient<RoutePlannerClient> {

  RoutePlannerClient(State state) {
    super(state);
  }

  @Override
  RoutePlannerClient copy(State state) {
    return new RoutePlannerClient(state);
  }

  /**
   * Returns up to {@code max_routes} loopless routes, shortest first; {@code NOT_FOUND} if a place
   * is unknown or no route connects them.
   */
  public GetRoutesResponse getRoutes(GetRoutesRequest request) {
    return unary(RoutePlannerServiceGrpc.getGetRoutesMethod(), request);
  }

  /** Asynchronous {@link #getRoutes(GetRoutesRequest)}. */
  public CompletableFuture<GetRoutesResponse> getRoutesAsync(GetRoutesRequest request) {
    return unaryAsync(RoutePlannerServiceGrpc.getGetRoutesMethod(), request);
  }

  /**
   * Streams the best route now, then each new best route as conditions change, until {@code
   * max_updates} routes were sent, the stream is closed or cancelled, or its deadline passes.
   */
  public ServerStream<WatchRoutesResponse> watchRoutes(WatchRoutesRequest request) {
    return serverStream(RoutePlannerServiceGrpc.getWatchRoutesMethod(), request);
  }

  /** Asynchronous {@link #watchRoutes(WatchRoutesRequest)}: messages go to {@code observer}. */
  public void watchRoutesAsync(
      WatchRoutesRequest request, StreamObserver<WatchRoutesResponse> observer) {
    serverStreamAsync(RoutePlannerServiceGrpc.getWatchRoutesMethod(), request, observer);
  }

  /**
   * Starts recording a trip: send timed locations, then {@link ClientStream#closeAndReceive()}
   * returns the trip's distance, duration and visited places.
   */
  public ClientStream<RecordTripRequest, RecordTripResponse> recordTrip() {
    return clientStream(RoutePlannerServiceGrpc.getRecordTripMethod());
  }

  /** Records a trip of the given location reports, sent in order, and returns its summary. */
  public RecordTripResponse recordTrip(Iterable<RecordTripRequest> reports) {
    try (ClientStream<RecordTripRequest, RecordTripResponse> trip = recordTrip()) {
      for (RecordTripRequest report : reports) {
        trip.send(report);
      }
      return trip.closeAndReceive();
    }
  }

  /**
   * Asynchronous {@link #recordTrip()}: returns the stream to send location reports on ({@code
   * onCompleted} ends the trip); the summary goes to {@code observer}.
   */
  public StreamObserver<RecordTripRequest> recordTripAsync(
      StreamObserver<RecordTripResponse> observer) {
    return clientStreamAsync(RoutePlannerServiceGrpc.getRecordTripMethod(), observer);
  }

  /**
   * Starts navigating: every location sent is answered with the next instruction, and the route is
   * planned anew when the traveller leaves it.
   */
  public BidiStream<NavigateRequest, NavigateResponse> navigate() {
    return bidiStream(RoutePlannerServiceGrpc.getNavigateMethod());
  }

  /**
   * Asynchronous {@link #navigate()}: returns the stream to send locations on; instructions go to
   * {@code observer}.
   */
  public StreamObserver<NavigateRequest> navigateAsync(StreamObserver<NavigateResponse> observer) {
    return bidiStreamAsync(RoutePlannerServiceGrpc.getNavigateMethod(), observer);
  }
}
