import type { ContactState } from "@growthos/segments-core";

/**
 * What the runtime keeps per contact beside the engine's state, in the state's `host` array
 * (plain doubles):
 *
 *   [W, dueKnown, member word × W, next change …, NaN …]
 *
 * - member words: the segments the contact is in, as bits over `SegmentOrdinals`, 30 per word
 *   (small integers);
 * - dueKnown: 0 until a full pass has computed every time-dependent segment's next change, then
 *   a stamp that changes whenever the next changes or the words are rewritten (the array is
 *   updated in place, so its identity cannot tell a staged pass that the contact changed);
 * - next changes: one number per time-dependent segment that has one, (instant − EPOCH) × 4096
 *   + segment number; a pair [−(segment number + 1), instant] when that does not fit (a segment
 *   number ≥ 4096, an instant before 2024 or after 2093, a fractional instant);
 * - NaN: room left by fewer next changes than the array had, or kept for more (`SLACK`). The
 *   next changes are rewritten in place when they fit: a new array would be kept until the
 *   contact's next message, outlive many scavenges and be promoted (half of what live traffic
 *   promoted was these arrays), then be garbage in the old space.
 *
 * One array instead of an entry object, a bits array and a pairs array, and one number per next
 * change instead of two: about 300 bytes less per contact (docs/benchmarks.md).
 */
const BITS = 30;
const HEAD = 2;
/** 2024-01-01T00:00:00Z: packed instants count from here. */
const EPOCH = 1_704_067_200_000;
const ORDINALS = 4096;
/** 2^41 ms (69 years): (instant − EPOCH) × 4096 + ordinal stays below 2^53, so it is exact. */
const SPAN = 2 ** 41;
/** Spare room given when the next changes outgrow an array that already had some (not on the first pass, so a loaded contact's array stays exact). */
const SLACK = 2;

export function isMember(s: ContactState, ordinal: number): boolean {
  const h = s.host;
  const i = (ordinal / BITS) | 0;
  return i < wordCount(h) && (h[HEAD + i] & (1 << (ordinal % BITS))) !== 0;
}

/** Sets or clears the membership bit; returns whether it changed. */
export function setMember(s: ContactState, ordinal: number, member: boolean): boolean {
  if (isMember(s, ordinal) === member) return false;
  const i = (ordinal / BITS) | 0;
  if (i >= wordCount(s.host)) s.host = withWords(s.host, i + 1);
  const h = s.host;
  const mask = 1 << (ordinal % BITS);
  h[HEAD + i] = member ? h[HEAD + i] | mask : h[HEAD + i] & ~mask;
  return true;
}

/** The segment numbers the contact is a member of, ascending. */
export function memberOrdinals(s: ContactState): number[] {
  const h = s.host;
  const out: number[] = [];
  for (let i = 0; i < wordCount(h); i++) {
    for (let w = h[HEAD + i], b = 0; w !== 0; w >>>= 1, b++) if ((w & 1) !== 0) out.push(i * BITS + b);
  }
  return out;
}

/** Drops every membership bit (the next changes are kept). */
export function clearMembers(s: ContactState): void {
  const h = s.host;
  for (let i = 0; i < wordCount(h); i++) h[HEAD + i] = 0;
}

/** Whether the next changes are known (the contact has had a full pass since its state was built). */
export function dueKnown(s: ContactState): boolean {
  return s.host.length > 0 && s.host[1] !== 0;
}

/** Changes whenever the next changes or the member words are rewritten (0: unknown). */
export function dueStamp(s: ContactState): number {
  return s.host.length === 0 ? 0 : s.host[1];
}

/** The last stamp given; a snapshot's hosts are restored with 1 (`restoredHost`), so stamps given here never repeat one. */
let lastStamp = 1;

/** A host array read back from a snapshot: its stamp, from another process, set to 1. */
export function restoredHost(h: number[]): number[] {
  if (h.length > 1 && h[1] !== 0) h[1] = 1;
  return h;
}

