package dev.kanto.sdk;

import build.buf.protovalidate.ValidationResult;
import build.buf.protovalidate.Validator;
import build.buf.protovalidate.ValidatorFactory;
import build.buf.protovalidate.exceptions.ValidationException;
import com.google.protobuf.Message;
import io.grpc.Status;
import java.util.List;

/**
 * RequestValidator checks requests against the schema's protovalidate rules before they are sent,
 * so a bad request fails without a round trip, with the same field violations the server would
 * list. The server stays the authority: some rules (a forged page token, a merged update) can only
 * be checked there.
 */
final class RequestValidator {
  private final Validator validator = ValidatorFactory.newBuilder().build();

  /**
   * Throws a {@link KantoException} with code {@code INVALID_ARGUMENT} and the field violations if
   * {@code request} breaks a rule.
   */
  void check(Object request) {
    if (!(request instanceof Message message)) {
      return;
    }
    ValidationResult result;
    try {
      result = validator.validate(message);
    } catch (ValidationException e) {
      throw new KantoException(
          Status.INTERNAL.withDescription("client-side validation: " + e.getMessage()).withCause(e),
          List.of());
    }
    if (!result.isSuccess()) {
      throw new KantoException(
          Status.INVALID_ARGUMENT.withDescription("request failed client-side validation"),
          KantoException.fromProtovalidate(result.toProto().getViolationsList()));
    }
  }
}
