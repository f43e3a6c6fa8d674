import { describe, expect, it } from "vitest";
import { referenceMemberships } from "../../src/reference/index.ts";
import type { Group } from "../../src/schema/rule.ts";
import { contact, NOW, WORKSPACE } from "./fixtures.ts";

const group = (...children: Group["children"]): Group => ({ type: "group", combinator: "and", children });
const pro = group({ type: "property", property: "plan", operator: "eq", value: "pro" });
const inSeg = (segment: string): Group => group({ type: "segment", segment, operator: "in" });
const notInSeg = (segment: string): Group => group({ type: "segment", segment, operator: "not_in" });

const memberships = (segments: { id: string; rule: Group }[], plan: string) =>
  Object.fromEntries(referenceMemberships(segments, contact({ properties: { plan } }), WORKSPACE, NOW));

describe("referenceMemberships", () => {
  it("resolves segment conditions by evaluating the referenced rule", () => {
    const segments = [
      { id: "uses_pro", rule: inSeg("pro") },
      { id: "pro", rule: pro },
      { id: "not_pro", rule: notInSeg("pro") },
    ];
    expect(memberships(segments, "pro")).toEqual({ uses_pro: true, pro: true, not_pro: false });
    expect(memberships(segments, "free")).toEqual({ uses_pro: false, pro: false, not_pro: true });
  });

  it("follows chains and diamonds", () => {
    const segments = [
      {
        id: "top",
        rule: group(
          { type: "segment", segment: "left", operator: "in" },
          { type: "segment", segment: "right", operator: "in" },
        ),
      },
      { id: "left", rule: inSeg("base") },
      { id: "right", rule: notInSeg("never") },
      { id: "base", rule: pro },
      { id: "never", rule: group({ type: "bucket", salt: "x", percent: 0 }) },
    ];
    expect(memberships(segments, "pro")).toEqual({
      top: true,
      left: true,
      right: true,
      base: true,
      never: false,
    });
  });

  it("an unknown referenced id is not a member", () => {
    const segments = [
      { id: "in_unknown", rule: inSeg("seg_missing") },
      { id: "not_in_unknown", rule: notInSeg("seg_missing") },
    ];
    expect(memberships(segments, "pro")).toEqual({ in_unknown: false, not_in_unknown: true });
  });

  it("returns one entry per segment, keyed by id", () => {
    const result = referenceMemberships([{ id: "s", rule: pro }], contact(), WORKSPACE, NOW);
    expect([...result.keys()]).toEqual(["s"]);
  });

  it("throws on a cycle instead of recursing forever (definitions must be acyclic)", () => {
    const segments = [
      { id: "x", rule: inSeg("y") },
      { id: "y", rule: inSeg("x") },
    ];
    expect(() => memberships(segments, "pro")).toThrow(/depends on itself/);
  });
});
