import { beforeAll, describe, expect, it } from "vitest";
import { postgresReachable } from "../ingest/bench-store.ts";
import { runPreviewBench } from "../preview/preview-bench.ts";
import type { PreviewReport } from "../preview/preview-report.ts";
import { PREVIEW_RULES } from "../preview/preview-rules.ts";

const positiveFinite = (n: unknown) => typeof n === "number" && Number.isFinite(n) && n > 0;

// Not a timed test: the benchmark runs end to end at 5k contacts, every peer agrees with our
// counts (the run throws otherwise), and the JSON line has its shape.
describe("preview benchmark (small)", () => {
  let report: PreviewReport;
  let postgres: boolean;
  beforeAll(async () => {
    postgres = await postgresReachable();
    report = await runPreviewBench({ size: "small" });
  }, 300_000);

  it("returns the JSON line's shape", () => {
    const { result } = report;
    expect(Object.keys(result).sort()).toEqual(
      [
        "bench",
        "ours",
        "peers",
        "unit",
        "selective_ms",
        "saved_count_ms",
        "estimate_p95_ms",
        "peak_rss_mb",
      ].sort(),
    );
    expect(result.bench).toBe("preview");
    expect(result.unit).toBe("ms");
    expect(Object.keys(result.peers).sort()).toEqual(["duckdb", "postgres", "sqlite"]);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it("ran every peer on every rule with our counts", () => {
    const names = report.peers.map((p) => p.name);
    expect(names).toEqual(postgres ? ["duckdb", "sqlite", "postgres"] : ["duckdb", "sqlite"]);
    for (const p of report.peers) {
      for (const r of PREVIEW_RULES) expect(p.rules[r.id].count).toBe(report.ours[r.id].count);
    }
    // Each rule splits the contacts, so the agreement is tested on both sides.
    for (const r of PREVIEW_RULES) {
      expect(report.ours[r.id].count, r.id).toBeGreaterThan(0);
      expect(report.ours[r.id].count, r.id).toBeLessThan(report.contacts);
    }
  });

  it("reports every figure as a positive finite number", () => {
    const { result } = report;
    const figures = [
      result.ours,
      result.selective_ms,
      result.saved_count_ms,
      result.estimate_p95_ms,
      result.peak_rss_mb,
      ...report.peers.map((p) => result.peers[p.name]),
      report.oursLoadMs,
      report.oursBytes,
    ];
    for (const n of figures) expect(positiveFinite(n), String(n)).toBe(true);
    expect(report.contacts).toBe(5_000);
    expect(report.events).toBeGreaterThan(50_000);
  });

  it("estimates every edit, the exact count mostly inside the bound", () => {
    expect(report.estimate.edits).toBe(20);
    expect(report.estimate.covered).toBeGreaterThanOrEqual(17);
  });

  it("prints a table that names every rule", () => {
    for (const r of PREVIEW_RULES) expect(report.table).toContain(r.id);
  });
});
