import { EventTracker } from "./event-tracker.ts";
import type { StateLayout } from "./state-layout.ts";
import { spanStart, timesEnd } from "./tracker-span.ts";

/** Every state's `host` until the host first sets it. */
const NO_HOST: number[] = [];

/**
 * What the engine keeps of one contact: only the facts the rules read (see StateLayout), resolved
 * and indexed for evaluation. Mutated in place by `applyMessage`.
 *
 * Two arrays hold it all, at the positions `layout.at` gives: per-array headers (48 bytes each)
 * and per-tracker objects used to cost more than the data of most contacts.
 */
export class ContactState {
  /**
   * Per property slot its resolved value (literal key, then dot path) or undefined; then the
   * numbers conditions read most (property dates, scores; NaN when missing); then, at
   * `layout.at.doublesAt`, the doubles array `d`. Keeping those numbers here and `d` in here
   * rather than in a field makes everything but events sit at a regular stride in memory after
   * GC (V8 copies objects level by level, and `d`, whose size varies, comes a level later): scans
   * over many contacts stay prefetch-friendly, up to twice as fast as with `d` a level higher.
   */
  readonly v: unknown[];
  /** What most contacts never have, in one field: allocated on first use. */
  x: StateExtras | undefined;
  /**
   * Numbers the host keeps per contact beside the state (the server: its memberships and next
   * changes), here rather than in an object of its own, which would cost one more header and
   * pointer per contact. The engine never reads it. Starts as a shared empty array: replace it,
   * never write into it.
   */
  host: number[] = NO_HOST;

  constructor(
    readonly id: string,
    readonly layout: StateLayout,
  ) {
    const at = layout.at;
    // Copies of templates: allocated at their exact size, with no elements-kind transition.
    this.v = at.values.slice();
    this.v[at.doublesAt] = at.doubles.slice();
  }

  /**
   * The other numbers, unboxed: times of scores and traits, tracker boundaries and events. A plain array of doubles stays on the V8 heap (a typed array's backing store lives elsewhere:
   * one more cache miss per evaluation). Replaced, at its exact new size, when an event is inserted.
   */
  get d(): number[] {
    return this.v[this.layout.at.doublesAt] as number[];
  }

  /** Replaces the doubles with an array of exactly their size (no spare room). */
  set d(d: number[]) {
    this.v[this.layout.at.doublesAt] = d;
    this.spare = 0;
  }

  /**
   * Doubles the backing store of `d` holds past its length, for the next events (`insertEvent`).
   * Only a hint: too high, V8 grows the array itself; too low, an insert copies it.
   */
  spare = 0;

  /** Static lists the contact is in (only lists some rule reads). */
  get lists(): Set<string> | undefined {
    return this.x?.lists;
  }

  set lists(lists: Set<string> | undefined) {
    this.extras().lists = lists;
  }

  /** Bucket per salt, computed on first use (it depends only on ids). */
  get buckets(): Map<string, number> | undefined {
    return this.x?.buckets;
  }

  set buckets(buckets: Map<string, number> | undefined) {
    this.extras().buckets = buckets;
  }

  extras(): StateExtras {
    this.x ??= {};
    return this.x;
  }

  /** Per property slot: the resolved value or undefined. */
  get props(): readonly unknown[] {
    return this.v;
  }

  /** The numbers rules read most: scores at `layout.scoreNum`, property dates at `layout.propertyNum`. */
  get num(): readonly number[] {
    return this.v as number[];
  }

  /** Number of events in tracker `k`. */
  eventCount(k: number): number {
    const t = this.layout.at.span[k];
    return timesEnd(this.d, t) - spanStart(this.d, t);
  }

  /** A copy of tracker `k`'s events (times and measured values). */
  tracker(k: number): EventTracker {
    const d = this.d;
    const t = this.layout.at.span[k];
    const lo = spanStart(d, t);
    const n = timesEnd(d, t) - lo;
    const values: number[][] = [];
    for (let c = 1; c < t.stride; c++) values.push(d.slice(lo + c * n, lo + (c + 1) * n));
    return new EventTracker(d.slice(lo, lo + n), values);
  }

  /** Copies of every tracker's events (see `tracker`): for explanations, not for hot paths. */
  get trackers(): readonly EventTracker[] {
    return this.layout.trackers.map((t) => this.tracker(t.index));
  }

  /** Approximate bytes retained by this state (V8 object and array overheads included). */
  byteSize(): number {
    let bytes = 24 + 6 * 8 + 2 * this.id.length + 16;
    bytes += 48 + 8 * this.v.length;
    bytes += 48 + 8 * (this.d.length + this.spare);
    for (let i = 0; i < this.layout.at.doublesAt; i++) bytes += valueBytes(this.v[i]);
    if (this.x !== undefined) bytes += 56;
    if (this.host !== NO_HOST) bytes += 48 + 8 * this.host.length;
    for (const l of this.lists ?? []) bytes += 40 + 2 * l.length;
    if (this.x?.parts !== undefined) bytes += 80 + 64 * this.x.parts.size;
    return bytes;
  }
}

/** Facts few contacts have, kept out of every state's fixed part. */
export interface StateExtras {
  lists?: Set<string> | undefined;
  buckets?: Map<string, number> | undefined;
  /**
   * Per dotted property slot whose literal key was ever sent (rare): that key's value and time,
   * and the dot path's value, since either may later be the one to read. Without it, the
   * property's slot holds its dot path's value and its literal key's time is -Infinity.
   */
  parts?: Map<number, DottedParts>;
}

export interface DottedParts {
  literal: unknown;
  time: number;
  path: unknown;
}

function valueBytes(v: unknown): number {
  // Numbers outside the small-integer range are boxed (NaN is one shared box).
  if (typeof v === "number")
    return Number.isNaN(v) || (Number.isInteger(v) && Math.abs(v) < 2 ** 31) ? 0 : 16;
  if (typeof v === "string") return 16 + v.length;
  if (v !== null && typeof v === "object") return JSON.stringify(v).length * 2 + 32;
  return 0;
}
