import { availableParallelism, loadavg } from "node:os";
import { Group } from "../../packages/core/src/schema/rule.ts";
import type { BenchOptions, BenchSize } from "../bench-types.ts";
import { type ContactGeneratorOptions, generateContacts } from "../data/contact-generator.ts";
import { BENCH_RULES } from "./bench-rules.ts";
import { checkEquivalence } from "./equivalence.ts";
import { type EvaluatorBenchReport, type RuleRates, toResult } from "./evaluator-result.ts";
import { buildOurStates, measureEvaluate, measureTest, type OurSetup } from "./our-engine.ts";
import { buildPeerRules, measureJsonLogic, measureJsonRulesEngine, type PeerRule } from "./peer-engines.ts";
import { reportTable } from "./report-table.ts";

/** A fixed "now" so that every run sees the same windows over the same data. */
export const BENCH_NOW = Date.UTC(2026, 10, 29, 12);

/** Contacts, and CPU time per measurement (each evaluator, each rule). */
const SIZES: Record<BenchSize, { contacts: number; minMs: number }> = {
  small: { contacts: 5_000, minMs: 50 },
  full: { contacts: 100_000, minMs: 1_000 },
};

/**
 * Our per-contact engine against json-logic-js and json-rules-engine on the same contacts and
 * equivalent rules: checks that all agree on every contact, then times each evaluator per rule.
 * @example (await runEvaluatorBench({ size: "small" })).result.ours // evals/s, 3 scenario rules
 */
export async function runEvaluatorBench({
  size,
  log = () => {},
}: BenchOptions): Promise<EvaluatorBenchReport> {
  const { contacts, minMs } = SIZES[size];
  const loadBefore = loadavg()[0];
  for (const r of BENCH_RULES) Group.parse(r.rule);
  const gen: ContactGeneratorOptions = { seed: 20261129, now: BENCH_NOW, meanEvents: 20 };
  log(`building ${contacts} contact states (ours)`);
  const ours = buildOurStates(BENCH_RULES, generateContacts(contacts, gen));
  log("building the peers' flat data (pre-aggregated event counts)");
  const peers = buildPeerRules(BENCH_RULES, generateContacts(contacts, gen), BENCH_NOW);
  log("checking that all evaluators agree on every contact and rule");
  const checks = await checkEquivalence(BENCH_RULES, ours, peers, BENCH_NOW);
  const rates = await timeRules(ours, peers, minMs, log);
  const facts = {
    ...toResult(BENCH_RULES, checks, rates, ours.stateBytesPerContact),
    contacts,
    checkedContacts: Math.min(...checks.map((c) => c.checked)),
    heapBytesPerContact: ours.heapBytesPerContact,
    machine: { cores: availableParallelism(), loadAverage: [loadBefore, loadavg()[0]] as [number, number] },
  };
  return { ...facts, table: reportTable(facts) };
}

async function timeRules(
  ours: OurSetup,
  peers: readonly PeerRule[],
  minMs: number,
  log: (line: string) => void,
): Promise<RuleRates[]> {
  const rates: RuleRates[] = [];
  for (const [i, rule] of BENCH_RULES.entries()) {
    log(`timing ${rule.id}`);
    rates.push({
      test: measureTest(ours, rule.id, BENCH_NOW, minMs),
      evaluate: measureEvaluate(ours, rule.id, BENCH_NOW, minMs),
      logic: measureJsonLogic(peers[i], minMs),
      engine: await measureJsonRulesEngine(peers[i], minMs),
    });
  }
  return rates;
}
