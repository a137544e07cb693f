package dev.kanto.sdk;

import java.io.Serializable;
import java.util.Objects;

/**
 * FieldViolation is one broken request constraint, as the server reports it in a {@code
 * google.rpc.BadRequest} error detail.
 *
 * @param field the dotted path of the offending field, for example {@code "pokemon.name"} or {@code
 *     "place_ids[0]"}
 * @param reason the protovalidate rule id that failed, for example {@code "string.min_len"}
 * @param description a human-readable explanation; may be empty
 */
public record FieldViolation(String field, String reason, String description)
    implements Serializable {

  /** Creates a violation; {@code null} components become empty strings. */
  public FieldViolation {
    field = Objects.requireNonNullElse(field, "");
    reason = Objects.requireNonNullElse(reason, "");
    description = Objects.requireNonNullElse(description, "");
  }

  @Override
  public String toString() {
    return description.isEmpty()
        ? field + ": " + reason
        : field + ": " + reason + " (" + description + ")";
  }
}
