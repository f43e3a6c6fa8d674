import { describe, expect, it } from "vitest";
import { type Group, RuleNode } from "../src/index.ts";

describe("rule schema", () => {
  it("accepts a nested rule and infers its type", () => {
    const rule: Group = {
      type: "group",
      combinator: "and",
      children: [
        { type: "property", property: "plan", operator: "eq", value: "free" },
        {
          type: "group",
          combinator: "or",
          negate: true,
          children: [{ type: "score", score: "nps", operator: "gte", value: 9 }],
        },
      ],
    };
    expect(RuleNode.safeParse(rule).success).toBe(true);
  });

  it("reports a wrong value at its path", () => {
    const r = RuleNode.safeParse({
      type: "group",
      combinator: "and",
      children: [{ type: "property", property: "plan", operator: "gt", value: "x" }],
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path)).toEqual([["children", 0, "value"]]);
  });
});
