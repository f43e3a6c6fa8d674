import type { Operator } from "../schema/operators.ts";
import type { Duration } from "../schema/primitives.ts";
import type { ContactState } from "../state/contact-state.ts";
import { durationMs } from "../values/durations.ts";
import { type CompiledNode, timeless } from "./compiled-node.ts";
import type { Comparison } from "./value-predicate.ts";
import { RELATIVE_DATE_OPERATORS } from "./value-predicate.ts";

/**
 * Next instant after `now` at which a relative-date operator flips for a fixed date `t` (ms; NaN
 * when there is none). Exact for integer-ms times: within_last holds on [t, t+d], more_than_ago
 * from t+d+1 on, within_next on [t-d, t].
 * @example relativeDateNext("within_last", 1000, 5000, 5500) // 6001
 */
export function relativeDateNext(op: Operator, ms: number, t: number, now: number): number {
  if (Number.isNaN(t)) return Number.POSITIVE_INFINITY;
  const inf = Number.POSITIVE_INFINITY;
  switch (op) {
    case "within_last":
      return now < t ? t : now <= t + ms ? t + ms + 1 : inf;
    case "more_than_ago":
      return now < t + ms + 1 ? t + ms + 1 : inf;
    case "within_next":
      return now < t - ms ? t - ms : now <= t ? t + 1 : inf;
    default:
      return inf;
  }
}

/**
 * A condition on one date of the contact (`dateOf`: epoch ms, NaN when missing): timeless unless
 * its operator is relative, then with the exact instant it flips.
 */
export function dateCondition(
  c: Comparison,
  test: CompiledNode["test"],
  dateOf: (s: ContactState) => number,
): CompiledNode {
  if (!RELATIVE_DATE_OPERATORS.has(c.operator)) return timeless(test);
  const ms = durationMs(c.value as Duration);
  return {
    test,
    evaluate: (s, now, seg) => ({
      result: test(s, now, seg),
      next: relativeDateNext(c.operator, ms, dateOf(s), now),
    }),
  };
}
