import type { ChangeRecord } from "../../store/records.ts";

export const INTERVALS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;
export type Interval = keyof typeof INTERVALS;

export interface HistoryPoint {
  /** Start of the interval (UTC-aligned), epoch ms. */
  at: number;
  /** Members at the end of the interval (at `to` for the last one). */
  size: number;
  entered: number;
  exited: number;
}

/** How many intervals `intervalStarts` gives, without making them. */
export function intervalCount(from: number, to: number, interval: Interval): number {
  const ms = INTERVALS[interval];
  return Math.max(0, Math.ceil((to - Math.floor(from / ms) * ms) / ms));
}

/** The UTC-aligned interval starts from the one holding `from` up to (not including) `to`. */
export function intervalStarts(from: number, to: number, interval: Interval): number[] {
  const ms = INTERVALS[interval];
  const starts: number[] = [];
  for (let t = Math.floor(from / ms) * ms; t < to; t += ms) starts.push(t);
  return starts;
}

/**
 * Folds a segment's change log, in any order, into per-interval entries, exits and end sizes.
 * Changes at or after `to` are left out; those before the first interval make its starting size.
 * @example
 * const h = new SegmentHistory([T0], "day", T0 + DAY);
 * h.add({ change: "entered", at: T0 + 5, ... });
 * h.points(); // [{ at: T0, size: 1, entered: 1, exited: 0 }]
 */
export class SegmentHistory {
  private readonly buckets: HistoryPoint[];
  private before = 0;

  constructor(
    starts: readonly number[],
    private readonly interval: Interval,
    private readonly to: number,
  ) {
    this.buckets = starts.map((at) => ({ at, size: 0, entered: 0, exited: 0 }));
  }

  add(c: Pick<ChangeRecord, "change" | "at">): void {
    if (c.at >= this.to || this.buckets.length === 0) return;
    const first = this.buckets[0].at;
    if (c.at < first) {
      this.before += c.change === "entered" ? 1 : -1;
      return;
    }
    const bucket = this.buckets[Math.floor((c.at - first) / INTERVALS[this.interval])];
    if (c.change === "entered") bucket.entered++;
    else bucket.exited++;
  }

  points(): HistoryPoint[] {
    let size = this.before;
    return this.buckets.map((b) => {
      size += b.entered - b.exited;
      return { ...b, size };
    });
  }
}
