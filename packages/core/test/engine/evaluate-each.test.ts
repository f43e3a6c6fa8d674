/** `evaluateEach`'s visitor: each segment once, with its dense number in the engine. */
import { describe, expect, it } from "vitest";
import { type Group, SegmentEngine } from "../../src/index.ts";

const rule = (children: Group["children"]): Group => ({ type: "group", combinator: "and", children });
const NOW = Date.UTC(2026, 0, 10);

describe("SegmentEngine.evaluateEach", () => {
  const engine = new SegmentEngine("ws", [
    { id: "pro", rule: rule([{ type: "property", property: "plan", operator: "eq", value: "pro" }]) },
    { id: "promoter", rule: rule([{ type: "score", score: "nps", operator: "gte", value: 9 }]) },
    {
      id: "pro-promoter",
      rule: rule([
        { type: "segment", segment: "pro", operator: "in" },
        { type: "segment", segment: "promoter", operator: "in" },
      ]),
    },
  ]);

  it("hands each segment's dense number to the visitor, the same on every pass, and -1 for an unknown id", () => {
    const state = engine.createState("u1");
    engine.apply(state, { type: "identify", traits: { plan: "pro" }, timestamp: NOW });
    const seen = (ids: string[]) => {
      const out: [string, boolean, number][] = [];
      engine.evaluateEach(ids, state, NOW, (id, member, _next, index) => out.push([id, member, index]));
      return out;
    };
    const first = seen(["pro-promoter", "nowhere"]);
    // References first, then the reader, then the unknown id.
    expect(first.map(([id, member]) => [id, member])).toEqual([
      ["pro", true],
      ["promoter", false],
      ["pro-promoter", false],
      ["nowhere", false],
    ]);
    const index = new Map(first.map(([id, , i]) => [id, i]));
    expect(index.get("nowhere")).toBe(-1);
    const known = ["pro", "promoter", "pro-promoter"].map((id) => index.get(id) as number);
    expect(new Set(known).size).toBe(3);
    for (const i of known) expect(i).toBeGreaterThanOrEqual(0);
    // Another pass, another order: the same numbers.
    expect(seen(["promoter", "pro"]).map(([id, , i]) => [id, i])).toEqual([
      ["promoter", index.get("promoter")],
      ["pro", index.get("pro")],
    ]);
  });
});
