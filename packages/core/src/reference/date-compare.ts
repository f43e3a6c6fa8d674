import type { Duration } from "../schema/primitives.ts";
import { parseIsoDate, toEpochMs } from "../values/dates.ts";
import { durationMs } from "../values/durations.ts";

/**
 * Date comparisons of one actual value (an ISO 8601 string or epoch ms; anything else is not a
 * date and fails) with rule values. A rule value that does not parse also fails: validation
 * rejects it, and the oracle must not crash on it.
 */

export type AbsoluteDate = "before" | "after";
export type RelativeDate = "within_last" | "more_than_ago" | "within_next";

/**
 * `before X` is `t < X`; `after X` is `t >= X`.
 * @example comparesDate("2026-01-31T00:00:00Z", "after", "2026-01-31") // true
 */
export function comparesDate(a: unknown, how: AbsoluteDate, iso: string): boolean {
  const t = toEpochMs(a);
  const x = parseIsoDate(iso);
  if (t === undefined || x === undefined) return false;
  return how === "before" ? t < x : t >= x;
}

/**
 * Half-open date range: `A <= t < B`.
 * @example inDateRange("2026-01-31", "2026-01-01", "2026-02-01") // true
 */
export function inDateRange(a: unknown, from: string, to: string): boolean {
  const t = toEpochMs(a);
  const lo = parseIsoDate(from);
  const hi = parseIsoDate(to);
  if (t === undefined || lo === undefined || hi === undefined) return false;
  return lo <= t && t < hi;
}

/**
 * Relative to now: `now - d <= t <= now` / `t < now - d` / `now <= t <= now + d`.
 * @example comparesRelative(0, "within_next", { amount: 1, unit: "minute" }, 0) // true
 */
export function comparesRelative(a: unknown, how: RelativeDate, d: Duration, now: number): boolean {
  const t = toEpochMs(a);
  if (t === undefined) return false;
  const span = durationMs(d);
  switch (how) {
    case "within_last":
      return now - span <= t && t <= now;
    case "more_than_ago":
      return t < now - span;
    case "within_next":
      return now <= t && t <= now + span;
    default: {
      const unreachable: never = how;
      return unreachable;
    }
  }
}
