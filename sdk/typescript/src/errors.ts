import { Code, ConnectError } from "@connectrpc/connect";
import { BinaryReader, WireType } from "@bufbuild/protobuf/wire";
import { type FieldPath, ViolationsSchema } from "./gen/buf/validate/validate_pb.js";
import { codeName, type GrpcCodeName } from "./codes.js";

/**
 * A FieldViolation is one broken rule of a request, as the Kanto services
 * report it with INVALID_ARGUMENT.
 */
export interface FieldViolation {
  /**
   * The path of the offending field, formatted like google.rpc.BadRequest's
   * field: dotted proto field names with `[i]` for list indices and `[key]`
   * for map keys, for example "pokemon.name" or "place_ids[0]". Empty for a
   * rule on the whole message.
   */
  readonly field: string;
  /** The protovalidate rule id, for example "string.min_len". */
  readonly ruleId: string;
  /** What is wrong, for people. */
  readonly message: string;
}

/** Options of the KantoError constructor. */
export interface KantoErrorInit {
  /** Response headers and trailers. */
  readonly metadata?: ConstructorParameters<typeof Headers>[0];
  /** Error details, as ConnectError.details holds them. */
  readonly details?: ConnectError["details"];
  readonly cause?: unknown;
}

/**
 * KantoError is the error every call of a Kanto SDK client throws. It is a
 * ConnectError (code, rawMessage, metadata, details, findDetails) that also
 * has the status code's gRPC name and the request's field violations.
 *
 * Use `KantoError.from(e)` to turn any caught value into one.
 */
export class KantoError extends ConnectError {
  /**
   * The broken request rules of an INVALID_ARGUMENT error, in the order the
   * server reported them; empty for other errors. Read from the
   * buf.validate.Violations error detail, or from google.rpc.BadRequest if a
   * server sends only that.
   */
  readonly fieldViolations: readonly FieldViolation[];

  /**
   * @param message the error message, without the code prefix that
   *   ConnectError adds to `message`.
   */
  constructor(message: string, code: Code = Code.Unknown, init: KantoErrorInit = {}) {
    super(message, code, init.metadata, undefined, init.cause);
    // ConnectError's own instanceof check is duck-typed on this name, and
    // ConnectError.from passes such errors through unchanged: keeping it makes
    // a KantoError a ConnectError everywhere Connect looks.
    this.name = "ConnectError";
    this.details = [...(init.details ?? [])];
    this.fieldViolations = readFieldViolations(this);
  }

  /** The gRPC name of the status code, for example "INVALID_ARGUMENT". */
  get codeName(): GrpcCodeName {
    return codeName(this.code);
  }

  /**
   * from converts any caught value into a KantoError: a KantoError as is, a
   * ConnectError with all of its information, anything else as
   * ConnectError.from does (an AbortError becomes CANCELLED, other values
   * UNKNOWN).
   */
  static override from(reason: unknown, code: Code = Code.Unknown): KantoError {
    if (reason instanceof KantoError) {
      return reason;
    }
    const err = ConnectError.from(reason, code);
    const kantoError = new KantoError(err.rawMessage, err.code, {
      metadata: err.metadata,
      details: err.details,
      cause: err.cause ?? (err === reason ? undefined : reason),
    });
    kantoError.isWireError = err.isWireError;
    if (err.stack !== undefined) {
      kantoError.stack = err.stack;
    }
    return kantoError;
  }

  // ConnectError overrides instanceof with a structural check that every
  // ConnectError passes; restore the prototype-chain check for KantoError.
  static override [Symbol.hasInstance](value: unknown): boolean {
    return Function.prototype[Symbol.hasInstance].call(this, value);
  }
}

/**
 * fieldPathString formats a protovalidate field path the way google.rpc.
 * BadRequest's field is formatted by the Kanto services (Go's
 * protovalidate.FieldPathString): "pokemon.base_stats.hp", "place_ids[0]",
 * `labels["key"]`.
 */
