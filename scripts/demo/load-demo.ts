import type { IngestMessage, SegmentsClient } from "../../packages/client/src/index.ts";
import { demoContact, demoMessages } from "./demo-contacts.ts";

export interface DemoOptions {
  contacts: number;
  seed?: number;
  /** The data set's "now" (default: the wall clock). */
  now?: number;
  /** Mean events per contact: 24 gives ~120k events for 5k contacts. */
  meanEvents?: number;
  /** Messages per `/v1/batch` call (whole contacts, so a contact's messages stay in order). */
  batchSize?: number;
  /** Batch calls in flight at once. */
  concurrency?: number;
  log?: (line: string) => void;
}

export interface DemoSegment {
  id: string;
  name: string;
  size: number;
}

export interface DemoSummary {
  contacts: number;
  messages: number;
  events: number;
  loadMs: number;
  /** The segment created (or found) for each template, in the templates' order. */
  segments: DemoSegment[];
}

const SETTLE_TIMEOUT_MS = 30_000;

/**
 * Loads the demo data set into a running service through its public API: one segment per
 * template (skipping templates whose segment a previous run created), then every contact's
 * messages over `/v1/batch`, and waits until no segment is still computing.
 */
export async function loadDemo(client: SegmentsClient, options: DemoOptions): Promise<DemoSummary> {
  const log = options.log ?? (() => {});
  // Segments first: ingestion then keeps them current, and the change log tells the story.
  const segments = await createTemplateSegments(client);
  const started = performance.now();
  const sent = await ingest(client, options);
  const ready = await settled(client, segments);
  const loadMs = performance.now() - started;
  log(`loaded ${sent.messages.toLocaleString("en")} messages in ${(loadMs / 1000).toFixed(1)} s`);
  return { contacts: options.contacts, ...sent, loadMs, segments: ready };
}

async function ingest(
  client: SegmentsClient,
  options: DemoOptions,
): Promise<{ messages: number; events: number }> {
  const data = {
    seed: options.seed ?? 7,
    now: options.now ?? Date.now(),
    meanEvents: options.meanEvents ?? 24,
  };
  const batchSize = options.batchSize ?? 5_000;
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  let batch: IngestMessage[] = [];
  let messages = 0;
  let events = 0;
  const flush = async () => {
    const call: Promise<void> = client
      .batch(batch)
      .then(
        () => {},
        (error: unknown) => {
          failure ??= { error };
        },
      )
      .finally(() => inFlight.delete(call));
    inFlight.add(call);
    batch = [];
    if (inFlight.size >= (options.concurrency ?? 2)) await Promise.race(inFlight);
    if (failure !== undefined) throw failure.error;
  };
  for (let i = 0; i < options.contacts; i++) {
    const contact = demoContact(i, data);
    const own = demoMessages(contact);
    if (batch.length + own.length > batchSize && batch.length > 0) await flush();
    batch.push(...own);
    messages += own.length;
    events += contact.events.length;
  }
  if (batch.length > 0) await flush();
  await Promise.all(inFlight);
  if (failure !== undefined) throw failure.error;
  return { messages, events };
}

async function createTemplateSegments(client: SegmentsClient): Promise<string[]> {
  const existing = new Map((await client.segments()).map((s) => [s.name, s.id]));
  const ids: string[] = [];
  for (const template of await client.templates()) {
    const id =
      existing.get(template.name) ??
      (await client.createSegment({ template: template.id, name: template.name })).id;
    ids.push(id);
  }
  return ids;
}

/** Polls until no segment is still computing. */
async function settled(client: SegmentsClient, ids: readonly string[]): Promise<DemoSegment[]> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  for (;;) {
    const all = new Map((await client.segments()).map((s) => [s.id, s]));
    const ours = ids.map((id) => all.get(id)).filter((s) => s !== undefined);
    if (ours.every((s) => s.status !== "computing") || Date.now() > deadline) {
      return ours.map(({ id, name, size }) => ({ id, name, size }));
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
