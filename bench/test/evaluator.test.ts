import { beforeAll, describe, expect, it } from "vitest";
import { BENCH_RULES } from "../evaluator/bench-rules.ts";
import { runEvaluatorBench } from "../evaluator/evaluator-bench.ts";
import type { EvaluatorBenchReport } from "../evaluator/evaluator-result.ts";

const positiveFinite = (n: unknown) => typeof n === "number" && Number.isFinite(n) && n > 0;

// Not a timed test: it checks that the benchmark runs, agrees with its peers and reports sane figures.
describe("evaluator benchmark (small)", () => {
  let report: EvaluatorBenchReport;
  let result: EvaluatorBenchReport["result"];
  // A few seconds of CPU; more wall time on a busy machine.
  beforeAll(async () => {
    report = await runEvaluatorBench({ size: "small" });
    result = report.result;
  }, 120_000);

  it("returns the JSON line's shape", () => {
    expect(Object.keys(result).sort()).toEqual(
      ["bench", "ours", "peers", "per_rule", "state_bytes_per_contact", "unit"].sort(),
    );
    expect(result.bench).toBe("evaluator");
    expect(result.unit).toBe("evals/s");
    expect(Object.keys(result.peers).sort()).toEqual(["json-logic-js", "json-rules-engine"]);
    expect(Object.keys(result.per_rule)).toEqual(BENCH_RULES.map((r) => r.id));
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it("checked equivalence on every contact of every rule", () => {
    expect(report.contacts).toBe(5_000);
    expect(report.checkedContacts).toBe(report.contacts);
    for (const f of Object.values(result.per_rule)) {
      expect(f.checked).toBe(report.contacts);
      // Each rule splits the contacts, so agreement is tested on both sides.
      expect(f.members).toBeGreaterThan(0);
      expect(f.members).toBeLessThan(report.contacts);
    }
  });

  it("reports every figure as a positive finite number", () => {
    const figures = [
      result.ours,
      ...Object.values(result.peers),
      result.state_bytes_per_contact,
      report.oursEvaluate,
      report.heapBytesPerContact,
      ...Object.values(report.wallClock),
      ...Object.values(result.per_rule).flatMap((f) => [
        f.ours,
        f.ours_evaluate,
        f["json-logic-js"],
        f["json-rules-engine"],
      ]),
    ];
    for (const n of figures) expect(positiveFinite(n), String(n)).toBe(true);
  });

  it("prints a table that names every rule", () => {
    for (const r of BENCH_RULES) expect(report.table).toContain(r.id);
  });
});
