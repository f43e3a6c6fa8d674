import { availableParallelism, loadavg } from "node:os";
import type { BenchOptions } from "../bench-types.ts";
import { generateContacts } from "../data/contact-generator.ts";
import { benchSegments } from "./bench-segments.ts";
import { createBenchStore, postgresReachable, postgresUrl } from "./bench-store.ts";
import { type IngestOptions, ingestOptions } from "./ingest-options.ts";
import { type IngestBenchReport, type IngestFacts, toResult } from "./ingest-result.ts";
import { INGEST_SIZES, type IngestSize, TRAFFIC_SEED } from "./ingest-sizes.ts";
import { type ManyContactsReport, runManyContacts } from "./many-contacts.ts";
import { runMatviewPeer } from "./matview/matview-peer.ts";
import { reportTable } from "./report-table.ts";
import { measureService, type Snapshot } from "./service-phases.ts";
import { replaySustained } from "./sustained-senders.ts";

/**
 * End to end through the real pipeline (durable group commits), with the system clock: load,
 * sustained rate, message → membership-change latency at a fixed rate, a timer wave, memory,
 * restart, and PostgreSQL materialized views as the peer. `--contacts N` runs the separate
 * large-state measurement instead.
 * @example (await runIngestBench({ size: "small", flags: { peer: "off" } })).result.ours
 */
export async function runIngestBench(options: BenchOptions): Promise<IngestBenchReport | ManyContactsReport> {
  const o = ingestOptions(options);
  const log = options.log ?? (() => {});
  if (o.contacts !== undefined) return runManyContacts(o.store, o.contacts, log);
  return runIngest(o, log);
}

/** The ingest benchmark proper (everything but `--contacts`), typed for the tests. */
export async function runIngest(
  o: IngestOptions,
  log: (line: string) => void = () => {},
): Promise<IngestBenchReport> {
  const loadBefore = loadavg()[0];
  const size = INGEST_SIZES[o.size];
  const peerPlan = await planPeer(o);
  const bench = createBenchStore(o.store);
  try {
    const { snapshot, figures } = await measureService(bench, size, log);
    const peer = peerPlan.run ? await peerPhase(size, snapshot, log) : undefined;
    const facts: IngestFacts = {
      ...figures,
      ...(peer ? { peer } : { peerSkipped: peerPlan.reason }),
      machine: { cores: availableParallelism(), loadAverage: [loadBefore, loadavg()[0]] },
    };
    return { table: reportTable(facts), result: toResult(facts), facts };
  } finally {
    await bench.dispose();
  }
}

async function planPeer(o: IngestOptions): Promise<{ run: boolean; reason?: string }> {
  if (o.peer === "off") return { run: false, reason: "--peer off" };
  if (await postgresReachable()) return { run: true };
  const reason = `PostgreSQL not reachable at ${postgresUrl()}`;
  if (o.peer === "on") throw new Error(`${reason} (--peer on)`);
  return { run: false, reason };
}

/** The peer on the same contacts, replaying the sustained senders' messages in batches of `peer.batch`. */
async function peerPhase(size: IngestSize, snapshot: Snapshot, log: (line: string) => void) {
  log("5 pg-matview peer");
  const senders = { ...size.sustained, contacts: size.contacts, seed: TRAFFIC_SEED, batch: size.peer.batch };
  return runMatviewPeer({
    url: postgresUrl(),
    segments: benchSegments(size.segments),
    contacts: generateContacts(size.contacts, snapshot.gen),
    snapshot,
    stream: replaySustained(senders, Number.MAX_SAFE_INTEGER, Date.now),
    minStreamMs: size.peer.minStreamMs,
    log,
  });
}
