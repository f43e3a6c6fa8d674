import type { Window } from "../schema/primitives.ts";
import { parseIsoDate } from "../values/dates.ts";
import { durationMs } from "../values/durations.ts";

/** An event time range as two inclusive bounds: `lo <= t && t <= hi`. */
export interface TimeBounds {
  lo: number;
  hi: number;
}

const scratch = new DataView(new ArrayBuffer(8));

/** The greatest double below x: `t < x` is exactly `t <= below(x)`, so every window is one closed range. */
export function below(x: number): number {
  if (!Number.isFinite(x)) return x;
  if (x === 0) return -Number.MIN_VALUE;
  scratch.setFloat64(0, x);
  const bits = scratch.getBigInt64(0);
  scratch.setBigInt64(0, x > 0 ? bits - 1n : bits + 1n);
  return scratch.getFloat64(0);
}

const NOTHING: TimeBounds = { lo: Number.POSITIVE_INFINITY, hi: Number.NEGATIVE_INFINITY };

/**
 * RULES.md windows as closed bounds: `within_last d` is [now - d, now], `after X` [X, ∞),
 * `before X` (-∞, X), `between [A, B]` [A, B); no window admits every time, an unparsable bound nothing.
 * @example windowBounds({ within_last: { amount: 1, unit: "day" } }, now) // { lo: now - 86400000, hi: now }
 */
export function windowBounds(window: Window | undefined, now: number): TimeBounds {
  if (window === undefined) return { lo: Number.NEGATIVE_INFINITY, hi: Number.POSITIVE_INFINITY };
  if ("within_last" in window) return { lo: now - durationMs(window.within_last), hi: now };
  if ("after" in window) {
    const x = parseIsoDate(window.after);
    return x === undefined ? NOTHING : { lo: x, hi: Number.POSITIVE_INFINITY };
  }
  if ("before" in window) {
    const x = parseIsoDate(window.before);
    return x === undefined ? NOTHING : { lo: Number.NEGATIVE_INFINITY, hi: below(x) };
  }
  const a = parseIsoDate(window.between[0]);
  const b = parseIsoDate(window.between[1]);
  return a === undefined || b === undefined ? NOTHING : { lo: a, hi: below(b) };
}
