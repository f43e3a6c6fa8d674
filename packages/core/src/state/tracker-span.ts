/**
 * Where a tracker's events lie in a state's doubles `d` (see StateLayout). Tracker k spans
 * boundaries k to k + 1; of the T + 1 boundaries the first is where the events start (a constant
 * of the layout) and the last is d.length, so only the T - 1 between trackers are stored: small
 * integers, packed two per double (high * 2^26 + low) to halve their cost. Decoding is a multiply,
 * a floor and a subtraction, all exact.
 */
export const HALF = 2 ** 26;

/** Where a boundary is: `at` >= 0, the low or high (`high` 0 or 1) half of d[at]; -1, the constant `high`; -2, d.length. */
export function boundary(d: readonly number[], at: number, high: number): number {
  if (at < 0) return at === -1 ? high : d.length;
  const x = d[at];
  const h = Math.floor(x / HALF);
  return high === 1 ? h : x - h * HALF;
}

/**
 * Tracker k's span [start, end) of `d`: its n times, then n values per measured property, so
 * n = (end - start) / stride.
 */
export interface TrackerSpan {
  startAt: number;
  startHigh: number;
  endAt: number;
  endHigh: number;
  stride: number;
}

/** Boundary `b` of `trackers` trackers whose inner boundaries are stored from d[offsets]. */
export function boundaryPosition(offsets: number, trackers: number, b: number): { at: number; high: number } {
  if (b === 0) return { at: -1, high: offsets + innerDoubles(trackers) };
  if (b === trackers) return { at: -2, high: 0 };
  return { at: offsets + ((b - 1) >> 1), high: (b - 1) & 1 };
}

/** Doubles holding the inner boundaries of `trackers` trackers. */
export function innerDoubles(trackers: number): number {
  return trackers >> 1;
}

export function spanStart(d: readonly number[], t: TrackerSpan): number {
  return boundary(d, t.startAt, t.startHigh);
}

/** Index after the tracker's last time (its first measured value, if any). */
export function timesEnd(d: readonly number[], t: TrackerSpan): number {
  return timesEndFrom(d, spanStart(d, t), t.endAt, t.endHigh, t.stride);
}

/** `timesEnd` from the span's start and its end boundary's position (generated code passes numbers). */
export function timesEndFrom(
  d: readonly number[],
  lo: number,
  endAt: number,
  endHigh: number,
  stride: number,
): number {
  return lo + (boundary(d, endAt, endHigh) - lo) / stride;
}
