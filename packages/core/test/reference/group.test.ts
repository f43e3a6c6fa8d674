import { describe, expect, it } from "vitest";
import type { Condition } from "../../src/schema/conditions.ts";
import type { Group, Node } from "../../src/schema/rule.ts";
import { evaluate } from "./fixtures.ts";

// Two conditions whose truth is set by the contact's lists, so each row reads as a truth table.
const A: Condition = { type: "list", list: "a", operator: "in" };
const B: Condition = { type: "list", list: "b", operator: "in" };
const and = (...children: Node[]): Group => ({ type: "group", combinator: "and", children });
const or = (...children: Node[]): Group => ({ type: "group", combinator: "or", children });
const not = (g: Group): Group => ({ ...g, negate: true });

describe("groups: every / some over children, negate inverts", () => {
  const rows: readonly [string, Node, string[], boolean][] = [
    ["and: both", and(A, B), ["a", "b"], true],
    ["and: one", and(A, B), ["a"], false],
    ["and: none", and(A, B), [], false],
    ["or: one", or(A, B), ["b"], true],
    ["or: none", or(A, B), [], false],
    ["single child", and(A), ["a"], true],
    ["negate: false is the plain group", { ...and(A), negate: false }, ["a"], true],
    ["not and: one of two", not(and(A, B)), ["a"], true],
    ["not and: both", not(and(A, B)), ["a", "b"], false],
    ["not or: none", not(or(A, B)), [], true],
    ["not or: one", not(or(A, B)), ["b"], false],
    ["a negated single child", not(and(A)), [], true],
    ["nested: a and (not b)", and(A, not(or(B))), ["a"], true],
    ["nested: a and (not b), both present", and(A, not(or(B))), ["a", "b"], false],
    ["double negation", not(and(not(and(A)))), ["a"], true],
    ["or of ands", or(and(A, B), and(not(or(A)), not(or(B)))), [], true],
    ["or of ands: only a", or(and(A, B), and(not(or(A)), not(or(B)))), ["a"], false],
    ["deep nesting to depth 10", and(and(and(and(and(and(and(and(and(and(A)))))))))), ["a"], true],
    ["a bare condition as the rule", A, ["a"], true],
  ];
  it.each(rows)("%s", (_, rule, lists, expected) => {
    expect(evaluate(rule, { lists })).toBe(expected);
  });
});