export function fieldPathString(path: FieldPath | undefined): string {
  if (path === undefined) {
    return "";
  }
  let out = "";
  path.elements.forEach((element, i) => {
    if (i > 0) {
      out += ".";
    }
    out += element.fieldName;
    const subscript = element.subscript;
    switch (subscript.case) {
      case undefined:
        return;
      case "index":
      case "intKey":
      case "uintKey":
      case "boolKey":
        out += `[${String(subscript.value)}]`;
        return;
      case "stringKey":
        out += `[${goQuote(subscript.value)}]`;
        return;
    }
  });
  return out;
}

function readFieldViolations(err: ConnectError): FieldViolation[] {
  const violations = err.findDetails(ViolationsSchema).flatMap((v) => v.violations);
  if (violations.length > 0) {
    return violations.map((v) => ({ field: fieldPathString(v.field), ruleId: v.ruleId, message: v.message }));
  }
  return badRequestFieldViolations(err);
}

/**
 * badRequestFieldViolations reads the violations of an error's
 * google.rpc.BadRequest detail.
 *
 * @internal Used by the tests to check fieldPathString against the server.
 */
export function badRequestFieldViolations(err: ConnectError): FieldViolation[] {
  return err.details.flatMap((d) => ("type" in d && d.type === badRequestTypeName ? decodeBadRequest(d.value) : []));
}

const badRequestTypeName = "google.rpc.BadRequest";

// decodeBadRequest reads google.rpc.BadRequest's field violations
// (field = 1, description = 2, reason = 3) straight from the wire: the
// TypeScript gen tree has no google.rpc types, and a server that sends only
// BadRequest should still have its violations read.
function decodeBadRequest(bytes: Uint8Array): FieldViolation[] {
  const out: FieldViolation[] = [];
  try {
    const reader = new BinaryReader(bytes);
    while (reader.pos < reader.len) {
      const [fieldNo, wireType] = reader.tag();
      if (fieldNo !== 1 || wireType !== WireType.LengthDelimited) {
        reader.skip(wireType, fieldNo);
        continue;
      }
      const inner = new BinaryReader(reader.bytes());
      const violation = { field: "", ruleId: "", message: "" };
      while (inner.pos < inner.len) {
        const [no, wt] = inner.tag();
        if (wt === WireType.LengthDelimited && no === 1) {
          violation.field = inner.string();
        } else if (wt === WireType.LengthDelimited && no === 2) {
          violation.message = inner.string();
        } else if (wt === WireType.LengthDelimited && no === 3) {
          violation.ruleId = inner.string();
        } else {
          inner.skip(wt, no);
        }
      }
      out.push(violation);
    }
  } catch {
    // A malformed detail is ignored, as ConnectError.findDetails does.
    return [];
  }
  return out;
}

// goQuote quotes a string like Go's strconv.Quote, which formats string map
// keys in field paths: ASCII escapes for control characters, printable
// Unicode kept as is.
function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case "\\":
        out += "\\\\";
        continue;
      case "\x07":
        out += "\\a";
        continue;
      case "\b":
        out += "\\b";
        continue;
      case "\f":
        out += "\\f";
        continue;
      case "\n":
        out += "\\n";
        continue;
      case "\r":
        out += "\\r";
        continue;
      case "\t":
        out += "\\t";
        continue;
      case "\v":
        out += "\\v";
        continue;
    }
    if (cp < 0x20 || cp === 0x7f) {
      out += `\\x${cp.toString(16).padStart(2, "0")}`;
    } else if (/[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u.test(ch) || (/\p{Zs}/u.test(ch) && ch !== " ")) {
      out += cp > 0xffff ? `\\U${cp.toString(16).padStart(8, "0")}` : `\\u${cp.toString(16).padStart(4, "0")}`;
    } else {
      out += ch;
    }
  }
  return out + '"';
}
