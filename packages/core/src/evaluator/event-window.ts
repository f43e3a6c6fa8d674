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

/** One end of that range (the hot path: no range object per call). */
export type WindowBound = (times: readonly number[], now: number, lo: number, hi: number) => number;

export interface CompiledWindow {
  range: WindowRange;
  from: WindowBound;
  to: WindowBound;
  /** Length of a `within_last` window in ms; undefined for absolute windows and "all events". */
  relativeMs: number | undefined;
}

/**
 * @example compileWindow({ within_last: { amount: 7, unit: "day" } }).relativeMs // 604800000
 */
export function compileWindow(w: Window | undefined): CompiledWindow {
  if (w === undefined)
    return bounded(
      (_t, _now, lo) => lo,
      (_t, _now, _lo, hi) => hi,
      undefined,
    );
  if ("within_last" in w) {
    const ms = durationMs(w.within_last);
    return bounded(
      (t, now, lo, hi) => lowerBoundIn(t, lo, hi, now - ms),
      (t, now, lo, hi) => upperBoundIn(t, lo, hi, now),
      ms,
    );
  }
  const [after, before] =
    "after" in w
      ? [parseIsoDate(w.after) as number, Number.POSITIVE_INFINITY]
      : "before" in w
        ? [Number.NEGATIVE_INFINITY, parseIsoDate(w.before) as number]
        : [parseIsoDate(w.between[0]) as number, parseIsoDate(w.between[1]) as number];
  return bounded(
    (t, _now, lo, hi) => lowerBoundIn(t, lo, hi, after),
    (t, _now, lo, hi) => lowerBoundIn(t, lo, hi, before),
    undefined,
  );
}

function bounded(from: WindowBound, to: WindowBound, relativeMs: number | undefined): CompiledWindow {
  return {
    from,
    to,
    range: (t, now, lo = 0, hi = t.length) => ({ from: from(t, now, lo, hi), to: to(t, now, lo, hi) }),
    relativeMs,
  };
}

/** Whether a condition holds at `instant`, over times[lo, end) (see nextWindowFlip). */
export type HoldsAt = (times: readonly number[], lo: number, end: number, instant: number) => boolean;

/**
 * The first instant after `now` at which `holdsAt` differs from `current`, considering only the
 * instants at which the content of a `within_last` window of `ms` over `times` changes: an event
 * enters at its time and leaves at time + ms + 1. Infinity when it never differs. The times are
 * times[lo, n); `holdsAt` is called with them, so that a caller passes one function made once,
 * not a closure per evaluation.
 */
export function nextWindowFlip(
  times: readonly number[],
  ms: number,
  now: number,
  current: boolean,
  holdsAt: HoldsAt,
  lo = 0,
  n = times.length,
): number {
  return nextFlip(times, ms, now, current, lo, n, holdsAt, undefined);
}

/** Whether a count condition holds with `count` events in its window at `instant`. */
export type CountHolds = (count: number, instant: number) => boolean;

/**
 * `nextWindowFlip` for a count, at the same instants: the window's count at each is the distance
 * between the walk's two cursors, so an instant costs no search. Counts are most of the event
 * conditions, and a contact a message touches has each of its windowed ones asked.
 */
export function nextCountFlip(
  times: readonly number[],
  ms: number,
  now: number,
  current: boolean,
  holds: CountHolds,
  lo: number,
  n: number,
): number {
  return nextFlip(times, ms, now, current, lo, n, undefined, holds);
}

/**
 * The walk of both: `enter` is the first time after the instant, `leave` the first at or after
 * instant - ms (kept exact as they advance), so times[leave, enter) is the window's content.
 */
function nextFlip(
  times: readonly number[],
  ms: number,
  now: number,
  current: boolean,
  lo: number,
  n: number,
  holdsAt: HoldsAt | undefined,
  holds: CountHolds | undefined,
): number {
  let enter = upperBoundIn(times, lo, n, now);
  let leave = lowerBoundIn(times, lo, n, now - ms);
  while (enter < n || leave < n) {
    const c = Math.min(
      enter < n ? times[enter] : Number.POSITIVE_INFINITY,
      leave < n ? times[leave] + ms + 1 : Number.POSITIVE_INFINITY,
    );
    while (enter < n && times[enter] <= c) enter++;
    while (leave < n && times[leave] < c - ms) leave++;
    const holdsNow = holds !== undefined ? holds(enter - leave, c) : (holdsAt as HoldsAt)(times, lo, n, c);
    if (holdsNow !== current) return c;
  }
  return Number.POSITIVE_INFINITY;
}
