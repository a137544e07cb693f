package dev.kanto.sdk;

import build.buf.validate.FieldPath;
import build.buf.validate.FieldPathElement;
import build.buf.validate.Violation;
import build.buf.validate.Violations;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * KantoException is the one error type every SDK call throws (or, for the asynchronous methods,
 * completes its future with): a failed gRPC call with its status code and, for {@code
 * INVALID_ARGUMENT}, the field violations the server listed.
 *
 * <pre>{@code
 * try {
 *   kanto.pokemon().getPokemon(GetPokemonRequest.newBuilder().setId(0).build());
 * } catch (KantoException e) {
 *   if (e.code() == Status.Code.INVALID_ARGUMENT) {
 *     for (FieldViolation v : e.fieldViolations()) {
 *       System.err.println(v.field() + ": " + v.reason());
 *     }
 *   }
 * }
 * }</pre>
 */
public class KantoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Status status;
  private final transient Metadata trailers;
  private final transient com.google.rpc.Status statusProto;
  private final List<FieldViolation> fieldViolations;

  /**
   * Creates an exception for a status, with the field violations given; most code gets one from
   * {@link #from(Throwable)} instead.
   */
  public KantoException(Status status, List<FieldViolation> fieldViolations) {
    this(status, null, null, fieldViolations, status.getCause());
  }

  private KantoException(
      Status status,
      Metadata trailers,
      com.google.rpc.Status statusProto,
      List<FieldViolation> fieldViolations,
      Throwable cause) {
    super(message(status, fieldViolations), cause);
    this.status = status;
    this.trailers = trailers;
    this.statusProto = statusProto;
    this.fieldViolations = List.copyOf(fieldViolations);
  }

  /**
   * Converts any throwable from a gRPC call into a KantoException. A KantoException is returned as
   * is; a {@link StatusRuntimeException} or {@link StatusException} keeps its status, trailers and
   * error details; anything else becomes {@code UNKNOWN} (or {@code CANCELLED} for a {@link
   * CancellationException}).
   */
  public static KantoException from(Throwable t) {
    if (t instanceof KantoException k) {
      return k;
    }
    if (t instanceof CancellationException) {
      return new KantoException(
          Status.CANCELLED.withDescription(t.getMessage()).withCause(t), List.of());
    }
    Status status = Status.fromThrowable(t);
    Metadata trailers = Status.trailersFromThrowable(t);
    com.google.rpc.Status details = trailers == null ? null : StatusProto.fromThrowable(t);
    return new KantoException(status, trailers, details, violationsOf(details), t);
  }

  /** Returns the gRPC status code, for example {@code NOT_FOUND}. */
  public Status.Code code() {
    return status.getCode();
  }

  /** Returns the full gRPC status, with its description. */
  public Status status() {
    return status;
  }

  /** Returns the server's status description, or the empty string. */
  public String description() {
    return status.getDescription() == null ? "" : status.getDescription();
  }

  /**
   * Returns the field violations of an {@code INVALID_ARGUMENT} error, in the server's order, or an
   * empty list. They come from the {@code google.rpc.BadRequest} detail, or, if the server sent
   * none, from a {@code buf.validate.Violations} detail.
   */
  public List<FieldViolation> fieldViolations() {
    return fieldViolations;
  }

  /** Returns the trailing metadata the server sent with the error, if any. */
  public Optional<Metadata> trailers() {
    return Optional.ofNullable(trailers);
  }

  /**
   * Returns the rich {@code google.rpc.Status} (with every error detail as an {@link Any}), if the
   * server sent one.
   */
  public Optional<com.google.rpc.Status> statusProto() {
    return Optional.ofNullable(statusProto);
  }

  private static List<FieldViolation> violationsOf(com.google.rpc.Status details) {
    if (details == null) {
      return List.of();
    }
    List<FieldViolation> out = new ArrayList<>();
    try {
      for (Any any : details.getDetailsList()) {
        if (any.is(BadRequest.class)) {
          for (BadRequest.FieldViolation v :
              any.unpack(BadRequest.class).getFieldViolationsList()) {
            out.add(new FieldViolation(v.getField(), v.getReason(), v.getDescription()));
          }
        }
      }
      if (out.isEmpty()) {
        for (Any any : details.getDetailsList()) {
          if (any.is(Violations.class)) {
            out.addAll(fromProtovalidate(any.unpack(Violations.class).getViolationsList()));
          }
        }
      }
    } catch (InvalidProtocolBufferException e) {
      // A malformed detail is not worth hiding the status code for.
      return List.copyOf(out);
    }
    return out;
  }

  /** Converts protovalidate violations into field violations with dotted field paths. */
  static List<FieldViolation> fromProtovalidate(List<Violation> violations) {
    List<FieldViolation> out = new ArrayList<>(violations.size());
    for (Violation v : violations) {
      out.add(new FieldViolation(fieldPathString(v.getField()), v.getRuleId(), v.getMessage()));
    }
    return out;
  }

  /**
   * Renders a protovalidate field path the way the servers do (protovalidate-go's FieldPathString):
   * {@code pokemon.base_stats.hp}, {@code place_ids[0]}, {@code labels["key"]}.
   */
  static String fieldPathString(FieldPath path) {
    StringBuilder sb = new StringBuilder();
    for (FieldPathElement e : path.getElementsList()) {
      if (sb.length() > 0) {
        sb.append('.');
      }
      sb.append(e.getFieldName());
      switch (e.getSubscriptCase()) {
        case INDEX -> sb.append('[').append(e.getIndex()).append(']');
        case BOOL_KEY -> sb.append('[').append(e.getBoolKey()).append(']');
        case INT_KEY -> sb.append('[').append(e.getIntKey()).append(']');
        case UINT_KEY -> sb.append('[').append(Long.toUnsignedString(e.getUintKey())).append(']');
        case STRING_KEY -> sb.append('[').append(quote(e.getStringKey())).append(']');
        case SUBSCRIPT_NOT_SET -> {}
      }
    }
    return sb.toString();
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  private static String message(Status status, List<FieldViolation> violations) {
    StringBuilder sb = new StringBuilder(status.getCode().name());
    if (status.getDescription() != null) {
      sb.append(": ").append(status.getDescription());
    }
    if (!violations.isEmpty()) {
      sb.append(" ").append(violations);
    }
    return sb.toString();
  }
}
