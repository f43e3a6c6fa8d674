import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { COMPACTION_NICE } from "../../src/store/level/compaction-priority.ts";

const tsx = join(import.meta.dirname, "../../../../node_modules/tsx/dist/esm/index.mjs");
const child = join(import.meta.dirname, "support/compaction-child.ts");
const dir = mkdtempSync(join(tmpdir(), "segments-compaction-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Report {
  outcome: { tid?: number; nice?: number; reason?: string };
  main: number;
  threads: { tid: number; nice: number; ms: number }[];
}

// Thread priorities are per thread on Linux only; elsewhere the store leaves them alone.
describe.runIf(process.platform === "linux")("LevelDB's compaction thread", () => {
  it("is the one thread the first open lowers, and it is the thread that compacts", () => {
    const out = execFileSync(process.execPath, ["--import", tsx, child, join(dir, "db")], {
      encoding: "utf8",
    });
    const report = JSON.parse(out.trim().split("\n").pop() as string) as Report;
    expect(report.outcome.nice).toBe(COMPACTION_NICE);
    const lowered = report.threads.filter((t) => t.nice === COMPACTION_NICE);
    expect(lowered.map((t) => t.tid)).toEqual([report.outcome.tid]);
    expect(report.outcome.tid).not.toBe(report.main);
    // The compaction of 48 MB ran on it: more CPU there than on every other thread but main.
    const others = report.threads.filter((t) => t.tid !== report.main && t.tid !== report.outcome.tid);
    expect(lowered[0].ms).toBeGreaterThan(Math.max(0, ...others.map((t) => t.ms)));
  }, 60_000);
});
