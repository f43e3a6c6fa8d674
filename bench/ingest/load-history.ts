import type { Workspace } from "../../packages/server/src/service/workspace.ts";
import type { GeneratedContact } from "../data/contact-generator.ts";
import { historyMessages } from "./bench-messages.ts";
import { cpuMsSince } from "./stats.ts";

export interface LoadFigures {
  batch: number;
  inFlight: number;
  contacts: number;
  messages: number;
  events: number;
  wallMs: number;
  cpuMs: number;
  /** Messages per wall-clock second, from the first send to the last acknowledgement. */
  perSec: number;
  /** Messages per CPU-second of the whole process (pipeline, engine, store driver, generator). */
  perCpuSec: number;
}

export interface LoadOptions {
  /** Messages per `ingest` call. */
  batch: number;
  /** Calls awaiting their acknowledgement at once (the pipeline commits whatever is queued as one group). */
  inFlight: number;
  log: (line: string) => void;
}

/**
 * Sends every contact's history (identifies, scores, events in time order) through
 * `workspace.ingest` in batches, keeping `inFlight` calls outstanding.
 */
export async function loadHistory(
  workspace: Workspace,
  contacts: Iterable<GeneratedContact>,
  total: number,
  { batch, inFlight, log }: LoadOptions,
): Promise<LoadFigures> {
  const pending = new Set<Promise<unknown>>();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let messages = 0;
  let events = 0;
  let count = 0;
  let buffer: ReturnType<typeof historyMessages> = [];
  const send = async () => {
    const p = workspace.ingest(buffer);
    buffer = [];
    pending.add(p);
    void p.finally(() => pending.delete(p)).catch(() => {});
    if (pending.size >= inFlight) await Promise.race(pending);
  };
  const step = Math.max(1, Math.floor(total / 10));
  for (const contact of contacts) {
    const history = historyMessages(contact);
    buffer.push(...history);
    messages += history.length;
    events += contact.events.length;
    count++;
    if (buffer.length >= batch) await send();
    if (count % step === 0) {
      const s = (performance.now() - t0) / 1000;
      log(`load: ${count} contacts, ${Math.round(messages / s)} messages/s so far`);
    }
  }
  if (buffer.length > 0) await send();
  await Promise.all(pending);
  const wallMs = performance.now() - t0;
  const cpuMs = cpuMsSince(cpu0);
  return {
    batch,
    inFlight,
    contacts: count,
    messages,
    events,
    wallMs,
    cpuMs,
    perSec: (messages / wallMs) * 1000,
    perCpuSec: (messages / cpuMs) * 1000,
  };
}
