import type { Window } from "../schema/primitives.ts";
import { parseIsoDate } from "../values/dates.ts";
import { durationMs } from "../values/durations.ts";

/**
 * Whether an event time `t` lies inside the window; no window admits every time.
 * `within_last`: `now - d <= t <= now` · `after X`: `t >= X` · `before X`: `t < X` ·
 * `between [A, B]`: `A <= t < B`. An unparsable bound (rejected by validation) admits nothing.
 * @example inWindow({ after: "2026-01-01" }, Date.UTC(2026, 0, 1), 0) // true
 */
export function inWindow(window: Window | undefined, t: number, now: number): boolean {
  if (window === undefined) return true;
  if ("within_last" in window) {
    return now - durationMs(window.within_last) <= t && t <= now;
  }
  if ("after" in window) {
    const x = parseIsoDate(window.after);
    return x !== undefined && t >= x;
  }
  if ("before" in window) {
    const x = parseIsoDate(window.before);
    return x !== undefined && t < x;
  }
  if ("between" in window) {
    const a = parseIsoDate(window.between[0]);
    const b = parseIsoDate(window.between[1]);
    return a !== undefined && b !== undefined && a <= t && t < b;
  }
  const unreachable: never = window;
  return unreachable;
}
