import { describe, expect, it } from "vitest";
import { runApiBench } from "../api/api-bench.ts";
import type { ApiBenchResult } from "../api/api-report.ts";
import { API_BENCH_SEGMENTS } from "../api/api-segments.ts";
import { BenchUsageError } from "../bench-types.ts";
import { postgresReachable, postgresUrl, type StoreKind } from "../ingest/bench-store.ts";

const FIGURES = [
  "ours",
  "member_check_p50_ms",
  "member_check_p99_ms",
  "preview_p50_ms",
  "preview_p99_ms",
  "idle_member_check_p99_ms",
  "idle_preview_p99_ms",
  "batch_p99_ms",
  "preload_per_s",
] as const satisfies readonly (keyof ApiBenchResult)[];

/** True (skip) when PostgreSQL is down; with REQUIRE_SERVICES=1 a missing server fails instead. */
async function skipWithoutPostgres(): Promise<boolean> {
  if (await postgresReachable()) return false;
  if (process.env.REQUIRE_SERVICES === "1") {
    throw new Error(`PostgreSQL is required (REQUIRE_SERVICES=1) but not reachable at ${postgresUrl()}`);
  }
  console.warn(`SKIPPED: PostgreSQL is not reachable at ${postgresUrl()}: the api benchmark's postgres run.`);
  return true;
}

async function checkRun(store: StoreKind) {
  const report = await runApiBench({ size: "small", flags: { store, duration: "2" } });
  const result = report.result as ApiBenchResult;
  expect(result).toMatchObject({ bench: "api", store, unit: "events/s", failed_calls: 0, senders: 4 });
  expect(result.messages_per_call).toBe(1000);
  expect(report.table).toContain(`segment sizes at the end (${API_BENCH_SEGMENTS.length})`);
  for (const key of FIGURES) {
    expect(Number.isFinite(result[key]) && result[key] > 0, `${key} = ${result[key]}`).toBe(true);
  }
  expect(result.batch_calls).toBeGreaterThan(0);
  expect(result.member_checks).toBeGreaterThan(0);
  expect(result.previews).toBeGreaterThan(0);
  expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  expect(report.table).toContain("member check under load");
}

describe("npm run bench -- api --size small", () => {
  it("drives /v1/batch on the real server (SQLite) and times member checks and previews meanwhile", async () => {
    await checkRun("sqlite");
  });

  it("does the same on PostgreSQL", async () => {
    if (await skipWithoutPostgres()) return;
    await checkRun("postgres");
  });

  it("refuses options it does not know", async () => {
    await expect(runApiBench({ size: "small", flags: { contacts: "5" } })).rejects.toThrow(BenchUsageError);
    await expect(runApiBench({ size: "small", flags: { store: "mysql" } })).rejects.toThrow(BenchUsageError);
  });
});
