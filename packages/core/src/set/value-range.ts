import type { Comparison } from "../evaluator/value-predicate.ts";
import type { Duration } from "../schema/primitives.ts";
import { parseIsoDate } from "../values/dates.ts";
import { durationMs } from "../values/durations.ts";
import { below } from "./window-bounds.ts";

/**
 * An operator on a number (or on a value read as a date) as one closed interval:
 * holds when `(lo <= x && x <= hi) !== negate`. Lets hot loops over millions of values compare
 * inline instead of calling a predicate; the callers still apply the predicate itself to
 * missing values and to every value of another type.
 */
export interface ValueRange {
  lo: number;
  hi: number;
  negate: boolean;
  /** The interval is on the value read as a date (epoch ms), not on the number itself. */
  date: boolean;
}

const above = (x: number) => -below(-x);
const range = (lo: number, hi: number, date = false, negate = false): ValueRange => ({
  lo,
  hi,
  negate,
  date,
});
const INF = Number.POSITIVE_INFINITY;

/**
 * The interval of a comparison, or undefined when it has none (strings, arrays, presence...).
 * @example valueRange({ operator: "gte", value: 5 }, now) // { lo: 5, hi: Infinity, negate: false, date: false }
 */
export function valueRange(c: Comparison, now: number): ValueRange | undefined {
  const v = c.value;
  switch (c.operator) {
    case "eq":
    case "neq":
      return typeof v === "number" ? range(v, v, false, c.operator === "neq") : undefined;
    case "gt":
      return range(above(v as number), INF);
    case "gte":
      return range(v as number, INF);
    case "lt":
      return range(-INF, below(v as number));
    case "lte":
      return range(-INF, v as number);
    case "between": {
      const [a, b] = v as [number, number] | [string, string];
      if (typeof a === "number") return range(a, b as number);
      const x = parseIsoDate(a);
      const y = parseIsoDate(b as string);
      return x === undefined || y === undefined ? undefined : range(x, below(y), true);
    }
    case "before":
    case "after": {
      const x = parseIsoDate(v as string);
      if (x === undefined) return undefined;
      return c.operator === "before" ? range(-INF, below(x), true) : range(x, INF, true);
    }
    case "within_last":
      return range(now - durationMs(v as Duration), now, true);
    case "more_than_ago":
      return range(-INF, below(now - durationMs(v as Duration)), true);
    case "within_next":
      return range(now, now + durationMs(v as Duration), true);
    default:
      return undefined;
  }
}
