import type { Group } from "../schema/rule.ts";
import type { CompiledNode, Outcome } from "./compiled-node.ts";

const INF = Number.POSITIVE_INFINITY;

/**
 * AND/OR over compiled children, optionally negated. Next-change time (a safe lower bound):
 * a holding AND (failing OR) can flip when any child flips: the least child `next`; a failing AND
 * (holding OR) stays so until every child that makes it so has flipped: the greatest of theirs.
 */
export function compileGroup(g: Group, children: CompiledNode[]): CompiledNode {
  const negate = g.negate === true;
  const isAnd = g.combinator === "and";
  const test: CompiledNode["test"] = isAnd
    ? (s, now, seg) => {
        for (const c of children) if (!c.test(s, now, seg)) return negate;
        return !negate;
      }
    : (s, now, seg) => {
        for (const c of children) if (c.test(s, now, seg)) return !negate;
        return negate;
      };
  // `decisive` is the child result that alone settles the group: false for AND, true for OR.
  const decisive = !isAnd;
  const evaluate: CompiledNode["evaluate"] = (s, now, seg): Outcome => {
    let settled = false;
    let least = INF;
    let latestDecisive = Number.NEGATIVE_INFINITY;
    for (const c of children) {
      const o = c.evaluate(s, now, seg);
      if (o.result === decisive) {
        settled = true;
        if (o.next > latestDecisive) latestDecisive = o.next;
        if (latestDecisive === INF) break;
      } else if (o.next < least) {
        least = o.next;
      }
    }
    const result = isAnd ? !settled : settled;
    return { result: result !== negate, next: settled ? latestDecisive : least };
  };
  return { test, evaluate };
}
