import type { Condition, ConditionType } from "../schema/conditions.ts";
import type { Node } from "../schema/rule.ts";
import type { StateLayout } from "../state/state-layout.ts";
import { compileEvent } from "./compile-event.ts";
import { compileEventTime } from "./compile-event-time.ts";
import { compileGroup } from "./compile-group.ts";
import { compileBucket, compileList, compileSegment } from "./compile-membership.ts";
import { compileProperty, compileScore } from "./compile-property.ts";
import { compileSequence } from "./compile-sequence.ts";
import type { CompiledNode } from "./compiled-node.ts";

interface CompileContext {
  layout: StateLayout;
  workspaceId: string;
}

type Compilers = {
  [K in ConditionType]: (c: Extract<Condition, { type: K }>, ctx: CompileContext) => CompiledNode;
};

/** One compiler per condition kind: a new kind does not compile until it is handled here. */
const COMPILERS: Compilers = {
  property: (c, { layout }) => compileProperty(c, layout),
  score: (c, { layout }) => compileScore(c, layout),
  event: (c, { layout }) => compileEvent(c, layout),
  event_time: (c, { layout }) => compileEventTime(c, layout),
  sequence: (c, { layout }) => compileSequence(c, layout),
  segment: (c) => compileSegment(c),
  list: (c) => compileList(c),
  bucket: (c, { workspaceId }) => compileBucket(c, workspaceId),
};

/**
 * Compiles a validated rule into closures over a contact state laid out by `layout` (which must
 * have been built from rules including this one).
 * @example compileRule(rule, StateLayout.fromRules([rule]), "ws_1").test(state, now, lookup)
 */
export function compileRule(node: Node, layout: StateLayout, workspaceId: string): CompiledNode {
  const ctx = { layout, workspaceId };
  const go = (n: Node): CompiledNode => {
    if (n.type === "group") return compileGroup(n, n.children.map(go));
    const compile = COMPILERS[n.type] as (c: Condition, ctx: CompileContext) => CompiledNode;
    return compile(n, ctx);
  };
  return go(node);
}
