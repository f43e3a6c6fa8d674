import { describe, expect, it } from "vitest";
import type { PropertyCondition, ScoreCondition } from "../../src/schema/conditions.ts";
import { evaluate } from "./fixtures.ts";

describe("property condition: literal key first, then dot path", () => {
  const eq2 = (property: string): PropertyCondition => ({
    type: "property",
    property,
    operator: "eq",
    value: 2,
  });
  const rows: readonly [string, string, Record<string, unknown>, boolean][] = [
    ["plain key", "count", { count: 2 }, true],
    ["dot path into nested objects", "referrals.count", { referrals: { count: 2 } }, true],
    ["literal dotted key", "referrals.count", { "referrals.count": 2 }, true],
    [
      "literal key wins over the path",
      "referrals.count",
      { "referrals.count": 3, referrals: { count: 2 } },
      false,
    ],
    ["deep path", "a.b.c", { a: { b: { c: 2 } } }, true],
    ["path through a missing object", "a.b", { a: {} }, false],
    ["path through null", "a.b", { a: null }, false],
    ["path through a string", "a.length", { a: "xy" }, false],
    ["path through an array index is not followed", "a.0", { a: [2] }, false],
    ["no key at all", "count", {}, false],
    ["null is missing", "count", { count: null }, false],
    ["inherited names are not properties", "constructor", {}, false],
  ];
  it.each(rows)("%s", (_, property, properties, expected) => {
    expect(evaluate(eq2(property), { properties })).toBe(expected);
  });

  it("a literal dotted key set to null is missing even when the path has a value", () => {
    const rule: PropertyCondition = { type: "property", property: "a.b", operator: "exists" };
    expect(evaluate(rule, { properties: { "a.b": null, a: { b: 1 } } })).toBe(false);
  });

  it("not_exists holds for a missing dot path", () => {
    const rule: PropertyCondition = { type: "property", property: "a.b", operator: "not_exists" };
    expect(evaluate(rule, { properties: { a: { c: 1 } } })).toBe(true);
  });
});

describe("score condition: the latest value, numeric operators", () => {
  const rows: readonly [string, ScoreCondition, Record<string, number>, boolean][] = [
    ["gte at the bound", { type: "score", score: "nps", operator: "gte", value: 8 }, { nps: 8 }, true],
    ["gt at the bound", { type: "score", score: "nps", operator: "gt", value: 8 }, { nps: 8 }, false],
    [
      "between inclusive low",
      { type: "score", score: "nps", operator: "between", value: [0, 6] },
      { nps: 0 },
      true,
    ],
    [
      "between inclusive high",
      { type: "score", score: "nps", operator: "between", value: [0, 6] },
      { nps: 6 },
      true,
    ],
    [
      "between outside",
      { type: "score", score: "nps", operator: "between", value: [0, 6] },
      { nps: 6.5 },
      false,
    ],
    ["eq", { type: "score", score: "nps", operator: "eq", value: 10 }, { nps: 10 }, true],
    ["in", { type: "score", score: "nps", operator: "in", value: [9, 10] }, { nps: 9 }, true],
    [
      "another score does not count",
      { type: "score", score: "nps", operator: "gte", value: 0 },
      { csat: 5 },
      false,
    ],
    ["missing fails lt", { type: "score", score: "nps", operator: "lt", value: 100 }, {}, false],
    ["missing satisfies neq", { type: "score", score: "nps", operator: "neq", value: 1 }, {}, true],
    ["missing satisfies not_in", { type: "score", score: "nps", operator: "not_in", value: [1] }, {}, true],
    ["exists", { type: "score", score: "nps", operator: "exists" }, { nps: 0 }, true],
    ["not_exists", { type: "score", score: "nps", operator: "not_exists" }, {}, true],
    ["inherited names are not scores", { type: "score", score: "toString", operator: "exists" }, {}, false],
  ];
  it.each(rows)("%s", (_, rule, scores, expected) => {
    expect(evaluate(rule, { scores })).toBe(expected);
  });
});