/**
 * Writes the next changes as [segment number, instant, …] into `out` from index `at` (a reused
 * array: no closure or array per call); returns the index after the last one written.
 */
export function duesInto(s: ContactState, out: number[], at: number): number {
  const h = s.host;
  let n = at;
  for (let k = HEAD + wordCount(h); k < h.length; k++) {
    const x = h[k];
    if (Number.isNaN(x)) break; // the spare room
    if (x < 0) {
      out[n++] = -x - 1;
      out[n++] = h[++k];
    } else {
      const o = x % ORDINALS;
      out[n++] = o;
      out[n++] = packedInstant(x, o);
    }
  }
  return n;
}

/** The earliest next change, or +Infinity (read in place: no pairs written out). */
export function earliestDue(s: ContactState): number {
  const h = s.host;
  let min = Number.POSITIVE_INFINITY;
  for (let k = HEAD + wordCount(h); k < h.length; k++) {
    const x = h[k];
    if (Number.isNaN(x)) break; // the spare room
    const at = x < 0 ? h[++k] : packedInstant(x, x % ORDINALS);
    if (at < min) min = at;
  }
  return min;
}

/**
 * Replaces the next changes with the first `count` numbers of `pairs` ([segment number, instant,
 * …]) and marks them known; returns the earliest of them (+Infinity when none), which the
 * caller's timer needs.
 */
export function setDues(s: ContactState, pairs: readonly number[], count = pairs.length): number {
  const h = s.host;
  const w = wordCount(h);
  let n = 0;
  let earliest = Number.POSITIVE_INFINITY;
  for (let k = 0; k < count; k += 2) {
    n += packs(pairs[k], pairs[k + 1]) ? 1 : 2;
    if (pairs[k + 1] < earliest) earliest = pairs[k + 1];
  }
  const size = HEAD + w + n;
  const had = h.length > HEAD + w && !Number.isNaN(h[HEAD + w]);
  const out = size <= h.length ? h : new Array<number>(had ? size + SLACK : size);
  out[0] = w;
  out[1] = ++lastStamp;
  if (out !== h) for (let i = 0; i < w; i++) out[HEAD + i] = h[HEAD + i];
  let at = HEAD + w;
  for (let k = 0; k < count; k += 2) {
    const o = pairs[k];
    const t = pairs[k + 1];
    if (packs(o, t)) out[at++] = (t - EPOCH) * ORDINALS + o;
    else {
      out[at++] = -o - 1;
      out[at++] = t;
    }
  }
  out.fill(Number.NaN, at);
  s.host = out;
  return earliest;
}

/** Forgets the next changes: the contact's next pass is a full one. */
export function forgetDues(s: ContactState): void {
  const h = s.host;
  if (h.length === 0) return;
  h[1] = 0;
  h.fill(Number.NaN, HEAD + wordCount(h));
}

/** The instant of a packed next change `x` whose segment number is `ordinal` (x mod ORDINALS). */
function packedInstant(x: number, ordinal: number): number {
  return (x - ordinal) / ORDINALS + EPOCH;
}

function packs(ordinal: number, at: number): boolean {
  const t = at - EPOCH;
  return ordinal < ORDINALS && Number.isInteger(t) && t >= 0 && t < SPAN;
}

function wordCount(h: readonly number[]): number {
  return h.length === 0 ? 0 : h[0];
}

/** A copy of `h` with `w` member words (at least as many as it has), its next changes kept. */
function withWords(h: readonly number[], w: number): number[] {
  const had = wordCount(h);
  const rest = h.length === 0 ? 0 : h.length - HEAD - had;
  const out = new Array<number>(HEAD + w + rest);
  out[0] = w;
  out[1] = h.length === 0 || h[1] === 0 ? 0 : ++lastStamp;
  for (let i = 0; i < w; i++) out[HEAD + i] = i < had ? h[HEAD + i] : 0;
  for (let k = 0; k < rest; k++) out[HEAD + w + k] = h[HEAD + had + k];
  return out;
}
