import type { WorkspacePipeline } from "../../packages/server/src/pipeline/workspace-pipeline.ts";

/** Wall-clock time in epoch ms with sub-millisecond precision (due instants are epoch ms). */
export const epochNow = (): number => performance.timeOrigin + performance.now();

/**
 * A message timestamp for the instant `at` (epoch ms), never after the service's own clock
 * (`Date.now()`): `epochNow` can run up to a millisecond ahead of it, and an event stamped after
 * the turn's `now` enters its segments only at its instant, by a timer, so that its change
 * would fall outside the latency measured and its turn would carry one more timer.
 */
export const stampAt = (at: number): number => Math.min(Math.floor(at), Date.now());

interface CommitMark {
  firstSeq: number;
  lastSeq: number;
  /** When `onCommit` ran: the changes were durable by then. */
  at: number;
}

/**
 * Records when each commit that carried membership changes became durable, by hooking the
 * pipeline's `onCommit` (called after each such commit with its seq range), so that a change
 * read back from the store's log can be given the instant it was committed.
 */
export class CommitLog {
  private readonly marks: CommitMark[] = [];

  constructor(pipeline: WorkspacePipeline) {
    const previous = pipeline.onCommit;
    pipeline.onCommit = (range) => {
      this.marks.push({ ...range, at: epochNow() });
      previous(range);
    };
  }

  /** How many commits carried changes so far. */
  get commits(): number {
    return this.marks.length;
  }

  /** The last seq committed so far (0 when none). */
  get lastSeq(): number {
    return this.marks.at(-1)?.lastSeq ?? 0;
  }

  /** When the change with this seq was committed; undefined for a seq not seen by this log. */
  committedAt(seq: number): number | undefined {
    let lo = 0;
    let hi = this.marks.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const m = this.marks[mid];
      if (seq < m.firstSeq) hi = mid - 1;
      else if (seq > m.lastSeq) lo = mid + 1;
      else return m.at;
    }
    return undefined;
  }
}
