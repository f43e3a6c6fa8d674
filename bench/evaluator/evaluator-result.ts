import type { BenchReport } from "../bench-types.ts";
import type { BenchRule } from "./bench-rules.ts";
import type { RuleCheck } from "./equivalence.ts";
import { combine, type Rate } from "./measure.ts";

/** Evaluations per second of each evaluator on one rule, with the check that backs them. */
export interface RuleFigures {
  members: number;
  /** Contacts on which all evaluators were compared (every contact of the run). */
  checked: number;
  ours: number;
  ours_evaluate: number;
  "json-logic-js": number;
  "json-rules-engine": number;
}

/** The JSON line: the scenario aggregate is `ours` and `peers`; per_rule includes the 20-condition rule. */
export interface EvaluatorBenchResult {
  bench: "evaluator";
  ours: number;
  peers: { "json-logic-js": number; "json-rules-engine": number };
  unit: "evals/s";
  per_rule: Record<string, RuleFigures>;
  state_bytes_per_contact: number;
}

/** Scenario aggregates by wall-clock time instead of CPU time, evals/s. */
export interface WallClockRates {
  ours: number;
  "json-logic-js": number;
  "json-rules-engine": number;
}

export interface EvaluatorBenchReport extends BenchReport {
  result: EvaluatorBenchResult;
  contacts: number;
  /** Contacts compared on every rule; equal to `contacts` when the check ran in full. */
  checkedContacts: number;
  /** `engine.evaluate` (with next-change time) over the scenario rules, evals/s. */
  oursEvaluate: number;
  wallClock: WallClockRates;
  heapBytesPerContact: number;
  /**
   * 1-minute load average at the start and at the end of the run (the run itself adds about 1).
   * When it starts at `cores` or more, other work competes for the CPU and its caches.
   */
  machine: { cores: number; loadAverage: [number, number] };
}

export interface RuleRates {
  test: Rate;
  evaluate: Rate;
  logic: Rate;
  engine: Rate;
}

/** Turns measurements into the published figures (evals/s rounded to integers). */
export function toResult(
  rules: readonly BenchRule[],
  checks: readonly RuleCheck[],
  rates: readonly RuleRates[],
  stateBytesPerContact: number,
) {
  const scenario = rates.filter((_, i) => rules[i].scenario);
  const aggregate = (pick: (r: RuleRates) => Rate) => combine(scenario.map(pick));
  const perSec = (pick: (r: RuleRates) => Rate) => Math.round(aggregate(pick).perSec);
  const wall = (pick: (r: RuleRates) => Rate) =>
    Math.round((aggregate(pick).evals / aggregate(pick).wallMs) * 1000);
  const per_rule: Record<string, RuleFigures> = {};
  for (const [i, rule] of rules.entries()) {
    const r = rates[i];
    per_rule[rule.id] = {
      members: checks[i].members,
      checked: checks[i].checked,
      ours: Math.round(r.test.perSec),
      ours_evaluate: Math.round(r.evaluate.perSec),
      "json-logic-js": Math.round(r.logic.perSec),
      "json-rules-engine": Math.round(r.engine.perSec),
    };
  }
  const result: EvaluatorBenchResult = {
    bench: "evaluator",
    ours: perSec((r) => r.test),
    peers: { "json-logic-js": perSec((r) => r.logic), "json-rules-engine": perSec((r) => r.engine) },
    unit: "evals/s",
    per_rule,
    state_bytes_per_contact: Math.round(stateBytesPerContact),
  };
  const wallClock: WallClockRates = {
    ours: wall((r) => r.test),
    "json-logic-js": wall((r) => r.logic),
    "json-rules-engine": wall((r) => r.engine),
  };
  return { result, oursEvaluate: perSec((r) => r.evaluate), wallClock };
}
