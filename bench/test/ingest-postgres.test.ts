import { beforeAll, describe, expect, it } from "vitest";
import { benchSegments } from "../ingest/bench-segments.ts";
import { postgresReachable, postgresUrl } from "../ingest/bench-store.ts";
import { runIngest } from "../ingest/ingest-bench.ts";
import type { IngestBenchReport } from "../ingest/ingest-result.ts";
import { checkRun, positiveFinite } from "./ingest-checks.ts";

/** True (skip) when PostgreSQL is down; with REQUIRE_SERVICES=1 a missing server fails the file instead. */
async function skipWithoutPostgres(): Promise<boolean> {
  if (await postgresReachable()) return false;
  if (process.env.REQUIRE_SERVICES === "1") {
    throw new Error(`PostgreSQL is required (REQUIRE_SERVICES=1) but not reachable at ${postgresUrl()}`);
  }
  console.warn(
    `SKIPPED: PostgreSQL is not reachable at ${postgresUrl()}: the ingest benchmark's postgres-store ` +
      "and pg-matview tests do not run. Start it (TOOLCHAIN.md) or set REQUIRE_SERVICES=1 to make this a failure.",
  );
  return true;
}

const noPostgres = await skipWithoutPostgres();

describe("ingest benchmark (small, PostgreSQL store and the pg-matview peer)", () => {
  let report: IngestBenchReport;
  beforeAll(async () => {
    if (noPostgres) return;
    report = await runIngest({ size: "small", store: "postgres", peer: "on" });
  }, 180_000);

  it.skipIf(noPostgres)("returns the JSON line with every figure a positive finite number", () => {
    checkRun(report, "postgres");
  });

  it.skipIf(noPostgres)("runs the peer on every segment, agreeing with ours at a pinned now", () => {
    const { result, facts } = report;
    expect(Object.keys(result.peers)).toEqual(["pg-matview"]);
    expect(positiveFinite(result.peers["pg-matview"])).toBe(true);
    expect(positiveFinite(result.freshness_ms)).toBe(true);
    expect(facts.peer?.views).toBe(benchSegments("small").length);
    expect(facts.peer?.mismatches).toEqual([]);
  });
});
