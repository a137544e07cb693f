package dev.kanto.sdk.conformance;

import com.google.protobuf.Message;
import dev.kanto.expedition.v1.ExpeditionServiceGrpc;
import dev.kanto.pokedex.v1.PokemonServiceGrpc;
import dev.kanto.routeplanner.v1.RoutePlannerServiceGrpc;
import dev.kanto.sdk.BidiStream;
import dev.kanto.sdk.ClientStream;
import dev.kanto.sdk.ExpeditionClient;
import dev.kanto.sdk.PokedexClient;
import dev.kanto.sdk.RoutePlannerClient;
import dev.kanto.sdk.ServerStream;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.PrototypeMarshaller;
import io.grpc.ServiceDescriptor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Methods maps each RPC of the schema, by its full name ({@code service/method}), to the SDK method
 * that calls it, so the conformance runner replays vectors through the SDK's typed clients rather
 * than raw stubs.
 */
final class Methods {
  /** The typed clients of one vector's call, configured with its timeout and metadata. */
  record Clients(
      PokedexClient pokedex, RoutePlannerClient routePlanner, ExpeditionClient expedition) {}

  /** How to call one RPC through the SDK; exactly one of the call fields is set. */
  record Method(
      MethodDescriptor<?, ?> descriptor,
      BiFunction<Clients, Message, Message> unary,
      BiFunction<Clients, Message, ServerStream<? extends Message>> serverStream,
      Function<Clients, ClientStream<Message, ? extends Message>> clientStream,
      Function<Clients, BidiStream<Message, ? extends Message>> bidiStream) {

    /** Returns a builder of the method's request message, for parsing a vector's JSON. */
    Message.Builder newRequestBuilder() {
      Object prototype =
          ((PrototypeMarshaller<?>) descriptor.getRequestMarshaller()).getMessagePrototype();
      return ((Message) prototype).newBuilderForType();
    }

    /** Returns the vector kind of the method: unary, server_stream, ... */
    String kind() {
      return switch (descriptor.getType()) {
        case UNARY -> "unary";
        case SERVER_STREAMING -> "server_stream";
        case CLIENT_STREAMING -> "client_stream";
        case BIDI_STREAMING -> "bidi_stream";
        case UNKNOWN -> "unknown";
      };
    }
  }

  /** The services whose every method must have an entry. */
  static final List<ServiceDescriptor> SERVICES =
      List.of(
          PokemonServiceGrpc.getServiceDescriptor(),
          RoutePlannerServiceGrpc.getServiceDescriptor(),
          ExpeditionServiceGrpc.getServiceDescriptor());

  static final Map<String, Method> ALL = new LinkedHashMap<>();

  static {
    // Pokédex.
    unary(PokemonServiceGrpc.getGetPokemonMethod(), (c, r) -> c.pokedex().getPokemon(r));
    unary(PokemonServiceGrpc.getListPokemonMethod(), (c, r) -> c.pokedex().listPokemon(r));
    unary(PokemonServiceGrpc.getBatchGetPokemonMethod(), (c, r) -> c.pokedex().batchGetPokemon(r));
    unary(PokemonServiceGrpc.getCreatePokemonMethod(), (c, r) -> c.pokedex().createPokemon(r));
    unary(PokemonServiceGrpc.getUpdatePokemonMethod(), (c, r) -> c.pokedex().updatePokemon(r));
    unary(PokemonServiceGrpc.getDeletePokemonMethod(), (c, r) -> c.pokedex().deletePokemon(r));
    unary(PokemonServiceGrpc.getListEncountersMethod(), (c, r) -> c.pokedex().listEncounters(r));
    // Route planner.
    unary(RoutePlannerServiceGrpc.getGetRoutesMethod(), (c, r) -> c.routePlanner().getRoutes(r));
    serverStream(
        RoutePlannerServiceGrpc.getWatchRoutesMethod(), (c, r) -> c.routePlanner().watchRoutes(r));
    clientStream(RoutePlannerServiceGrpc.getRecordTripMethod(), c -> c.routePlanner().recordTrip());
    bidiStream(RoutePlannerServiceGrpc.getNavigateMethod(), c -> c.routePlanner().navigate());
    // Expedition planner.
    unary(
        ExpeditionServiceGrpc.getPlanExpeditionMethod(),
        (c, r) -> c.expedition().planExpedition(r));
    serverStream(
        ExpeditionServiceGrpc.getStreamExpeditionMethod(),
        (c, r) -> c.expedition().streamExpedition(r));
  }

  private Methods() {}

  @SuppressWarnings("unchecked")
  private static <Q extends Message, R extends Message> void unary(
      MethodDescriptor<Q, R> md, BiFunction<Clients, Q, R> call) {
    put(new Method(md, (c, r) -> call.apply(c, (Q) r), null, null, null));
  }

  @SuppressWarnings("unchecked")
  private static <Q extends Message, R extends Message> void serverStream(
      MethodDescriptor<Q, R> md, BiFunction<Clients, Q, ServerStream<R>> call) {
    put(new Method(md, null, (c, r) -> call.apply(c, (Q) r), null, null));
  }

  @SuppressWarnings("unchecked")
  private static <Q extends Message, R extends Message> void clientStream(
      MethodDescriptor<Q, R> md, Function<Clients, ClientStream<Q, R>> call) {
    put(
        new Method(
            md,
            null,
            null,
            c -> (ClientStream<Message, R>) (ClientStream<?, R>) call.apply(c),
            null));
  }

  @SuppressWarnings("unchecked")
  private static <Q extends Message, R extends Message> void bidiStream(
      MethodDescriptor<Q, R> md, Function<Clients, BidiStream<Q, R>> call) {
    put(
        new Method(
            md, null, null, null, c -> (BidiStream<Message, R>) (BidiStream<?, R>) call.apply(c)));
  }

  private static void put(Method m) {
    if (ALL.put(m.descriptor().getFullMethodName(), m) != null) {
      throw new IllegalStateException("two entries for " + m.descriptor().getFullMethodName());
    }
  }
}
