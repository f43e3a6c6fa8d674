import { setImmediate, setTimeout as sleep } from "node:timers/promises";
import type { Workspace } from "../../packages/server/src/service/workspace.ts";
import type { LiveTraffic } from "./bench-messages.ts";
import { epochNow, stampAt } from "./commit-log.ts";

/** One batch of a paced run. Times are epoch ms. */
export interface PacedBatch {
  /** When the schedule said to send it (the latency clock starts here, not when the call was made). */
  intended: number;
  /** When `ingest` was actually called (later than intended when the event loop was busy). */
  called: number;
  /** When it was acknowledged (durable); NaN if it failed. */
  acked: number;
  contacts: string[];
}

export interface PacedOptions {
  /** Messages per batch. */
  batch: number;
  /** One batch every `intervalMs`: batch / intervalMs × 1000 messages per second offered. */
  intervalMs: number;
  /** Checked before each batch; the run ends once it returns true (or after `maxMs`). */
  done: (elapsedMs: number) => boolean;
  maxMs: number;
}

/**
 * Open-loop load at a fixed offered rate: batch n is due at start + n × interval whatever the
 * acknowledgements do. When the process falls behind (the event loop was blocked), the overdue
 * batches go at once, each keeping its scheduled instant, so latency includes the wait for the
 * process (no coordinated omission).
 */
export async function pacedSend(
  workspace: Workspace,
  traffic: LiveTraffic,
  o: PacedOptions,
): Promise<PacedBatch[]> {
  const batches: PacedBatch[] = [];
  const pending: Promise<unknown>[] = [];
  const start = epochNow();
  for (let n = 0; ; n++) {
    const intended = start + n * o.intervalMs;
    const wait = intended - epochNow();
    if (wait > 1) await sleep(wait);
    if (o.done(intended - start) || intended - start > o.maxMs) break;
    const messages = traffic.batch(o.batch, stampAt(intended));
    const record: PacedBatch = {
      intended,
      called: epochNow(),
      acked: Number.NaN,
      contacts: messages.map((m) => m.userId),
    };
    batches.push(record);
    pending.push(
      workspace.ingest(messages).then(() => {
        record.acked = epochNow();
      }),
    );
  }
  await Promise.all(pending);
  return batches;
}

/** Largest time between consecutive acknowledgements, ms. */
export function maxAckGap(batches: readonly PacedBatch[]): number {
  const acks = batches.map((b) => b.acked).sort((a, b) => a - b);
  let gap = 0;
  for (let i = 1; i < acks.length; i++) gap = Math.max(gap, acks[i] - acks[i - 1]);
  return gap;
}

/**
 * One sender, one batch outstanding at a time, the next sent as soon as the previous is
 * acknowledged: its acknowledgement times show how long ingestion stood still, without a
 * backlog of its own making the wait longer. Each send first goes through the event loop
 * (setImmediate), as a request arriving over the network would: a pipeline that keeps the
 * loop busy delays it as it would delay an HTTP request.
 */
export async function probeSend(
  workspace: Workspace,
  traffic: LiveTraffic,
  o: { batch: number; done: () => boolean },
): Promise<PacedBatch[]> {
  const batches: PacedBatch[] = [];
  while (!o.done()) {
    // The request leaves now; it reaches the service once the event loop takes it.
    const intended = epochNow();
    await setImmediate();
    const called = epochNow();
    const messages = traffic.batch(o.batch, stampAt(called));
    const record: PacedBatch = {
      intended,
      called,
      acked: Number.NaN,
      contacts: messages.map((m) => m.userId),
    };
    batches.push(record);
    await workspace.ingest(messages);
    record.acked = epochNow();
  }
  return batches;
}

/** Acknowledged messages per second between the first scheduled send and the last acknowledgement. */
export function achievedRate(batches: readonly PacedBatch[]): number {
  if (batches.length === 0) return 0;
  const messages = batches.reduce((n, b) => n + b.contacts.length, 0);
  const last = Math.max(...batches.map((b) => b.acked));
  return (messages / (last - batches[0].intended)) * 1000;
}
