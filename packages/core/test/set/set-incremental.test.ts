/** Keeping the dataset in sync with ingestion: merge order, removals, late events, deletes; estimates. */
import { describe, expect, it } from "vitest";
import type { Node } from "../../src/schema/rule.ts";
import {
  Bitset,
  ColumnarDataset,
  countSet,
  estimateSet,
  evaluateSet,
  sampleMembers,
} from "../../src/set/index.ts";
import { DAY, NOW } from "./set-fixture.ts";

const plan = (value: string): Node => ({ type: "property", property: "plan", operator: "eq", value });
const recent: Node = {
  type: "event",
  event: "buy",
  window: { within_last: { amount: 1, unit: "day" } },
  operator: "gte",
  value: 1,
};

describe("incremental apply", () => {
  it("identify: greatest timestamp wins, ties go to the later message, null removes", () => {
    const ds = new ColumnarDataset("ws");
    ds.apply("u", { type: "identify", traits: { plan: "pro" }, timestamp: 10 });
    ds.apply("u", { type: "identify", traits: { plan: "free" }, timestamp: 5 });
    expect(countSet(plan("pro"), ds, NOW)).toBe(1);
    ds.apply("u", { type: "identify", traits: { plan: "team" }, timestamp: 10 });
    expect(countSet(plan("team"), ds, NOW)).toBe(1);
    ds.apply("u", { type: "identify", traits: { plan: null }, timestamp: 11 });
    expect(countSet({ type: "property", property: "plan", operator: "exists" }, ds, NOW)).toBe(0);
    // The removal keeps its time: an older value stays out.
    ds.apply("u", { type: "identify", traits: { plan: "pro" }, timestamp: 9 });
    expect(countSet(plan("pro"), ds, NOW)).toBe(0);
  });

  it("a dotted property read before the data arrives follows later writes", () => {
    const ds = new ColumnarDataset("ws");
    const rule: Node = { type: "property", property: "referrals.count", operator: "gte", value: 1 };
    ds.apply("u", { type: "identify", traits: { plan: "free" }, timestamp: 1 });
    expect(countSet(rule, ds, NOW)).toBe(0);
    ds.apply("u", { type: "identify", traits: { referrals: { count: 2 } }, timestamp: 2 });
    expect(countSet(rule, ds, NOW)).toBe(1);
    ds.apply("u", { type: "identify", traits: { "referrals.count": 0 }, timestamp: 3 });
    expect(countSet(rule, ds, NOW)).toBe(0);
  });

  it("scores keep the latest timestamp", () => {
    const ds = new ColumnarDataset("ws");
    ds.apply("u", { type: "score", score: "nps", value: 9, timestamp: 10 });
    ds.apply("u", { type: "score", score: "nps", value: 2, timestamp: 4 });
    expect(countSet({ type: "score", score: "nps", operator: "eq", value: 9 }, ds, NOW)).toBe(1);
  });

  it("a late event counts at its own time", () => {
    const ds = new ColumnarDataset("ws");
    ds.apply("u", { type: "track", event: "buy", properties: {}, timestamp: NOW - 3 * DAY });
    expect(countSet(recent, ds, NOW)).toBe(0);
    ds.apply("u", { type: "track", event: "buy", properties: {}, timestamp: NOW - DAY });
    expect(countSet(recent, ds, NOW)).toBe(1);
  });

  it("out-of-order events beyond the merge threshold are re-sorted without changing any count", () => {
    const ds = new ColumnarDataset("ws");
    const times: number[] = [];
    for (let k = 0; k < 5_000; k++) {
      const t = NOW - ((k * 7919) % 5_000) * 60_000;
      times.push(t);
      ds.apply(`u${k % 3}`, { type: "track", event: "buy", properties: { amount: k % 10 }, timestamp: t });
    }
    for (const days of [1, 2, 3]) {
      const rule: Node = { ...recent, window: { within_last: { amount: days, unit: "day" } } } as Node;
      const lo = NOW - days * DAY;
      const perContact = [0, 1, 2].map(
        (c) => times.filter((t, k) => k % 3 === c && t >= lo && t <= NOW).length,
      );
      for (const n of [perContact[0], perContact[1] + 1]) {
        const atLeast = { ...rule, value: n } as Node;
        expect(countSet(atLeast, ds, NOW)).toBe(perContact.filter((p) => p >= n).length);
      }
    }
  });

  it("list edits apply in order", () => {
    const ds = new ColumnarDataset("ws");
    const inList: Node = { type: "list", list: "l", operator: "in" };
    ds.apply("u", { type: "list", list: "l", member: true });
    ds.apply("v", { type: "list", list: "l", member: true });
    ds.apply("u", { type: "list", list: "l", member: false });
    expect(sampleMembers(evaluateSet(inList, ds, NOW), ds, 10)).toEqual(["v"]);
  });

  it("a deleted contact leaves every result; its id comes back empty", () => {
    const ds = new ColumnarDataset("ws");
    ds.apply("u", { type: "identify", traits: { plan: "pro" }, timestamp: 1 });
    ds.apply("v", { type: "identify", traits: { plan: "pro" }, timestamp: 1 });
    expect(ds.deleteContact("u")).toBe(true);
    expect(ds.deleteContact("u")).toBe(false);
    const none: Node = { type: "property", property: "plan", operator: "not_exists" };
    expect(countSet(plan("pro"), ds, NOW)).toBe(1);
    expect(countSet(none, ds, NOW)).toBe(0);
    ds.ensureContact("u");
    expect(sampleMembers(evaluateSet(none, ds, NOW), ds, 10)).toEqual(["u"]);
    expect(ds.contactCount).toBe(2);
  });

  it("segment membership computed before contacts were added still combines", () => {
    const ds = new ColumnarDataset("ws");
    ds.ensureContact("a");
    const stored = Bitset.full(1);
    ds.ensureContact("b");
    const rule: Node = { type: "segment", segment: "s", operator: "not_in" };
    expect(
      sampleMembers(
        evaluateSet(rule, ds, NOW, () => stored),
        ds,
        10,
      ),
    ).toEqual(["b"]);
  });
});

describe("estimates", () => {
  const ds = new ColumnarDataset("ws", { blockBits: 6 });
  for (let i = 0; i < 20_000; i++) {
    ds.apply(`u${i}`, { type: "identify", traits: { plan: i % 10 < 3 ? "pro" : "free" }, timestamp: 1 });
    if (i % 4 === 0)
      ds.apply(`u${i}`, { type: "track", event: "buy", properties: {}, timestamp: NOW - (i % 3) * DAY });
  }
  const rule: Node = { type: "group", combinator: "and", children: [plan("pro"), recent] };

  it("are deterministic and cover the exact count within their bound", () => {
    const exact = countSet(rule, ds, NOW);
    const a = estimateSet(rule, ds, NOW, { sampleFraction: 0.1 });
    expect(estimateSet(rule, ds, NOW, { sampleFraction: 0.1 })).toEqual(a);
    expect(a.exact).toBe(false);
    expect(a.sampled).toBeLessThan(ds.contactCount / 5);
    expect(Math.abs(a.estimate - exact)).toBeLessThanOrEqual(a.errorBound);
    expect(a.errorBound).toBeLessThan(exact / 2);
  });

  it("with the whole sample, are the exact count", () => {
    expect(estimateSet(rule, ds, NOW, { sampleFraction: 1 })).toMatchObject({
      estimate: countSet(rule, ds, NOW),
      errorBound: 0,
      exact: true,
    });
  });
});
