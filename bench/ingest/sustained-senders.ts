import type { Workspace } from "../../packages/server/src/service/workspace.ts";
import { LiveTraffic } from "./bench-messages.ts";
import { cpuMsSince, type Distribution, distribution } from "./stats.ts";

export interface SustainedOptions {
  senders: number;
  /** Messages per `ingest` call. */
  batch: number;
  durationMs: number;
  /** Contacts the traffic picks from (user_0 .. user_{n-1}). */
  contacts: number;
  seed: number;
}

export interface SustainedFigures {
  senders: number;
  batch: number;
  messages: number;
  wallMs: number;
  cpuMs: number;
  /** Acknowledged messages per wall-clock second. */
  perSec: number;
  /** Acknowledged messages per CPU-second of this process. */
  perCpuSec: number;
  /** From each `ingest` call to its acknowledgement, ms. */
  ack: Distribution;
}

/**
 * Closed-loop load: `senders` concurrent senders, each sending its next batch as soon as the
 * previous one is acknowledged (durable), until `durationMs` has passed. Sender k uses traffic
 * stream k, so the matview peer can replay exactly these messages.
 */
export async function sustainedSend(workspace: Workspace, o: SustainedOptions): Promise<SustainedFigures> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const end = t0 + o.durationMs;
  const acks: number[] = [];
  let messages = 0;
  const sender = async (k: number) => {
    const traffic = new LiveTraffic(k, o.contacts, o.seed);
    while (performance.now() < end) {
      const batch = traffic.batch(o.batch, Date.now());
      const sent = performance.now();
      await workspace.ingest(batch);
      acks.push(performance.now() - sent);
      messages += batch.length;
    }
  };
  await Promise.all(Array.from({ length: o.senders }, (_, k) => sender(k)));
  const wallMs = performance.now() - t0;
  const cpuMs = cpuMsSince(cpu0);
  return {
    senders: o.senders,
    batch: o.batch,
    messages,
    wallMs,
    cpuMs,
    perSec: (messages / wallMs) * 1000,
    perCpuSec: (messages / cpuMs) * 1000,
    ack: distribution(acks),
  };
}

/** The first `messages` messages the sustained senders sent, in round-robin batch order (peer replay). */
export function* replaySustained(o: SustainedOptions, messages: number, now: () => number) {
  const traffic = Array.from({ length: o.senders }, (_, k) => new LiveTraffic(k, o.contacts, o.seed));
  for (let sent = 0, k = 0; sent < messages; sent += o.batch, k = (k + 1) % o.senders) {
    yield traffic[k].batch(Math.min(o.batch, messages - sent), now());
  }
}
