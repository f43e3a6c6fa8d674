import { comparesDate, comparesRelative, inDateRange } from "./date-compare.ts";
import { ignoresCase, type OperatorTest } from "./operator-test.ts";
import {
  arrayIncludes,
  comparesNumber,
  equals,
  equalsSome,
  isPresent,
  matchesText,
} from "./scalar-compare.ts";

/**
 * Applies the test's operator to one actual value (`undefined` when missing). Each negative
 * operator is written as `!` of the very expression its positive twin uses.
 * @example applyOperator({ type: "score", score: "nps", operator: "gte", value: 8 }, 9, 0) // true
 */
export function applyOperator(test: OperatorTest, a: unknown, now: number): boolean {
  const ic = ignoresCase(test);
  switch (test.operator) {
    case "exists":
      return isPresent(a);
    case "not_exists":
      return !isPresent(a);
    case "is_true":
      return a === true;
    case "is_false":
      return a === false;
    case "eq":
      return equals(a, test.value, ic);
    case "neq":
      return !equals(a, test.value, ic);
    case "in":
      return equalsSome(a, test.value, ic);
    case "not_in":
      return !equalsSome(a, test.value, ic);
    case "contains":
      return matchesText(a, "contains", test.value, ic);
    case "not_contains":
      return !matchesText(a, "contains", test.value, ic);
    case "starts_with":
    case "ends_with":
      return matchesText(a, test.operator, test.value, ic);
    case "gt":
    case "gte":
    case "lt":
    case "lte":
      return comparesNumber(a, test.operator, test.value);
    case "between":
      return inRange(a, test.value);
    case "before":
    case "after":
      return comparesDate(a, test.operator, test.value);
    case "within_last":
    case "more_than_ago":
    case "within_next":
      return comparesRelative(a, test.operator, test.value, now);
    case "includes":
      return arrayIncludes(a, test.value, ic);
    case "not_includes":
      return !arrayIncludes(a, test.value, ic);
    case "includes_any":
      return test.value.some((v) => arrayIncludes(a, v, ic));
    case "includes_all":
      // Array check first: `every` over an empty list would otherwise hold for any value.
      return Array.isArray(a) && test.value.every((v) => arrayIncludes(a, v, ic));
    default: {
      const unreachable: never = test;
      return unreachable;
    }
  }
}

/** The rule value decides the kind: two numbers are an inclusive number range, two ISO strings a half-open date range. */
function inRange(a: unknown, [lo, hi]: readonly [number, number] | readonly [string, string]): boolean {
  if (typeof lo === "number" && typeof hi === "number") {
    return typeof a === "number" && lo <= a && a <= hi;
  }
  if (typeof lo === "string" && typeof hi === "string") return inDateRange(a, lo, hi);
  return false;
}
