import type { ChangeRecord } from "../../packages/server/src/store/records.ts";
import type { Store } from "../../packages/server/src/store/store.ts";
import type { CommitLog } from "./commit-log.ts";
import { achievedRate, type PacedBatch } from "./paced-sender.ts";
import { type Distribution, distribution } from "./stats.ts";

const PAGE = 10_000;

/** Every change of the workspace's log after `afterSeq` (optionally one segment's), in seq order. */
export async function readChanges(
  store: Store,
  workspaceId: string,
  afterSeq: number,
  segmentId?: string,
): Promise<ChangeRecord[]> {
  const all: ChangeRecord[] = [];
  for (let after = afterSeq; ; ) {
    const page = await store.changes(workspaceId, after, PAGE, segmentId);
    all.push(...page);
    if (page.length < PAGE) return all;
    after = page[page.length - 1].seq;
  }
}

export interface ChangeLatency {
  /** Messages per second offered by the paced sender, and acknowledged (below offered: overloaded). */
  offered: number;
  achieved: number;
  /** Membership changes attributed to a message of the run: latency to the commit that recorded them. */
  change: Distribution;
  /** Every message: from its scheduled send to its acknowledgement. */
  ack: Distribution;
  /** Changes with no message of the run behind them (timers), left out of `change`. */
  unattributed: number;
}

/**
 * Message → membership-change latency. A change (read back from the change log) is given the
 * instant its commit's `onCommit` ran, and the batch that caused it is the one holding a message
 * for that contact that was scheduled before and acknowledged after that commit (its own commit).
 */
export function changeLatency(
  changes: readonly ChangeRecord[],
  commits: CommitLog,
  batches: readonly PacedBatch[],
  offered: number,
): ChangeLatency {
  const byContact = new Map<string, PacedBatch[]>();
  for (const b of batches) {
    for (const c of b.contacts) {
      const list = byContact.get(c);
      if (list === undefined) byContact.set(c, [b]);
      else if (list[list.length - 1] !== b) list.push(b);
    }
  }
  const latencies: number[] = [];
  let unattributed = 0;
  for (const ch of changes) {
    const committed = commits.committedAt(ch.seq);
    const cause =
      committed === undefined
        ? undefined
        : byContact.get(ch.contactId)?.find((b) => b.intended <= committed && committed <= b.acked);
    if (committed === undefined || cause === undefined) unattributed++;
    else latencies.push(committed - cause.intended);
  }
  const acks = batches.flatMap((b) => Array<number>(b.contacts.length).fill(b.acked - b.intended));
  return {
    offered,
    achieved: achievedRate(batches),
    change: distribution(latencies),
    ack: distribution(acks),
    unattributed,
  };
}
