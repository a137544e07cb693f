package dev.kanto.sdk;

import dev.kanto.expedition.v1.ExpeditionServiceGrpc;
import dev.kanto.expedition.v1.PlanExpeditionRequest;
import dev.kanto.expedition.v1.PlanExpeditionResponse;
import dev.kanto.expedition.v1.StreamExpeditionRequest;
import dev.kanto.expedition.v1.StreamExpeditionResponse;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;

/**
 * ExpeditionClient calls the expedition planner ({@code kanto.expedition.v1.ExpeditionService}),
 * which chains the route planner and the Pokédex within the caller's deadline and fails fast with
 * {@code DEADLINE_EXCEEDED} when too little of it is left.
 *
 * <p>Blocking methods throw {@link KantoException}; asynchronous ones hand it to the future or to
 * the observer's {@code onError}. Timeouts and retries come from the expedition planner's service
 * config. Instances are immutable and thread-safe.
 */
public final class ExpeditionClient extends ServiceClient<ExpeditionClient> {

  ExpeditionClient(State state) {
    super(state);
  }

  @Override
  ExpeditionClient copy(State state) {
    return new ExpeditionClient(state);
  }

  /** Returns every planned route with its likely encounters, once all are known. */
  public PlanExpeditionResponse planExpedition(PlanExpeditionRequest request) {
    return unary(ExpeditionServiceGrpc.getPlanExpeditionMethod(), request);
  }

  /** Asynchronous {@link #planExpedition(PlanExpeditionRequest)}. */
  public CompletableFuture<PlanExpeditionResponse> planExpeditionAsync(
      PlanExpeditionRequest request) {
    return unaryAsync(ExpeditionServiceGrpc.getPlanExpeditionMethod(), request);
  }

  /**
   * Streams each route's plan as soon as its encounters are known; plans arrive out of rank order.
   */
  public ServerStream<StreamExpeditionResponse> streamExpedition(StreamExpeditionRequest request) {
    return serverStream(ExpeditionServiceGrpc.getStreamExpeditionMethod(), request);
  }

  /** Asynchronous {@link #streamExpedition(StreamExpeditionRequest)}. */
  public void streamExpeditionAsync(
      StreamExpeditionRequest request, StreamObserver<StreamExpeditionResponse> observer) {
    serverStreamAsync(ExpeditionServiceGrpc.getStreamExpeditionMethod(), request, observer);
  }
}
