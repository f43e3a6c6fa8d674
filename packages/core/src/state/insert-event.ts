import type { ContactState } from "./contact-state.ts";
import { upperBoundIn } from "./sorted.ts";
import { boundary, HALF, type TrackerSpan } from "./tracker-span.ts";

/** Pads of 1..24 unboxed doubles: `concat` with one yields an array of doubles with no elements-kind transition. */
const PADS: number[][] = Array.from({ length: 24 }, (_, n) => new Array<number>(n + 1).fill(0.5).slice());

/**
 * Room for this many more events of the tracker is given when an insert has to grow `d`, so that
 * the next inserts shift in place. A new array per event outlives many scavenges (it is kept until
 * the contact's next event) and is promoted, then is garbage in the old space: it was most of what
 * live traffic promoted, and what made major collections come every half minute. V8 would give up
 * to 17 spare slots per growth; this is a stride or two.
 */
const SPARE_EVENTS = 2;

/**
 * Inserts one event into tracker `k` of the state's doubles (see StateLayout) at its own time
 * (late events included; equal times keep arrival order), with its measured values: in place when
 * `s.spare` has room, else into a new array with room for `SPARE_EVENTS` more.
 */
export function insertEvent(
  s: ContactState,
  spans: readonly TrackerSpan[],
  k: number,
  time: number,
  measured: readonly number[],
): void {
  const d = s.d;
  const t = spans[k];
  const stride = t.stride;
  const len = d.length;
  if (len + stride >= HALF) throw new RangeError("too many events kept for one contact");
  const lo = boundary(d, t.startAt, t.startHigh);
  const end = boundary(d, t.endAt, t.endHigh);
  const n = (end - lo) / stride;
  const r = upperBoundIn(d, lo, lo + n, time) - lo;
  let out = d;
  let spare = s.spare - stride;
  if (spare < 0) {
    spare = stride * SPARE_EVENTS;
    const pad = stride + spare;
    out = d.concat(pad <= PADS.length ? PADS[pad - 1] : new Array<number>(pad).fill(0.5));
  }
  // Within the backing store's capacity: V8 keeps it (no trim for so few) and the array its elements.
  out.length = len + stride;
  // Moved from the end backwards, so that in place nothing is overwritten before it is read.
  // Everything after this tracker moves by `stride`; each of its columns grows by one.
  for (let j = len - 1; j >= end; j--) out[j + stride] = d[j];
  for (let c = stride - 1; c >= 0; c--) {
    const src = lo + c * n;
    const dst = lo + c * (n + 1);
    for (let j = n - 1; j >= r; j--) out[dst + j + 1] = d[src + j];
    out[dst + r] = c === 0 ? time : measured[c - 1];
    // The times' column stays where it was (dst = src): below r, `out` holds them already (the
    // same array, or its copy by `concat`). The others move up by c.
    if (c > 0) for (let j = r - 1; j >= 0; j--) out[dst + j] = d[src + j];
  }
  // Inner boundaries k + 1..T - 1 (this tracker's end and later ones) move by `stride`.
  for (let b = k + 1; b < spans.length; b++) {
    const { startAt, startHigh } = spans[b];
    out[startAt] += startHigh === 1 ? stride * HALF : stride;
  }
  if (out !== d) s.d = out;
  s.spare = spare;
}
