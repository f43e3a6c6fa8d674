import type { EvaluatorBenchReport } from "./evaluator-result.ts";

const TARGET_RATIO_JSON_LOGIC = 25;
const TARGET_EVALS_PER_SEC = 20_000_000;

/** `12.3 M`, `456.0 k`: evaluations per second at a glance. */
export function formatRate(perSec: number): string {
  if (perSec >= 1e6) return `${(perSec / 1e6).toFixed(1)} M`;
  if (perSec >= 1e3) return `${(perSec / 1e3).toFixed(1)} k`;
  return perSec.toFixed(0);
}

const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
const met = (ok: boolean) => (ok ? "met" : "NOT MET");

type TableFacts = Omit<EvaluatorBenchReport, "table">;

/** The human-readable report: one row per rule, the scenario aggregate, then notes and targets. */
export function reportTable(facts: TableFacts): string {
  const { result, contacts, machine } = facts;
  const { "json-logic-js": jl } = result.peers;
  const [loadStart, loadEnd] = machine.loadAverage;
  const busy = loadStart >= machine.cores;
  return [
    `evaluator: ${contacts} contacts; evals per CPU-second of one Node process (higher is better)`,
    `equivalence: ours (test and evaluate), json-logic-js and json-rules-engine agree on all ${facts.checkedContacts} contacts × ${Object.keys(result.per_rule).length} rules`,
    "",
    ...alignColumns(rows(facts)),
    "",
    `state per contact: ${result.state_bytes_per_contact} bytes (stateBytes mean); heap growth ${Math.round(facts.heapBytesPerContact)} bytes`,
    `wall-clock aggregate: ours ${formatRate(facts.wallClock.ours)}, json-logic-js ${formatRate(facts.wallClock["json-logic-js"])}, json-rules-engine ${formatRate(facts.wallClock["json-rules-engine"])}`,
    `machine: ${machine.cores} cores, load average ${loadStart.toFixed(1)} at start, ${loadEnd.toFixed(1)} at end${busy ? " (BUSY: figures are noisy)" : ""}`,
    "peers get event counts/sums pre-aggregated at the same `now` and signup_date as epoch ms; ours aggregates raw events itself",
    `target ≥ ${TARGET_RATIO_JSON_LOGIC}× json-logic-js: ${ratio(result.ours, jl)} (${met(result.ours >= TARGET_RATIO_JSON_LOGIC * jl)})`,
    `target ≥ ${formatRate(TARGET_EVALS_PER_SEC)} evals/s: ${formatRate(result.ours)} (${met(result.ours >= TARGET_EVALS_PER_SEC)})`,
  ].join("\n");
}

function rows({ result, oursEvaluate }: TableFacts): string[][] {
  const header = ["rule", "members", "ours test", "ours evaluate", "json-logic-js", "json-rules-engine"];
  const out = [header.concat(["ours/jl", "ours/jre"])];
  const row = (name: string, members: string, ours: number, evaluate: number, jl: number, jre: number) => [
    name,
    members,
    ...[ours, evaluate, jl, jre].map(formatRate),
    ratio(ours, jl),
    ratio(ours, jre),
  ];
  for (const [id, f] of Object.entries(result.per_rule)) {
    out.push(row(id, String(f.members), f.ours, f.ours_evaluate, f["json-logic-js"], f["json-rules-engine"]));
  }
  const { "json-logic-js": jl, "json-rules-engine": jre } = result.peers;
  out.push(row("3 scenarios (aggregate)", "", result.ours, oursEvaluate, jl, jre));
  return out;
}

function alignColumns(rows: readonly string[][]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: readonly string[]) =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(rows[0]), rule, ...rows.slice(1, -1).map(line), rule, line(rows[rows.length - 1])];
}
