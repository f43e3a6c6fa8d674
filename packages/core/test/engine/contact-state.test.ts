import { describe, expect, it } from "vitest";
import { SegmentEngine } from "../../src/engine/segment-engine.ts";
import type { Group } from "../../src/index.ts";

const T = Date.UTC(2026, 0, 1);
const rule: Group = {
  type: "group",
  combinator: "and",
  children: [
    { type: "property", property: "referrals.count", operator: "gte", value: 1 },
    {
      type: "event",
      event: "purchase",
      measure: { aggregate: "sum", property: "amount" },
      operator: "gte",
      value: 0,
    },
    { type: "list", list: "vip", operator: "not_in" },
  ],
};

describe("contact state", () => {
  const engine = new SegmentEngine("ws", [{ id: "s", rule }]);

  it("keeps only the facts the rules read", () => {
    const s = engine.createState("u");
    engine.apply(s, {
      type: "identify",
      traits: { unrelated: "x".repeat(1000), referrals: { count: 2 } },
      timestamp: T,
    });
    engine.apply(s, { type: "track", event: "page_viewed", properties: { path: "/" }, timestamp: T });
    engine.apply(s, { type: "list", list: "other", member: true });
    expect(engine.layout.traitKeys).toEqual(["referrals.count", "referrals"]);
    expect(s.traitValues).toEqual([undefined, { count: 2 }]);
    expect(s.trackers.map((t) => t.times.length)).toEqual([0]);
    expect(s.lists).toBeUndefined();
    expect(engine.stateBytes(s)).toBeLessThan(1024);
  });

  it("resolves a dotted name as a literal key first, then as a path", () => {
    const s = engine.createState("u");
    engine.apply(s, { type: "identify", traits: { referrals: { count: 0 } }, timestamp: T });
    expect(s.props[0]).toBe(0);
    engine.apply(s, { type: "identify", traits: { "referrals.count": 3 }, timestamp: T });
    expect(s.props[0]).toBe(3);
    engine.apply(s, { type: "identify", traits: { "referrals.count": null }, timestamp: T + 1 });
    expect(s.props[0]).toBe(0);
  });

  it("lets the latest timestamp win, removals included; ties go to the last received", () => {
    const s = engine.createState("u");
    engine.apply(s, { type: "identify", traits: { referrals: { count: 5 } }, timestamp: T + 10 });
    engine.apply(s, { type: "identify", traits: { referrals: { count: 1 } }, timestamp: T + 5 });
    expect(s.props[0]).toBe(5);
    engine.apply(s, { type: "identify", traits: { referrals: null }, timestamp: T + 20 });
    engine.apply(s, { type: "identify", traits: { referrals: { count: 7 } }, timestamp: T + 15 });
    expect(s.props[0]).toBeUndefined();
    engine.apply(s, { type: "identify", traits: { referrals: { count: 8 } }, timestamp: T + 20 });
    expect(s.props[0]).toBe(8);
  });

  it("places late events at their own time and measures only numbers", () => {
    const s = engine.createState("u");
    for (const [dt, amount] of [
      [30, 10],
      [10, "12"],
      [20, 5],
    ] as const) {
      engine.apply(s, { type: "track", event: "purchase", properties: { amount }, timestamp: T + dt });
    }
    expect(s.trackers[0].times).toEqual([T + 10, T + 20, T + 30]);
    expect(s.trackers[0].values[0]).toEqual([Number.NaN, 5, 10]);
  });

  it("applies list edits in order", () => {
    const s = engine.createState("u");
    engine.apply(s, { type: "identify", traits: { referrals: { count: 1 } }, timestamp: T });
    expect(engine.test("s", s, T)).toBe(true);
    engine.apply(s, { type: "list", list: "vip", member: true });
    expect(engine.test("s", s, T)).toBe(false);
    engine.apply(s, { type: "list", list: "vip", member: false });
    expect(engine.test("s", s, T)).toBe(true);
  });
});
