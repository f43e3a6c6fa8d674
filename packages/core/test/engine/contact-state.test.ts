import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SegmentEngine } from "../../src/engine/segment-engine.ts";
import type { Group } from "../../src/index.ts";
import { spanStart } from "../../src/state/tracker-span.ts";

const T = Date.UTC(2026, 0, 1);
const seen = (event: string): Group["children"][number] => ({
  type: "event",
  event,
  operator: "gte",
  value: 0,
});
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
    // The dot path's value, not the head object; no extras until a literal key is sent.
    expect(s.v.slice(0, engine.layout.at.doublesAt)).toEqual([2]);
    // The time of the head key ("referrals"); the literal key's is -Infinity until it is sent.
    expect(s.d).toEqual([T]);
    expect(s.x).toBeUndefined();
    expect(s.trackers.map((t) => t.times.length)).toEqual([0]);
    expect(s.eventCount(0)).toBe(0);
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

  it("keeps a literal key's value and time apart from the dot path's, both ordered by time", () => {
    const s = engine.createState("u");
    engine.apply(s, { type: "identify", traits: { "referrals.count": 4 }, timestamp: T + 10 });
    engine.apply(s, { type: "identify", traits: { referrals: { count: 1 } }, timestamp: T });
    expect(s.props[0]).toBe(4);
    // Older than the literal key's latest: ignored, even as a removal.
    engine.apply(s, { type: "identify", traits: { "referrals.count": null }, timestamp: T + 5 });
    expect(s.props[0]).toBe(4);
    engine.apply(s, { type: "identify", traits: { "referrals.count": null }, timestamp: T + 10 });
    expect(s.props[0]).toBe(1);
    engine.apply(s, { type: "identify", traits: { referrals: { count: 6 } }, timestamp: T + 1 });
    expect(s.props[0]).toBe(6);
    engine.apply(s, { type: "identify", traits: { "referrals.count": 9 }, timestamp: T + 11 });
    engine.apply(s, { type: "identify", traits: { referrals: null }, timestamp: T + 12 });
    expect(s.props[0]).toBe(9);
  });

  it("packs every tracker's events into one array of doubles", () => {
    const wide = new SegmentEngine("ws", [
      {
        id: "a",
        rule: { type: "group", combinator: "and", children: [rule, seen("signup"), seen("login")] },
      },
    ]);
    const s = wide.createState("u");
    const events = [
      ["login", 5],
      ["purchase", 3],
      ["signup", 1],
      ["login", 2],
      ["purchase", 3],
      ["login", 9],
    ] as const;
    for (const [event, dt] of events) {
      wide.apply(s, { type: "track", event, properties: { amount: dt }, timestamp: T + dt });
    }
    const times = (k: number) => s.tracker(k).times.map((t) => t - T);
    expect([times(0), times(1), times(2)]).toEqual([[3, 3], [1], [2, 5, 9]]);
    expect(s.tracker(0).values).toEqual([[3, 3]]);
    expect([0, 1, 2].map((k) => s.eventCount(k))).toEqual([2, 1, 3]);
    // The events follow the fixed part, with no spare capacity.
    expect(s.d.length).toBe(spanStart(s.d, wide.layout.at.span[0]) + 2 * 2 + 1 + 3);
  });

  it("inserts events in place while the array has room, with the same result as copying", () => {
    const wide = new SegmentEngine("ws", [
      {
        id: "a",
        rule: { type: "group", combinator: "and", children: [rule, seen("signup"), seen("login")] },
      },
    ]);
    const kinds = ["purchase", "signup", "login"] as const;
    const event = fc.record({
      kind: fc.constantFrom(0, 1, 2),
      dt: fc.integer({ min: -50, max: 50 }), // late and out of order, with ties
      amount: fc.integer({ min: 0, max: 9 }),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), (events) => {
        const s = wide.createState("u");
        // What each tracker must hold: times in order, equal times in arrival order.
        const expected: [number, number][][] = [[], [], []];
        let inPlace = 0;
        let copies = 0;
        for (const e of events) {
          const before = s.d;
          const props = { amount: e.amount };
          wide.apply(s, { type: "track", event: kinds[e.kind], properties: props, timestamp: T + e.dt });
          if (s.d === before) inPlace++;
          else copies++;
          const list = expected[wide.layout.trackersByEvent.get(kinds[e.kind])?.[0].index ?? -1];
          let at = list.length;
          while (at > 0 && list[at - 1][0] > T + e.dt) at--;
          list.splice(at, 0, [T + e.dt, e.amount]);
          expect(s.spare).toBeGreaterThanOrEqual(0);
          expect(s.spare).toBeLessThanOrEqual(4);
        }
        for (let k = 0; k < 3; k++) {
          const tracker = s.tracker(k);
          expect(tracker.times).toEqual(expected[k].map(([t]) => t));
          if (tracker.values.length > 0) expect(tracker.values[0]).toEqual(expected[k].map(([, a]) => a));
        }
        // After the first copy, at most one insert in two of a kind copies the array.
        if (events.length >= 6) expect(inPlace).toBeGreaterThanOrEqual(copies - 3);
      }),
      { numRuns: 300 },
    );
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
