import type { ContactSnapshot } from "../model.ts";
import type { Group } from "../schema/rule.ts";
import { referenceEvaluate } from "./reference-evaluate.ts";

/**
 * Membership of every segment for one contact at `now`. A segment condition is resolved by
 * evaluating the referenced segment's rule on the same contact (memoised within this call);
 * an unknown id is not a member. Definitions are acyclic; a cycle is a bug and throws.
 * @example referenceMemberships([{ id: "all", rule }], contact, "ws_1", now).get("all") // true or false
 */
export function referenceMemberships(
  segments: readonly { id: string; rule: Group }[],
  contact: ContactSnapshot,
  workspaceId: string,
  now: number,
): Map<string, boolean> {
  const rules = new Map(segments.map((s) => [s.id, s.rule]));
  const known = new Map<string, boolean>();
  const inProgress = new Set<string>();

  const isMember = (id: string): boolean => {
    const rule = rules.get(id);
    if (rule === undefined) return false;
    const memo = known.get(id);
    if (memo !== undefined) return memo;
    if (inProgress.has(id)) throw new Error(`segment ${id} depends on itself`);
    inProgress.add(id);
    const member = referenceEvaluate(rule, contact, { workspaceId, now, isMember });
    inProgress.delete(id);
    known.set(id, member);
    return member;
  };

  return new Map(segments.map((s) => [s.id, isMember(s.id)]));
}
