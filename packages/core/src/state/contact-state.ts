import { EventTracker } from "./event-tracker.ts";
import type { StateLayout } from "./state-layout.ts";

/** A value with the timestamp of the message that set it (`undefined` value: removed). */
export interface TimedValue {
  value: unknown;
  ts: number;
}

/**
 * What the engine keeps of one contact: only the facts the workspace's rules read (see
 * StateLayout), resolved and indexed for evaluation. Mutated in place by `applyMessage`.
 */
export class ContactState {
  /** Latest value per top-level trait key some rule reads; removals are kept so late messages lose. */
  readonly traits = new Map<string, TimedValue>();
  /** Per property slot: the resolved value (literal key, then dot path) or undefined. */
  readonly props: unknown[];
  /**
   * The numbers rules read most, in one flat array so that evaluating a rule touches few cache
   * lines: each property's value read as a date (epoch ms), each score, each tracker's event
   * count, at the positions the layout gives. NaN means missing.
   */
  readonly num: Float64Array;
  readonly scoreTimes: number[];
  readonly lists = new Set<string>();
  readonly trackers: EventTracker[];
  /** Bucket per salt, computed on first use (it depends only on ids). */
  buckets: Map<string, number> | undefined;

  constructor(
    readonly id: string,
    layout: StateLayout,
  ) {
    const p = layout.properties.length;
    this.props = new Array<unknown>(p).fill(undefined);
    this.num = new Float64Array(layout.numSize).fill(Number.NaN);
    for (const i of layout.countNum) this.num[i] = 0;
    this.scoreTimes = new Array<number>(layout.scores.length).fill(Number.NEGATIVE_INFINITY);
    this.trackers = layout.trackers.map((t) => new EventTracker(t.measured.length));
  }

  /** Approximate bytes retained by this state (V8 object and array overheads included). */
  byteSize(): number {
    let bytes =
      160 + 8 * this.props.length + 8 * this.num.length + 8 * this.scoreTimes.length + 2 * this.id.length;
    for (const [k, v] of this.traits) bytes += 64 + 2 * k.length + valueBytes(v.value);
    for (const l of this.lists) bytes += 40 + 2 * l.length;
    for (const t of this.trackers) bytes += t.byteSize();
    return bytes;
  }
}

function valueBytes(v: unknown): number {
  if (typeof v === "string") return 16 + 2 * v.length;
  if (v !== null && typeof v === "object") return JSON.stringify(v).length * 2 + 32;
  return 8;
}
