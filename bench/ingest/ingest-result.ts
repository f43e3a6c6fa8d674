import type { BenchReport } from "../bench-types.ts";
import type { StoreKind } from "./bench-store.ts";
import type { LatencyFigures } from "./latency-run.ts";
import type { LoadFigures } from "./load-history.ts";
import type { PeerFigures } from "./matview/matview-peer.ts";
import type { RestartFigures } from "./restart-timing.ts";
import { round } from "./stats.ts";
import type { SustainedFigures } from "./sustained-senders.ts";
import type { WaveFigures } from "./timer-wave.ts";

export interface MemoryFigures {
  /** Heap growth (after full GCs) while the history was loaded, per contact. */
  heapBytesPerContact: number;
  /** Mean of the engine's own estimate (`stateBytes`) over the contacts. */
  stateBytesPerContact: number;
  /** The preview dataset's heap per contact, measured apart (included in the heap growth). */
  datasetBytesPerContact: number;
}

/**
 * The engine's state per contact: heap growth less the preview dataset, i.e. the evaluation
 * states, memberships, next-change instants and timers, with the maps that hold them.
 */
export function engineBytesPerContact(m: MemoryFigures): number {
  return m.heapBytesPerContact - m.datasetBytesPerContact;
}

/** Everything a run measured, for the table and the tests. */
export interface IngestFacts {
  store: StoreKind;
  where: string;
  contacts: number;
  segments: number;
  load: LoadFigures;
  memory: MemoryFigures;
  sustained: SustainedFigures;
  /** At the brief's 10k messages/s offered, and at a tenth of that (below capacity). */
  latency: LatencyFigures;
  latencyLow: LatencyFigures;
  wave: WaveFigures;
  restart: RestartFigures;
  /** Undefined when the peer did not run; `peerSkipped` says why. */
  peer?: PeerFigures;
  peerSkipped?: string;
  machine: { cores: number; loadAverage: [number, number] };
}

/** The JSON line. Rates are messages (events and identifies) per second; times in ms. */
export interface IngestBenchResult {
  bench: "ingest";
  store: StoreKind;
  ours: number;
  peers: { "pg-matview"?: number };
  unit: "events/s";
  p99_ms: number;
  timer_late_p99_ms: number;
  max_stall_ms: number;
  p50_ms: number;
  ack_p99_ms: number;
  /** Messages/s acknowledged while 10k/s were offered. */
  achieved_per_s: number;
  /** The main thread's collector pauses while 10k/s were offered: scavenges' p50 and longest, every pause added up. */
  scavenge_p50_ms: number | null;
  scavenge_max_ms: number | null;
  gc_paused_ms: number;
  /** The pipeline's turns while 10k/s were offered: evaluation in memory and commit, p99 of each. */
  evaluate_p99_ms: number;
  commit_p99_ms: number;
  /** Message → membership change p99 at 1k/s offered. */
  p99_1k_ms: number;
  load_per_s: number;
  timer_late_p50_ms: number;
  freshness_ms?: number;
  heap_bytes_per_contact: number;
  state_bytes_per_contact: number;
  dataset_bytes_per_contact: number;
  engine_bytes_per_contact: number;
  /** Start rebuilt from the store, and from the snapshot a clean close wrote. */
  start_ms: number;
  snapshot_start_ms: number;
  contacts: number;
  segments: number;
}

export interface IngestBenchReport extends BenchReport {
  result: IngestBenchResult;
  facts: IngestFacts;
}

export function toResult(f: IngestFacts): IngestBenchResult {
  const scavenges = f.latency.gc.minor;
  return {
    bench: "ingest",
    store: f.store,
    ours: round(f.sustained.perSec),
    peers: f.peer === undefined ? {} : { "pg-matview": round(f.peer.perSec, 1) },
    unit: "events/s",
    p99_ms: round(f.latency.change.p99, 2),
    timer_late_p99_ms: round(f.wave.late.p99, 1),
    max_stall_ms: round(f.wave.stall.max, 1),
    p50_ms: round(f.latency.change.p50, 2),
    ack_p99_ms: round(f.latency.ack.p99, 2),
    achieved_per_s: round(f.latency.achieved),
    scavenge_p50_ms: scavenges.count === 0 ? null : round(scavenges.p50, 2),
    scavenge_max_ms: scavenges.count === 0 ? null : round(scavenges.max, 2),
    gc_paused_ms: round(f.latency.gc.pausedMs, 1),
    evaluate_p99_ms: round(f.latency.turns.evaluate.p99, 2),
    commit_p99_ms: round(f.latency.turns.commit.p99, 2),
    p99_1k_ms: round(f.latencyLow.change.p99, 2),
    load_per_s: round(f.load.perSec),
    timer_late_p50_ms: round(f.wave.late.p50, 1),
    ...(f.peer && { freshness_ms: round(f.peer.freshness.p50) }),
    heap_bytes_per_contact: round(f.memory.heapBytesPerContact),
    state_bytes_per_contact: round(f.memory.stateBytesPerContact),
    dataset_bytes_per_contact: round(f.memory.datasetBytesPerContact),
    engine_bytes_per_contact: round(engineBytesPerContact(f.memory)),
    start_ms: round(f.restart.startMs),
    snapshot_start_ms: round(f.restart.snapshotStartMs),
    contacts: f.contacts,
    segments: f.segments,
  };
}
