import { upperBoundIn } from "./sorted.ts";
import { boundary, HALF, type TrackerSpan } from "./tracker-span.ts";

/** Pads of 1..8 unboxed doubles: `concat` with one yields an exact-size array of doubles. */
const PADS: number[][] = Array.from({ length: 8 }, (_, n) => new Array<number>(n + 1).fill(0.5).slice());

/**
 * `d` (a state's doubles, see StateLayout) with one event inserted into tracker `k` at its own
 * time (late events included; equal times keep arrival order), with its measured values. Returns
 * a new array of the exact size: V8 would give a grown array up to 17 spare slots per insert,
 * more than most contacts' data.
 */
export function insertEvent(
  d: number[],
  spans: readonly TrackerSpan[],
  k: number,
  time: number,
  measured: readonly number[],
): number[] {
  const t = spans[k];
  const stride = t.stride;
  if (d.length + stride >= HALF) throw new RangeError("too many events kept for one contact");
  const lo = boundary(d, t.startAt, t.startHigh);
  const end = boundary(d, t.endAt, t.endHigh);
  const n = (end - lo) / stride;
  const r = upperBoundIn(d, lo, lo + n, time) - lo;
  const out = d.concat(stride <= PADS.length ? PADS[stride - 1] : new Array<number>(stride).fill(0.5));
  // Everything after this tracker moves by `stride`; each of its columns grows by one.
  for (let j = d.length - 1; j >= end; j--) out[j + stride] = d[j];
  for (let c = stride - 1; c >= 0; c--) {
    const src = lo + c * n;
    const dst = lo + c * (n + 1);
    for (let j = n - 1; j >= r; j--) out[dst + j + 1] = d[src + j];
    out[dst + r] = c === 0 ? time : measured[c - 1];
    for (let j = r - 1; j >= 0; j--) out[dst + j] = d[src + j];
  }
  // Inner boundaries k + 1..T - 1 (this tracker's end and later ones) move by `stride`.
  for (let b = k + 1; b < spans.length; b++) {
    const { startAt, startHigh } = spans[b];
    out[startAt] += startHigh === 1 ? stride * HALF : stride;
  }
  return out;
}
