import type { Condition } from "./conditions.ts";
import type { Node } from "./rule.ts";

/**
 * Calls `fn` for every condition of a rule tree, depth first, left to right.
 * @example forEachCondition(rule, (c) => c.type === "score" && scores.add(c.score))
 */
export function forEachCondition(node: Node, fn: (condition: Condition) => void): void {
  if (node.type === "group") {
    for (const child of node.children) forEachCondition(child, fn);
  } else {
    fn(node);
  }
}
