import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { getHeapStatistics } from "node:v8";
import type { BenchReport } from "../bench-types.ts";
import { generateContacts } from "../data/contact-generator.ts";
import { settledHeap } from "../evaluator/measure.ts";
import { benchSegments } from "./bench-segments.ts";
import { startService } from "./bench-service.ts";
import { type BenchStore, createBenchStore, type StoreKind } from "./bench-store.ts";
import { engineBytesPerContact } from "./ingest-result.ts";
import { DATA_SEED, INGEST_SIZES, MEAN_EVENTS } from "./ingest-sizes.ts";
import { loadHistory } from "./load-history.ts";
import { formatMs, formatRate } from "./report-table.ts";
import { measureRestart } from "./restart-timing.ts";
import { datasetHeapPerContact, stateBytesPerContact } from "./state-bytes.ts";
import { round } from "./stats.ts";

/** Heap a contact is expected to need at most while loading (states, maps, garbage headroom). */
const EXPECTED_BYTES_PER_CONTACT = 6_000;

export interface ManyContactsResult {
  bench: "ingest";
  mode: "contacts";
  store: StoreKind;
  /** History load rate, messages/s. */
  ours: number;
  peers: Record<string, never>;
  unit: "events/s";
  contacts: number;
  events: number;
  heap_bytes_per_contact: number;
  state_bytes_per_contact: number;
  dataset_bytes_per_contact: number;
  engine_bytes_per_contact: number;
  start_ms: number;
  snapshot_start_ms: number;
  snapshot_write_ms: number;
  snapshot_bytes: number;
  restart_heap_bytes_per_contact: number;
  db_bytes?: number;
}

export interface ManyContactsReport extends BenchReport {
  result: ManyContactsResult;
}

/**
 * `--contacts N`: loads N contacts (mean 20 events each) with the 100 segments through the
 * pipeline, then reports heap per contact and how long `SegmentsService.open` takes to rebuild
 * every state from that store.
 */
export async function runManyContacts(
  kind: StoreKind,
  contacts: number,
  log: (line: string) => void,
): Promise<ManyContactsReport> {
  const limit = getHeapStatistics().heap_size_limit;
  if (limit < contacts * EXPECTED_BYTES_PER_CONTACT) {
    log(
      `WARNING: heap limit ${Math.round(limit / 2 ** 20)} MiB may be too small for ${contacts} contacts; ` +
        `run with NODE_OPTIONS=--max-old-space-size=${Math.ceil((contacts * EXPECTED_BYTES_PER_CONTACT) / 2 ** 20 / 1024) * 1024}`,
    );
  }
  const bench = createBenchStore(kind);
  try {
    const segments = benchSegments("all");
    const gen = { seed: DATA_SEED, now: Math.floor(Date.now() / 1000) * 1000, meanEvents: MEAN_EVENTS };
    const store = bench.open();
    const run = await startService(store, segments);
    const heap0 = settledHeap();
    log(`loading ${contacts} contacts into ${bench.where}`);
    const load = await loadHistory(run.workspace, generateContacts(contacts, gen), contacts, {
      ...INGEST_SIZES.full.load,
      log,
    });
    const heapBytesPerContact = (settledHeap() - heap0) / contacts;
    const memory = {
      heapBytesPerContact,
      stateBytesPerContact: stateBytesPerContact(run.workspace),
      datasetBytesPerContact: datasetHeapPerContact(run.workspace.id, generateContacts(contacts, gen)),
    };
    const engineBytes = engineBytesPerContact(memory);
    await run.service.close();
    await store.close();
    const dbBytes = embeddedBytes(bench);
    log("restart: SegmentsService.open on that store");
    const restart = await measureRestart(bench, contacts);
    const result: ManyContactsResult = {
      bench: "ingest",
      mode: "contacts",
      store: kind,
      ours: round(load.perSec),
      peers: {},
      unit: "events/s",
      contacts,
      events: load.events,
      heap_bytes_per_contact: round(heapBytesPerContact),
      state_bytes_per_contact: round(memory.stateBytesPerContact),
      dataset_bytes_per_contact: round(memory.datasetBytesPerContact),
      engine_bytes_per_contact: round(engineBytes),
      start_ms: round(restart.startMs),
      snapshot_start_ms: round(restart.snapshotStartMs),
      snapshot_write_ms: round(restart.snapshotWriteMs),
      snapshot_bytes: restart.snapshotBytes,
      restart_heap_bytes_per_contact: round(restart.heapBytesPerContact),
      ...(dbBytes !== undefined && { db_bytes: dbBytes }),
    };
    const table = [
      `ingest --contacts ${contacts}: ${segments.length} segments, store ${kind} (${bench.where})`,
      `load: ${load.messages} messages (${load.events} events) in ${formatMs(load.wallMs)}: ${formatRate(load.perSec)} (${formatRate(load.perCpuSec)} per CPU-s)`,
      `state: engine ${Math.round(engineBytes)} B/contact (heap growth ${Math.round(heapBytesPerContact)} B less the preview dataset's ${Math.round(memory.datasetBytesPerContact)} B); stateBytes ${Math.round(memory.stateBytesPerContact)} B`,
      `restart: SegmentsService.open rebuilt from the store in ${formatMs(restart.startMs)} (${Math.round(restart.heapBytesPerContact)} B/contact heap); from a snapshot in ${formatMs(restart.snapshotStartMs)} (${Math.round(restart.snapshotHeapBytesPerContact)} B/contact; ${(restart.snapshotBytes / 2 ** 20).toFixed(0)} MiB, written by close in ${formatMs(restart.snapshotWriteMs)})`,
      ...(dbBytes === undefined ? [] : [`database: ${(dbBytes / 2 ** 30).toFixed(2)} GiB`]),
    ].join("\n");
    return { table, result };
  } finally {
    await bench.dispose();
  }
}

/** The embedded store's size on disk (the SQLite file and its log, or the LevelDB directory). */
function embeddedBytes(bench: BenchStore): number | undefined {
  if (bench.kind === "leveldb")
    return readdirSync(bench.where).reduce((sum, f) => sum + statSync(join(bench.where, f)).size, 0);
  if (bench.kind !== "sqlite") return undefined;
  return ["", "-wal"].reduce((sum, suffix) => {
    const file = `${bench.where}${suffix}`;
    return sum + (existsSync(file) ? statSync(file).size : 0);
  }, 0);
}
