/** The latency phases' collector figures: kinds told apart, pauses added up, and real entries seen. */
import { constants, type PerformanceEntry } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { gcPauses, watchGc } from "../ingest/gc-pauses.ts";

const entry = (kind: number, duration: number) =>
  ({ entryType: "gc", duration, detail: { kind } }) as unknown as PerformanceEntry;

describe("gc pauses", () => {
  it("sorts scavenges from mark-compacts and adds every pause up", () => {
    const { NODE_PERFORMANCE_GC_MINOR: minor, NODE_PERFORMANCE_GC_MAJOR: major } = constants;
    const incremental = constants.NODE_PERFORMANCE_GC_INCREMENTAL;
    const p = gcPauses(
      [entry(minor, 3), entry(minor, 9), entry(major, 40), entry(incremental, 2), entry(minor, 1)],
      1_000,
    );
    expect(p.minor).toEqual({ count: 3, p50: 3, p99: 9, max: 9 });
    expect(p.major).toEqual({ count: 1, p50: 40, p99: 40, max: 40 });
    expect(p.pausedMs).toBe(55);
    expect(p.share).toBeCloseTo(0.055, 10);
  });

  it("reports no samples and no share for a phase without collections", () => {
    const p = gcPauses([], 0);
    expect(p.minor.count).toBe(0);
    expect(p.pausedMs).toBe(0);
    expect(p.share).toBe(0);
  });

  it("sees the scavenges that allocation causes while it watches", async () => {
    const gc = watchGc();
    let keep = 0;
    for (let i = 0; i < 200; i++) {
      const garbage = Array.from({ length: 10_000 }, (_, k) => ({ k, s: `x${k}` }));
      keep += garbage.length;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const p = gc.stop();
    expect(keep).toBe(2_000_000);
    expect(p.minor.count).toBeGreaterThan(0);
    expect(p.pausedMs).toBeGreaterThan(0);
    expect(p.pausedMs).toBeGreaterThanOrEqual(p.minor.max);
  });
});
