import { upperBound } from "./sorted.ts";

const NO_VALUES: number[][] = [];

/** Arrays up to this length are reallocated at their exact size on insert (no spare capacity). */
const EXACT_UP_TO = 32;

/**
 * The events of one contact that match one (event name, where-filters) pair: their times in
 * ascending order and, aligned with them, the numeric value of every property some aggregate
 * measures (NaN when missing or not a number). This is all the rules need of those events.
 */
export class EventTracker {
  times: number[] = [];
  readonly values: number[][];

  /** The tracker every state starts with: shared, never written (apply-message replaces it). */
  static readonly EMPTY: EventTracker = new EventTracker(0);

  constructor(measuredProperties: number) {
    this.values = measuredProperties === 0 ? NO_VALUES : Array.from({ length: measuredProperties }, () => []);
  }

  /** Inserts an event at its own time (late events included); equal times keep arrival order. */
  insert(time: number, measured: readonly number[]): void {
    const i = upperBound(this.times, time);
    this.times = insertAt(this.times, i, time);
    for (let m = 0; m < this.values.length; m++) this.values[m] = insertAt(this.values[m], i, measured[m]);
  }

  get first(): number | undefined {
    return this.times[0];
  }

  get last(): number | undefined {
    return this.times.length === 0 ? undefined : this.times[this.times.length - 1];
  }

  byteSize(): number {
    return 24 + (16 + 8 * this.times.length) * (1 + this.values.length);
  }
}

/**
 * Most contacts have a handful of events per tracker: V8 would give a pushed-to array 17 spare
 * slots, more than the data itself, so small arrays are copied at their exact size instead.
 */
function insertAt(a: number[], i: number, v: number): number[] {
  const n = a.length;
  if (n >= EXACT_UP_TO) {
    if (i === n) a.push(v);
    else a.splice(i, 0, v);
    return a;
  }
  const out = new Array<number>(n + 1);
  for (let k = 0; k < i; k++) out[k] = a[k];
  out[i] = v;
  for (let k = i; k < n; k++) out[k + 1] = a[k];
  return out;
}
