import type { JsonLogicRule } from "json-logic-js";
import type { Condition } from "../../packages/core/src/schema/conditions.ts";
import type { Duration } from "../../packages/core/src/schema/primitives.ts";
import { isGroup, type Node } from "../../packages/core/src/schema/rule.ts";
import { durationMs } from "../../packages/core/src/values/durations.ts";
import { featureOf } from "./peer-features.ts";

/**
 * Translates a rule into json-logic over the flat peer data (see peer-features.ts). Relative
 * dates become constants computed from `now`, so the translation is valid at that instant only.
 * Strict `===` keeps RULES.md's "no coercion"; comparisons that JS would make true for a missing
 * value (`null < 5`) are guarded by a presence test, since a missing value fails them in RULES.md.
 */
export function toJsonLogic(node: Node, now: number): JsonLogicRule {
  if (isGroup(node)) {
    const combined = { [node.combinator]: node.children.map((c) => toJsonLogic(c, now)) };
    return node.negate === true ? { "!": combined } : combined;
  }
  const feature = featureOf(node);
  const v = { var: feature.key };
  const { test, nullIsTrue } = comparison(node, v, now);
  return feature.optional && nullIsTrue ? { and: [{ "!=": [v, null] }, test] } : test;
}

/** The json-logic test of one condition, and whether JS would let `null` pass it. */
function comparison(
  c: Condition,
  v: JsonLogicRule,
  now: number,
): { test: JsonLogicRule; nullIsTrue: boolean } {
  if (!("operator" in c) || c.type === "segment" || c.type === "list") {
    throw new Error(`json-logic: ${c.type} conditions are not supported`);
  }
  const value = "value" in c ? c.value : undefined;
  const plain = (test: JsonLogicRule) => ({ test, nullIsTrue: false });
  switch (c.operator) {
    case "eq":
      return plain({ "===": [v, value] });
    case "neq":
      return plain({ "!==": [v, value] });
    case "in":
      return plain({ in: [v, value] });
    case "not_in":
      return plain({ "!": { in: [v, value] } });
    case "gt":
      return plain({ ">": [v, value] });
    case "gte":
      return plain({ ">=": [v, value] });
    case "lt":
      return { test: { "<": [v, value] }, nullIsTrue: true };
    case "lte":
      return { test: { "<=": [v, value] }, nullIsTrue: true };
    case "between": {
      const [lo, hi] = value as [number, number];
      return { test: { "<=": [lo, v, hi] }, nullIsTrue: true };
    }
    case "is_true":
      return plain({ "===": [v, true] });
    case "is_false":
      return plain({ "===": [v, false] });
    case "within_last":
      return plain({ "<=": [now - durationMs(value as Duration), v, now] });
    case "more_than_ago":
      return { test: { "<": [v, now - durationMs(value as Duration)] }, nullIsTrue: true };
    default:
      throw new Error(`json-logic: operator ${c.operator} is not supported`);
  }
}
