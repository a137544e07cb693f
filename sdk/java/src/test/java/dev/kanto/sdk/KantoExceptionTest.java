package dev.kanto.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import build.buf.validate.FieldPath;
import build.buf.validate.FieldPathElement;
import build.buf.validate.Violation;
import build.buf.validate.Violations;
import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class KantoExceptionTest {

  private static StatusRuntimeException invalid(Any... details) {
    com.google.rpc.Status.Builder s =
        com.google.rpc.Status.newBuilder()
            .setCode(Code.INVALID_ARGUMENT_VALUE)
            .setMessage("invalid request");
    for (Any d : details) {
      s.addDetails(d);
    }
    return StatusProto.toStatusRuntimeException(s.build());
  }

  private static FieldPathElement field(String name) {
    return FieldPathElement.newBuilder().setFieldName(name).build();
  }

  @Test
  void readsBadRequestViolationsInOrder() {
    BadRequest badRequest =
        BadRequest.newBuilder()
            .addFieldViolations(
                BadRequest.FieldViolation.newBuilder()
                    .setField("pokemon.name")
                    .setReason("string.min_len")
                    .setDescription("value length must be at least 1 characters"))
            .addFieldViolations(
                BadRequest.FieldViolation.newBuilder()
                    .setField("pokemon.types")
                    .setReason("repeated.min_items"))
            .build();
    KantoException e = KantoException.from(invalid(Any.pack(badRequest)));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.code());
    assertEquals("invalid request", e.description());
    assertEquals(
        List.of(
            new FieldViolation(
                "pokemon.name", "string.min_len", "value length must be at least 1 characters"),
            new FieldViolation("pokemon.types", "repeated.min_items", "")),
        e.fieldViolations());
    assertTrue(e.getMessage().startsWith("INVALID_ARGUMENT: invalid request"), e.getMessage());
    assertTrue(e.getMessage().contains("pokemon.types: repeated.min_items"), e.getMessage());
    assertTrue(e.statusProto().isPresent());
    assertTrue(e.trailers().isPresent());
  }

  @Test
  void fallsBackToProtovalidateViolations() {
    Violations violations =
        Violations.newBuilder()
            .addViolations(
                Violation.newBuilder()
                    .setField(
                        FieldPath.newBuilder()
                            .addElements(field("pokemon"))
                            .addElements(field("base_stats"))
                            .addElements(field("hp")))
                    .setRuleId("int32.gte_lte"))
            .addViolations(
                Violation.newBuilder()
                    .setField(
                        FieldPath.newBuilder()
                            .addElements(
                                FieldPathElement.newBuilder()
                                    .setFieldName("place_ids")
                                    .setIndex(0)))
                    .setRuleId("string.pattern"))
            .addViolations(
                Violation.newBuilder()
                    .setField(
                        FieldPath.newBuilder()
                            .addElements(
                                FieldPathElement.newBuilder()
                                    .setFieldName("labels")
                                    .setStringKey("a\"b")))
                    .setRuleId("string.min_len"))
            .build();
    KantoException e = KantoException.from(invalid(Any.pack(violations)));
    assertEquals(
        List.of(
            "pokemon.base_stats.hp int32.gte_lte",
            "place_ids[0] string.pattern",
            "labels[\"a\\\"b\"] string.min_len"),
        e.fieldViolations().stream().map(v -> v.field() + " " + v.reason()).toList());
  }

  @Test
  void badRequestWinsOverProtovalidate() {
    BadRequest badRequest =
        BadRequest.newBuilder()
            .addFieldViolations(
                BadRequest.FieldViolation.newBuilder().setField("id").setReason("int32.gte_lte"))
            .build();
    Violations violations =
        Violations.newBuilder()
            .addViolations(
                Violation.newBuilder()
                    .setField(FieldPath.newBuilder().addElements(field("id")))
                    .setRuleId("int32.gte_lte"))
            .build();
    KantoException e = KantoException.from(invalid(Any.pack(violations), Any.pack(badRequest)));
    assertEquals(List.of(new FieldViolation("id", "int32.gte_lte", "")), e.fieldViolations());
  }

  @Test
  void plainStatusHasNoViolations() {
    KantoException e =
        KantoException.from(
            Status.NOT_FOUND.withDescription("no pokemon 9999").asRuntimeException());
    assertEquals(Status.Code.NOT_FOUND, e.code());
    assertEquals(List.of(), e.fieldViolations());
    assertEquals("NOT_FOUND: no pokemon 9999", e.getMessage());
  }

  @Test
  void otherThrowables() {
    KantoException k = new KantoException(Status.ABORTED, List.of());
    assertSame(k, KantoException.from(k));
    assertEquals(Status.Code.CANCELLED, KantoException.from(new CancellationException()).code());
    KantoException unknown = KantoException.from(new IllegalStateException("boom"));
    assertEquals(Status.Code.UNKNOWN, unknown.code());
    assertTrue(unknown.getCause() instanceof IllegalStateException);
  }
}
