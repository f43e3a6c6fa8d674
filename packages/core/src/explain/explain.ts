import { compileRule } from "../evaluator/compile-rule.ts";
import type { SegmentLookup } from "../model.ts";
import type { Node } from "../schema/rule.ts";
import type { ContactState } from "../state/contact-state.ts";
import type { StateLayout } from "../state/state-layout.ts";
import type { ExplainNode } from "./explain-node.ts";
import { observe } from "./observe.ts";

/**
 * The rule tree with each node's result for one contact at `now`, the values it compared and
 * when it can next change by time alone. Results come from the same compiled evaluator as
 * membership, so an explanation never disagrees with the membership it explains.
 * @example explainRule(rule, engine.layout, state, now, lookup, "ws_1").result // true
 */
export function explainRule(
  node: Node,
  layout: StateLayout,
  s: ContactState,
  now: number,
  segments: SegmentLookup,
  workspaceId: string,
  path = "",
): ExplainNode {
  const o = compileRule(node, layout, workspaceId).evaluate(s, now, segments);
  const changes_at = Number.isFinite(o.next) ? new Date(o.next).toISOString() : null;
  if (node.type === "group") {
    return {
      type: "group",
      path,
      combinator: node.combinator,
      negate: node.negate === true,
      result: o.result,
      changes_at,
      children: node.children.map((child, i) =>
        explainRule(child, layout, s, now, segments, workspaceId, `${path}/children/${i}`),
      ),
    };
  }
  const observed = observe(node, layout, s, now, segments, workspaceId);
  return { type: node.type, path, condition: node, result: o.result, changes_at, observed };
}
