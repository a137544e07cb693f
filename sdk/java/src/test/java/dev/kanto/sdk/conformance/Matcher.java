package dev.kanto.sdk.conformance;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Map;

/**
 * Matcher compares an actual proto JSON value with a conformance matcher, by the rules of
 * sdk/conformance/README.md: objects match on their keys only, arrays element by element, {@code
 * $contains}, {@code $size} and {@code $nonEmpty} are operators, numbers match within a relative
 * tolerance of 1e-9, other scalars must be equal.
 */
final class Matcher {
  private static final double TOLERANCE = 1e-9;

  private Matcher() {}

  /** Returns null if {@code actual} matches {@code expected}, else why not, with its path. */
  static String mismatch(JsonElement expected, JsonElement actual) {
    return mismatch(expected, actual, "$");
  }

  private static String mismatch(JsonElement expected, JsonElement actual, String path) {
    if (expected.isJsonObject() && isOperator(expected.getAsJsonObject())) {
      return operatorMismatch(expected.getAsJsonObject(), actual, path);
    }
    if (expected.isJsonObject()) {
      if (actual == null || !actual.isJsonObject()) {
        return path + ": want an object, got " + actual;
      }
      JsonObject act = actual.getAsJsonObject();
      for (Map.Entry<String, JsonElement> e : expected.getAsJsonObject().entrySet()) {
        String p = path + "." + e.getKey();
        if (!act.has(e.getKey())) {
          return p + ": missing (want " + e.getValue() + ")";
        }
        String m = mismatch(e.getValue(), act.get(e.getKey()), p);
        if (m != null) {
          return m;
        }
      }
      return null;
    }
    if (expected.isJsonArray()) {
      if (actual == null || !actual.isJsonArray()) {
        return path + ": want an array, got " + actual;
      }
      JsonArray exp = expected.getAsJsonArray();
      JsonArray act = actual.getAsJsonArray();
      if (exp.size() != act.size()) {
        return path + ": want " + exp.size() + " elements, got " + act.size() + ": " + act;
      }
      for (int i = 0; i < exp.size(); i++) {
        String m = mismatch(exp.get(i), act.get(i), path + "[" + i + "]");
        if (m != null) {
          return m;
        }
      }
      return null;
    }
    if (expected.isJsonNull()) {
      return actual == null || actual.isJsonNull() ? null : path + ": want null, got " + actual;
    }
    JsonPrimitive exp = expected.getAsJsonPrimitive();
    if (exp.isNumber()) {
      Double act = number(actual);
      if (act == null) {
        return path + ": want the number " + exp + ", got " + actual;
      }
      double want = exp.getAsDouble();
      if (want == act
          || Math.abs(want - act) <= TOLERANCE * Math.max(Math.abs(want), Math.abs(act))) {
        return null;
      }
      return path + ": want " + exp + ", got " + actual;
    }
    if (actual == null || !actual.isJsonPrimitive() || !exp.equals(actual.getAsJsonPrimitive())) {
      return path + ": want " + exp + ", got " + actual;
    }
    return null;
  }

  private static boolean isOperator(JsonObject o) {
    return o.keySet().stream().anyMatch(k -> k.startsWith("$"));
  }

  private static String operatorMismatch(JsonObject ops, JsonElement actual, String path) {
    for (Map.Entry<String, JsonElement> op : ops.entrySet()) {
      String m =
          switch (op.getKey()) {
            case "$contains" -> contains(op.getValue(), actual, path);
            case "$size" -> size(op.getValue(), actual, path);
            case "$nonEmpty" -> nonEmpty(op.getValue(), actual, path);
            default -> path + ": unknown matcher operator " + op.getKey();
          };
      if (m != null) {
        return m;
      }
    }
    return null;
  }

  private static String contains(JsonElement matchers, JsonElement actual, String path) {
    if (!matchers.isJsonArray()) {
      return path + ": $contains takes an array of matchers, got " + matchers;
    }
    if (actual == null || !actual.isJsonArray()) {
      return path + ": $contains wants an array, got " + actual;
    }
    for (JsonElement m : matchers.getAsJsonArray()) {
      boolean found = false;
      for (JsonElement e : actual.getAsJsonArray()) {
        if (mismatch(m, e, path) == null) {
          found = true;
          break;
        }
      }
      if (!found) {
        return path + ": no element matches " + m + " in " + actual;
      }
    }
    return null;
  }

  private static String size(JsonElement n, JsonElement actual, String path) {
    if (actual == null || !actual.isJsonArray()) {
      return path + ": $size wants an array, got " + actual;
    }
    int want = n.getAsInt();
    int got = actual.getAsJsonArray().size();
    return want == got ? null : path + ": want " + want + " elements, got " + got;
  }

  private static String nonEmpty(JsonElement flag, JsonElement actual, String path) {
    boolean nonEmpty =
        actual != null
            && ((actual.isJsonPrimitive()
                    && actual.getAsJsonPrimitive().isString()
                    && !actual.getAsString().isEmpty())
                || (actual.isJsonArray() && !actual.getAsJsonArray().isEmpty()));
    boolean want = flag.getAsBoolean();
    return nonEmpty == want
        ? null
        : path
            + ": want "
            + (want ? "a non-empty" : "an empty")
            + " string or array, got "
            + actual;
  }

  private static Double number(JsonElement e) {
    if (e == null || !e.isJsonPrimitive()) {
      return null;
    }
    JsonPrimitive p = e.getAsJsonPrimitive();
    if (p.isNumber()) {
      return p.getAsDouble();
    }
    if (p.isString()) { // proto JSON writes 64-bit integers as strings
      try {
        return Double.parseDouble(p.getAsString());
      } catch (NumberFormatException ex) {
        return null;
      }
    }
    return null;
  }
}
