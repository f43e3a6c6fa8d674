import { type ContactGeneratorOptions, generateContacts } from "../data/contact-generator.ts";
import { settledHeap } from "../evaluator/measure.ts";
import { benchSegments } from "./bench-segments.ts";
import { startService } from "./bench-service.ts";
import { type BenchStore, keepEngineLog } from "./bench-store.ts";
import type { IngestFacts } from "./ingest-result.ts";
import { DATA_SEED, type IngestSize, MEAN_EVENTS, TRAFFIC_SEED } from "./ingest-sizes.ts";
import { latencyRun } from "./latency-run.ts";
import { loadHistory } from "./load-history.ts";
import { memberCountsAt } from "./member-snapshot.ts";
import { measureRestart } from "./restart-timing.ts";
import { datasetHeapPerContact, stateBytesPerContact } from "./state-bytes.ts";
import { sustainedSend } from "./sustained-senders.ts";
import { timerWave } from "./timer-wave.ts";

/** Traffic streams: 0..senders-1 are the sustained senders; then the latency and the wave senders. */
const LATENCY_STREAM = 100;
const LATENCY_LOW_STREAM = 101;
const WAVE_STREAM = 102;

/** Our member counts right after the load, at one instant, with the data set they came from (for the peer). */
export type Snapshot = { at: number; counts: Map<string, number>; gen: ContactGeneratorOptions };

export type ServiceFacts = Omit<IngestFacts, "peer" | "peerSkipped" | "machine">;

/**
 * Phases 1-4, 6 and 7 on our service, in order, on one store: load (and memory right after
 * it), sustained rate, latency at 10k/s and at 1k/s, the timer wave, then a restart.
 */
export async function measureService(
  bench: BenchStore,
  size: IngestSize,
  log: (line: string) => void,
): Promise<{ snapshot: Snapshot; figures: ServiceFacts }> {
  const segments = benchSegments(size.segments);
  const now = Math.floor(Date.now() / 1000) * 1000;
  const gen: ContactGeneratorOptions = { seed: DATA_SEED, now, meanEvents: MEAN_EVENTS };
  const store = bench.open();
  const run = await startService(store, segments);
  const { workspace, commits } = run;
  try {
    const heapBefore = settledHeap();
    log(`1 load: ${size.contacts} contacts, ${segments.length} segments, store ${bench.kind}`);
    const contacts = generateContacts(size.contacts, gen);
    const load = await loadHistory(workspace, contacts, size.contacts, { ...size.load, log });
    const memory = {
      heapBytesPerContact: (settledHeap() - heapBefore) / size.contacts,
      stateBytesPerContact: stateBytesPerContact(workspace),
      datasetBytesPerContact: datasetHeapPerContact(workspace.id, generateContacts(size.contacts, gen)),
    };
    // The dataset built for that reading is garbage now (about 120 MB at 100,000 contacts):
    // collected here, so that the sustained phase does not pay for the bench's own measurement.
    settledHeap();
    const at = Date.now();
    const snapshot: Snapshot = { at, counts: memberCountsAt(workspace, at), gen };

    log(`2 sustained: ${size.sustained.senders} senders for ${size.sustained.durationMs} ms`);
    const traffic = { contacts: size.contacts, seed: TRAFFIC_SEED };
    const sustained = await sustainedSend(workspace, { ...size.sustained, ...traffic });

    const latency = await latencyRun(run, size.paced, size.contacts, LATENCY_STREAM, log);
    const tenth = { ...size.paced, batch: size.paced.batch / 10, durationMs: size.paced.durationMs / 2 };
    const latencyLow = await latencyRun(run, tenth, size.contacts, LATENCY_LOW_STREAM, log);

    // Time to send one event per contact before the first falls due: three times what the load
    // rate needs (each wave message touches a different contact, and the machine may be busy).
    // At most 55 s: the events must lie in the past when sent, inside their 1-minute window.
    const leadMs = Math.min(55_000, Math.max(3_000, (3 * size.contacts * 1000) / load.perSec + 3_000));
    log(`4 timer wave: ${size.contacts} exits falling due in one second, ${Math.round(leadMs)} ms from now`);
    const probe = { batch: size.paced.batch, stream: WAVE_STREAM, seed: TRAFFIC_SEED };
    const wave = await timerWave(workspace, store, commits, { contacts: size.contacts, leadMs, probe, log });
    await run.service.close();
    await store.close();
    keepEngineLog(bench);

    log("7 restart: SegmentsService.open on the same data");
    const restart = await measureRestart(bench, size.contacts);
    const figures: ServiceFacts = {
      store: bench.kind,
      where: bench.where,
      contacts: size.contacts,
      segments: segments.length,
      load,
      memory,
      sustained,
      latency,
      latencyLow,
      wave,
      restart,
    };
    return { snapshot, figures };
  } finally {
    // Idempotent: a failed phase still releases the store before the bench store is removed.
    await run.service.close().catch(() => {});
    await store.close();
  }
}
