import type { Window } from "../schema/primitives.ts";
import { lowerBoundIn, upperBoundIn } from "../state/sorted.ts";
import { parseIsoDate } from "../values/dates.ts";
import { durationMs } from "../values/durations.ts";

/**
 * The index range [from, to) of the sorted times that lie inside a window at `now`; the times are
 * times[lo, hi) (all of them by default: a state packs several trackers in one array).
 */
export type WindowRange = (
  times: readonly number[],
  now: number,
  lo?: number,
  hi?: number,
) => { from: number; to: number };

export interface CompiledWindow {
  range: WindowRange;
  /** Length of a `within_last` window in ms; undefined for absolute windows and "all events". */
  relativeMs: number | undefined;
}

/**
 * @example compileWindow({ within_last: { amount: 7, unit: "day" } }).relativeMs // 604800000
 */
export function compileWindow(w: Window | undefined): CompiledWindow {
  if (w === undefined) {
    return { range: (t, _now, lo = 0, hi = t.length) => ({ from: lo, to: hi }), relativeMs: undefined };
  }
  if ("within_last" in w) {
    const ms = durationMs(w.within_last);
    return {
      range: (t, now, lo = 0, hi = t.length) => ({
        from: lowerBoundIn(t, lo, hi, now - ms),
        to: upperBoundIn(t, lo, hi, now),
      }),
      relativeMs: ms,
    };
  }
  const [lo, hi] =
    "after" in w
      ? [parseIsoDate(w.after) as number, Number.POSITIVE_INFINITY]
      : "before" in w
        ? [Number.NEGATIVE_INFINITY, parseIsoDate(w.before) as number]
        : [parseIsoDate(w.between[0]) as number, parseIsoDate(w.between[1]) as number];
  return {
    range: (t, _now, from = 0, to = t.length) => ({
      from: lowerBoundIn(t, from, to, lo),
      to: lowerBoundIn(t, from, to, hi),
    }),
    relativeMs: undefined,
  };
}

/**
 * The first instant after `now` at which `holdsAt` differs from `current`, considering only the
 * instants at which the content of a `within_last` window of `ms` over `times` changes: an event
 * enters at its time and leaves at time + ms + 1. Infinity when it never differs. The times are
 * times[lo, n).
 */
export function nextWindowFlip(
  times: readonly number[],
  ms: number,
  now: number,
  current: boolean,
  holdsAt: (instant: number) => boolean,
  lo = 0,
  n = times.length,
): number {
  let enter = upperBoundIn(times, lo, n, now);
  let leave = lowerBoundIn(times, lo, n, now - ms);
  while (enter < n || leave < n) {
    const c = Math.min(
      enter < n ? times[enter] : Number.POSITIVE_INFINITY,
      leave < n ? times[leave] + ms + 1 : Number.POSITIVE_INFINITY,
    );
    while (enter < n && times[enter] === c) enter++;
    while (leave < n && times[leave] + ms + 1 === c) leave++;
    if (holdsAt(c) !== current) return c;
  }
  return Number.POSITIVE_INFINITY;
}
