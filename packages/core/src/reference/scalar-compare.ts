/**
 * Comparisons of one actual value with one rule value, as docs/rule-semantics.md words them:
 * no coercion, `null` is missing, strings are lower-cased only when `ignore_case` is set.
 */

/** Present means neither absent nor `null`, whatever the type. */
export function isPresent(a: unknown): boolean {
  return a !== undefined && a !== null;
}

function fold(s: string, ignoreCase: boolean): string {
  return ignoreCase ? s.toLowerCase() : s;
}

/**
 * Same type (string or number) and equal.
 * @example equals("Free", "free", true) // true
 */
export function equals(a: unknown, v: string | number, ignoreCase: boolean): boolean {
  if (typeof a === "string" && typeof v === "string") return fold(a, ignoreCase) === fold(v, ignoreCase);
  if (typeof a === "number" && typeof v === "number") return a === v;
  return false;
}

/**
 * `equals` holds for some element of `vs`.
 * @example equalsSome(5, [1, 5]) // true
 */
export function equalsSome(a: unknown, vs: readonly (string | number)[], ignoreCase = false): boolean {
  return vs.some((v) => equals(a, v, ignoreCase));
}

export type TextMatch = "contains" | "starts_with" | "ends_with";

/**
 * `a` is a string that contains / starts with / ends with `v`.
 * @example matchesText("Pricing", "starts_with", "pri", true) // true
 */
export function matchesText(a: unknown, how: TextMatch, v: string, ignoreCase: boolean): boolean {
  if (typeof a !== "string") return false;
  const [s, t] = [fold(a, ignoreCase), fold(v, ignoreCase)];
  switch (how) {
    case "contains":
      return s.includes(t);
    case "starts_with":
      return s.startsWith(t);
    case "ends_with":
      return s.endsWith(t);
    default: {
      const unreachable: never = how;
      return unreachable;
    }
  }
}

export type Comparison = "gt" | "gte" | "lt" | "lte";

/**
 * `a` is a number and compares so with `v`.
 * @example comparesNumber(5, "gte", 5) // true
 */
export function comparesNumber(a: unknown, how: Comparison, v: number): boolean {
  if (typeof a !== "number") return false;
  switch (how) {
    case "gt":
      return a > v;
    case "gte":
      return a >= v;
    case "lt":
      return a < v;
    case "lte":
      return a <= v;
    default: {
      const unreachable: never = how;
      return unreachable;
    }
  }
}

/**
 * `a` is an array with an element equal to `v` (same rules as `equals`).
 * @example arrayIncludes(["a", "b"], "B", true) // true
 */
export function arrayIncludes(a: unknown, v: string, ignoreCase: boolean): boolean {
  return Array.isArray(a) && a.some((element: unknown) => equals(element, v, ignoreCase));
}
