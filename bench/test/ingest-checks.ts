import { beforeAll, describe, expect, it } from "vitest";
import { benchSegments } from "../ingest/bench-segments.ts";
import type { StoreKind } from "../ingest/bench-store.ts";
import { runIngest } from "../ingest/ingest-bench.ts";
import type { IngestBenchReport, IngestBenchResult } from "../ingest/ingest-result.ts";
import { INGEST_SIZES } from "../ingest/ingest-sizes.ts";
import { round } from "../ingest/stats.ts";

/**
 * What the ingest benchmark's small runs must show. Each store's run has a test file of its own:
 * the heap growth a run measures must not include what an earlier run in the process releases.
 */
export const positiveFinite = (n: unknown) => typeof n === "number" && Number.isFinite(n) && n > 0;

export const REQUIRED_KEYS = [
  "bench",
  "store",
  "ours",
  "peers",
  "unit",
  "p99_ms",
  "timer_late_p99_ms",
  "max_stall_ms",
];
export const FIGURE_KEYS = [
  "ours",
  "p99_ms",
  "timer_late_p99_ms",
  "max_stall_ms",
  "p50_ms",
  "ack_p99_ms",
  "evaluate_p99_ms",
  "commit_p99_ms",
  "load_per_s",
  "timer_late_p50_ms",
  "heap_bytes_per_contact",
  "state_bytes_per_contact",
  "dataset_bytes_per_contact",
  "start_ms",
  "snapshot_start_ms",
] as const satisfies readonly (keyof IngestBenchResult)[];

export const { contacts } = INGEST_SIZES.small;

/** What every run must show, whatever the store: the shape, sane figures and every phase done. */
export function checkRun(report: IngestBenchReport, store: StoreKind) {
  const { result, facts } = report;
  expect(result.bench).toBe("ingest");
  expect(result.store).toBe(store);
  expect(result.unit).toBe("events/s");
  for (const key of REQUIRED_KEYS) expect(result).toHaveProperty(key);
  expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  for (const key of FIGURE_KEYS) expect(positiveFinite(result[key]), `${key} = ${result[key]}`).toBe(true);
  // The engine's share is what the heap grew by beyond the preview dataset (small runs are noisy: sign not asserted).
  expect(
    Math.abs(
      result.engine_bytes_per_contact - (result.heap_bytes_per_contact - result.dataset_bytes_per_contact),
    ),
  ).toBeLessThanOrEqual(1);
  // The collector's pauses are part of the 10k/s phase: never more than the phase lasted, scavenges within them.
  const gc = facts.latency.gc;
  expect(gc.pausedMs).toBeGreaterThanOrEqual(0);
  expect(gc.share).toBeLessThan(1);
  if (gc.minor.count > 0) expect(gc.minor.max).toBeLessThanOrEqual(gc.pausedMs + 1e-9);
  expect(result.gc_paused_ms).toBe(round(gc.pausedMs, 1));
  expect(report.table).toContain("main thread's GC pauses meanwhile");
  // The 10k/s phase's turns carried its messages, and the JSON's figures are theirs.
  const turns = facts.latency.turns;
  expect(turns.turns).toBeGreaterThan(0);
  expect(turns.messagesPerTurn).toBeGreaterThan(0);
  expect(turns.commit.count).toBeGreaterThan(0);
  expect(turns.evaluate.p99).toBeLessThanOrEqual(turns.evaluate.max);
  expect(result.evaluate_p99_ms).toBe(round(turns.evaluate.p99, 2));
  expect(result.commit_p99_ms).toBe(round(turns.commit.p99, 2));
  expect(report.table).toContain("pipeline turns meanwhile");
  expect(result.contacts).toBe(contacts);
  expect(result.segments).toBe(benchSegments("small").length);
  // Every phase did its work: changes were attributed, every contact entered and left the wave on time.
  expect(facts.latency.change.count).toBeGreaterThan(0);
  expect(facts.wave.entered).toBe(contacts);
  expect(facts.wave.exits).toBe(contacts);
  expect(facts.wave.early).toBe(0);
  // The wave's turns carried its exits, and its collector pauses fit in the time the probe ran.
  expect(facts.wave.turns.turns).toBeGreaterThan(0);
  expect(facts.wave.gc.share).toBeLessThan(1);
  expect(report.table.split("main thread's GC pauses meanwhile").length - 1).toBe(3);
  for (const s of benchSegments("small")) expect(report.table).not.toContain(`disagreement: ${s.id}`);
  expect(report.table).toContain("message → membership change");
}

/** The small run on an embedded store, without the peer. Not a timed test: it runs end to end. */
export function embeddedRunTests(store: "leveldb" | "sqlite"): void {
  describe(`ingest benchmark (small, embedded ${store})`, () => {
    let report: IngestBenchReport;
    beforeAll(async () => {
      report = await runIngest({ size: "small", store, peer: "off" });
    }, 120_000);

    it("returns the JSON line with every figure a positive finite number", () => {
      checkRun(report, store);
      expect(report.result.peers).toEqual({});
      expect(report.facts.peerSkipped).toBe("--peer off");
    });
  });
}
