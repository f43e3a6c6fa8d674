import type { BenchRule } from "./bench-rules.ts";
import { type OurSetup, ourMemberships } from "./our-engine.ts";
import { jsonLogicMember, jsonRulesEngineMember, type PeerRule } from "./peer-engines.ts";

/** The outcome of comparing all evaluators on one rule over every contact. */
export interface RuleCheck {
  id: string;
  checked: number;
  members: number;
}

const SHOWN = 5;

/**
 * For every contact and rule: our `test` == our `evaluate().member` == json-logic-js ==
 * json-rules-engine. Throws, listing the first disagreements, when any differ: a benchmark of
 * evaluators that answer differently would compare nothing.
 */
export async function checkEquivalence(
  rules: readonly BenchRule[],
  ours: OurSetup,
  peers: readonly PeerRule[],
  now: number,
): Promise<RuleCheck[]> {
  const checks: RuleCheck[] = [];
  const problems: string[] = [];
  for (const [r, rule] of rules.entries()) {
    const peer = peers[r];
    const { test, evaluate } = ourMemberships(ours, rule.id, now);
    let members = 0;
    for (let i = 0; i < test.length; i++) {
      const answers = [
        test[i] === 1,
        evaluate[i] === 1,
        jsonLogicMember(peer, i),
        await jsonRulesEngineMember(peer, i),
      ];
      if (answers.some((a) => a !== answers[0])) {
        problems.push(describe(rule.id, ours.states[i].id, answers, peer.data[i]));
      }
      if (answers[0]) members++;
    }
    checks.push({ id: rule.id, checked: test.length, members });
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, SHOWN).join("\n");
    throw new Error(`evaluators disagree on ${problems.length} (contact, rule) pairs:\n${shown}`);
  }
  return checks;
}

function describe(ruleId: string, contactId: string, answers: boolean[], data: unknown): string {
  const [test, evaluate, logic, engine] = answers;
  const who = `test=${test} evaluate=${evaluate} json-logic-js=${logic} json-rules-engine=${engine}`;
  return `  ${ruleId} / ${contactId}: ${who}; peer data ${JSON.stringify(data)}`;
}
