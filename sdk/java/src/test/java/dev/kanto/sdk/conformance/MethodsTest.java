package dev.kanto.sdk.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Empty;
import dev.kanto.sdk.KantoClient;
import dev.kanto.sdk.KantoException;
import dev.kanto.sdk.KantoMethod;
import dev.kanto.sdk.ServiceClient;
import io.grpc.Status;
import io.grpc.protobuf.ProtoMethodDescriptorSupplier;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generated method tables, which the conformance runner dispatches through: every RPC of every
 * service, with its kind and request type, compared with the schema's own descriptors.
 */
class MethodsTest {
  private static Descriptors.MethodDescriptor schemaOf(KantoMethod<?, ?> m) {
    return assertInstanceOf(
            ProtoMethodDescriptorSupplier.class, m.descriptor().getSchemaDescriptor())
        .getMethodDescriptor();
  }

  @Test
  void everyRpcOfEveryServiceIsInTheTable() {
    try (KantoClient kanto = KantoClient.builder().insecure().target("127.0.0.1:1").build()) {
      for (ServiceClient<?> client : kanto.clients()) {
        List<KantoMethod<?, ?>> table = client.methods();
        assertFalse(table.isEmpty(), client.serviceInfo().name());
        Descriptors.ServiceDescriptor service = schemaOf(table.get(0)).getService();
        assertEquals(client.serviceInfo().name(), service.getFullName());
        assertEquals(
            service.getMethods().stream().map(Descriptors.MethodDescriptor::getName).toList(),
            table.stream().map(KantoMethod::name).toList(),
            "the table lists every RPC, in the schema's order");
        for (KantoMethod<?, ?> m : table) {
          Descriptors.MethodDescriptor d = schemaOf(m);
          assertEquals(client.serviceInfo().name(), m.service());
          assertEquals(
              d.getInputType().getFullName(),
              m.newRequestBuilder().getDescriptorForType().getFullName(),
              m.fullName());
          String kind =
              d.isClientStreaming()
                  ? (d.isServerStreaming() ? "bidi_stream" : "client_stream")
                  : (d.isServerStreaming() ? "server_stream" : "unary");
          assertEquals(kind, m.kind().toString(), m.fullName());
        }
      }
      assertEquals(
          kanto.clients().stream().mapToInt(c -> c.methods().size()).sum(),
          kanto.methods().size());
    }
  }

  @Test
  void aMethodCallsThroughItsClient() {
    try (KantoClient kanto = KantoClient.builder().insecure().target("127.0.0.1:1").build()) {
      KantoMethod<?, ?> getPokemon =
          kanto.pokemon().withTimeout(Duration.ofSeconds(5)).methods().stream()
              .filter(m -> m.name().equals("GetPokemon"))
              .findFirst()
              .orElseThrow();
      // Nothing listens at 127.0.0.1:1: the call reaches the network through the client.
      KantoException e =
          assertThrows(
              KantoException.class, () -> getPokemon.unary(getPokemon.newRequestBuilder().build()));
      assertEquals(Status.Code.UNAVAILABLE, e.code());

      IllegalArgumentException wrongType =
          assertThrows(
              IllegalArgumentException.class, () -> getPokemon.unary(Empty.getDefaultInstance()));
      assertTrue(wrongType.getMessage().contains("google.protobuf.Empty"), wrongType.getMessage());
      assertThrows(IllegalStateException.class, getPokemon::bidiStream);
    }
  }
}
