import type { TopLevelCondition } from "json-rules-engine";
import type { Condition } from "../../packages/core/src/schema/conditions.ts";
import type { Duration } from "../../packages/core/src/schema/primitives.ts";
import { isGroup, type Node } from "../../packages/core/src/schema/rule.ts";
import { durationMs } from "../../packages/core/src/values/durations.ts";
import { featureOf } from "./peer-features.ts";

type AllConditions = Extract<TopLevelCondition, { all: unknown }>;
type Nested = AllConditions["all"][number];

/**
 * Translates a rule into json-rules-engine conditions over the flat peer data, one fact per
 * feature. Its numeric operators reject a missing fact, and `notEqual`/`notIn` accept it, which
 * is RULES.md's treatment of missing values, so no guards are needed (unlike json-logic).
 */
export function toJsonRulesEngine(node: Node, now: number): TopLevelCondition {
  const n = nested(node, now);
  return "all" in n || "any" in n || "not" in n ? n : { all: [n] };
}

function nested(node: Node, now: number): Nested {
  if (isGroup(node)) {
    const children = node.children.map((c) => nested(c, now));
    const combined = node.combinator === "and" ? { all: children } : { any: children };
    return node.negate === true ? { not: combined } : combined;
  }
  return leaf(node, featureOf(node).key, now);
}

function leaf(c: Condition, fact: string, now: number): Nested {
  if (!("operator" in c) || c.type === "segment" || c.type === "list") {
    throw new Error(`json-rules-engine: ${c.type} conditions are not supported`);
  }
  const value = "value" in c ? c.value : undefined;
  const test = (operator: string, v: unknown) => ({ fact, operator, value: v });
  switch (c.operator) {
    case "eq":
      return test("equal", value);
    case "neq":
      return test("notEqual", value);
    case "in":
      return test("in", value);
    case "not_in":
      return test("notIn", value);
    case "gt":
      return test("greaterThan", value);
    case "gte":
      return test("greaterThanInclusive", value);
    case "lt":
      return test("lessThan", value);
    case "lte":
      return test("lessThanInclusive", value);
    case "between": {
      const [lo, hi] = value as [number, number];
      return { all: [test("greaterThanInclusive", lo), test("lessThanInclusive", hi)] };
    }
    case "is_true":
      return test("equal", true);
    case "is_false":
      return test("equal", false);
    case "within_last": {
      const from = now - durationMs(value as Duration);
      return { all: [test("greaterThanInclusive", from), test("lessThanInclusive", now)] };
    }
    case "more_than_ago":
      return test("lessThan", now - durationMs(value as Duration));
    default:
      throw new Error(`json-rules-engine: operator ${c.operator} is not supported`);
  }
}
