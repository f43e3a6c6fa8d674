import { EventTracker } from "./event-tracker.ts";
import type { StateLayout } from "./state-layout.ts";

/**
 * What the engine keeps of one contact: only the facts the workspace's rules read (see
 * StateLayout), resolved and indexed for evaluation. Mutated in place by `applyMessage`.
 */
export class ContactState {
  /**
   * Latest value per top-level trait key some rule reads (by the layout's trait-key position)
   * and the timestamp of the message that set it; removals keep their time so late messages lose.
   */
  readonly traitValues: unknown[];
  readonly traitTimes: number[];
  /** Per property slot: the resolved value (literal key, then dot path) or undefined. */
  readonly props: unknown[];
  /**
   * The numbers rules read most, in one flat array so that evaluating a rule touches few cache
   * lines: each property's value read as a date (epoch ms), each score, each tracker's event
   * count, at the positions the layout gives. NaN means missing.
   */
  readonly num: number[];
  readonly scoreTimes: number[];
  /** Static lists the contact is in (only lists some rule reads); allocated on first use. */
  lists: Set<string> | undefined;
  /** Per tracker; EventTracker.EMPTY until the first matching event, which most never see. */
  readonly trackers: EventTracker[];
  /** Bucket per salt, computed on first use (it depends only on ids). */
  buckets: Map<string, number> | undefined;

  constructor(
    readonly id: string,
    layout: StateLayout,
  ) {
    const p = layout.properties.length;
    this.props = new Array<unknown>(p).fill(undefined);
    // A plain array of doubles stays on the V8 heap next to the state (a typed array's backing
    // store lives elsewhere: one more cache miss per evaluation).
    // Copied from a template of double elements: the array and its backing store are allocated
    // together (adjacent in memory), and no elements-kind transition reallocates the store.
    this.num = layout.numTemplate().slice();
    this.scoreTimes = new Array<number>(layout.scores.length).fill(Number.NEGATIVE_INFINITY);
    this.trackers = new Array<EventTracker>(layout.trackers.length).fill(EventTracker.EMPTY);
    this.traitValues = new Array<unknown>(layout.traitKeys.length).fill(undefined);
    this.traitTimes = new Array<number>(layout.traitKeys.length).fill(Number.NEGATIVE_INFINITY);
  }

  /** Approximate bytes retained by this state (V8 object and array overheads included). */
  byteSize(): number {
    let bytes =
      160 + 8 * this.props.length + 8 * this.num.length + 8 * this.scoreTimes.length + 2 * this.id.length;
    bytes += 16 * this.traitValues.length + 8 * this.trackers.length;
    for (const v of this.traitValues) bytes += valueBytes(v);
    for (const l of this.lists ?? []) bytes += 40 + 2 * l.length;
    for (const t of this.trackers) if (t !== EventTracker.EMPTY) bytes += t.byteSize();
    return bytes;
  }
}

function valueBytes(v: unknown): number {
  if (typeof v === "string") return 16 + 2 * v.length;
  if (v !== null && typeof v === "object") return JSON.stringify(v).length * 2 + 32;
  return 8;
}
