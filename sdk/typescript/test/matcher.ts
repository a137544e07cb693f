// The response matchers of the conformance vectors (sdk/conformance/README.md).
import type { JsonValue } from "@bufbuild/protobuf";

/**
 * match compares an actual proto JSON value with a matcher and returns the
 * mismatches found, each as "<path>: <what>"; an empty list means a match.
 */
export function match(actual: JsonValue | undefined, matcher: JsonValue, path = "$"): string[] {
  if (isObject(matcher)) {
    const keys = Object.keys(matcher);
    if (keys.length === 1 && keys[0]?.startsWith("$") === true) {
      return matchOperator(actual, keys[0], matcher[keys[0]] as JsonValue, path);
    }
    if (!isObject(actual)) {
      return [`${path}: want an object, got ${show(actual)}`];
    }
    return keys.flatMap((key) => match(actual[key], matcher[key] as JsonValue, `${path}.${key}`));
  }
  if (Array.isArray(matcher)) {
    if (!Array.isArray(actual)) {
      return [`${path}: want an array, got ${show(actual)}`];
    }
    if (actual.length !== matcher.length) {
      return [`${path}: want ${matcher.length} elements, got ${actual.length}: ${show(actual)}`];
    }
    return matcher.flatMap((m, i) => match(actual[i], m, `${path}[${i}]`));
  }
  if (typeof matcher === "number") {
    // Proto JSON writes 64-bit integers as strings.
    const n = typeof actual === "string" && actual.trim() !== "" ? Number(actual) : actual;
    if (typeof n !== "number" || !numbersClose(n, matcher)) {
      return [`${path}: want ${matcher}, got ${show(actual)}`];
    }
    return [];
  }
  return actual === matcher ? [] : [`${path}: want ${show(matcher)}, got ${show(actual)}`];
}

function matchOperator(actual: JsonValue | undefined, op: string, arg: JsonValue, path: string): string[] {
  switch (op) {
    case "$contains": {
      if (!Array.isArray(actual)) {
        return [`${path}: want an array for $contains, got ${show(actual)}`];
      }
      if (!Array.isArray(arg)) {
        return [`${path}: $contains needs an array of matchers`];
      }
      return arg.flatMap((m, i) =>
        actual.some((element) => match(element, m).length === 0)
          ? []
          : [`${path}: no element matches $contains[${i}] ${show(m)} in ${show(actual)}`],
      );
    }
    case "$size":
      if (!Array.isArray(actual)) {
        return [`${path}: want an array for $size, got ${show(actual)}`];
      }
      return actual.length === arg ? [] : [`${path}: want ${show(arg)} elements, got ${actual.length}`];
    case "$nonEmpty": {
      const nonEmpty = (typeof actual === "string" || Array.isArray(actual)) && actual.length > 0;
      return nonEmpty === (arg === true) ? [] : [`${path}: want $nonEmpty ${show(arg)}, got ${show(actual)}`];
    }
    default:
      return [`${path}: unknown matcher ${op}`];
  }
}

function numbersClose(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

function isObject(v: JsonValue | undefined): v is { [k: string]: JsonValue } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function show(v: JsonValue | undefined): string {
  const s = v === undefined ? "nothing" : JSON.stringify(v);
  return s.length > 300 ? `${s.slice(0, 300)}...` : s;
}
