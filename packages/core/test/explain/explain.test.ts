import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SegmentEngine } from "../../src/engine/segment-engine.ts";
import type { ExplainNode } from "../../src/explain/index.ts";
import type { Group, Node } from "../../src/index.ts";
import { foldMessages, referenceEvaluate, referenceMemberships } from "../../src/reference/index.ts";
import { messages, rule, T0, time } from "../support/arbitraries.ts";

const DAY = 86_400_000;
const WS = "ws_explain";

function at(path: string, root: Group): Node {
  let node: Node = root;
  for (const i of path.split("/children/").slice(1)) node = (node as Group).children[Number(i)];
  return node;
}

function walk(n: ExplainNode, fn: (n: ExplainNode) => void): void {
  fn(n);
  if (n.type === "group") for (const c of n.children) walk(c, fn);
}

describe("explain", () => {
  it("shows the values behind each node: property, score, events in the window", () => {
    const rule: Group = {
      type: "group",
      combinator: "and",
      children: [
        { type: "property", property: "plan", operator: "eq", value: "pro" },
        { type: "score", score: "nps", operator: "gte", value: 8 },
        {
          type: "event",
          event: "viewed_pricing_page",
          window: { within_last: { amount: 7, unit: "day" } },
          operator: "gte",
          value: 2,
        },
      ],
    };
    const engine = new SegmentEngine(WS, [{ id: "s", rule }]);
    const jane = engine.createState("jane");
    engine.apply(jane, { type: "identify", traits: { plan: "pro" }, timestamp: T0 });
    engine.apply(jane, { type: "score", score: "nps", value: 6, timestamp: T0 });
    for (const d of [1, 3, 10]) {
      engine.apply(jane, {
        type: "track",
        event: "viewed_pricing_page",
        properties: {},
        timestamp: T0 - d * DAY,
      });
    }
    const x = engine.explain("s", jane, T0);
    if (x.type !== "group") throw new Error("root is a group");
    expect(x.result).toBe(false);
    const [plan, nps, views] = x.children;
    expect(plan).toMatchObject({
      path: "/children/0",
      result: true,
      observed: { kind: "value", value: "pro" },
    });
    expect(nps).toMatchObject({ path: "/children/1", result: false, observed: { kind: "value", value: 6 } });
    expect(views).toMatchObject({
      result: true,
      observed: {
        kind: "events",
        value: 2,
        matched: 2,
        window: { from: new Date(T0 - 7 * DAY).toISOString(), to: new Date(T0).toISOString() },
        times: [new Date(T0 - DAY).toISOString(), new Date(T0 - 3 * DAY).toISOString()],
      },
    });
    // The view 3 days ago leaves the 7-day window 4 days from now (plus 1 ms): then the count is 1.
    expect(views.changes_at).toBe(new Date(T0 + 4 * DAY + 1).toISOString());
  });

  it("every node's result equals the reference interpreter on that node alone", () => {
    fc.assert(
      fc.property(rule(["s0"], 4), rule([], 2), messages, time, (main, base, msgs, now) => {
        const segments = [
          { id: "s0", rule: base },
          { id: "main", rule: main },
        ];
        const engine = new SegmentEngine(WS, segments);
        const state = engine.createState("c");
        for (const m of msgs) engine.apply(state, m);
        const snapshot = foldMessages("c", msgs);
        const members = referenceMemberships(segments, snapshot, WS, now);
        const ctx = { workspaceId: WS, now, isMember: (id: string) => members.get(id) === true };
        const x = engine.explain("main", state, now);
        expect(x.result).toBe(engine.evaluate("main", state, now).member);
        walk(x, (n) => expect(n.result).toBe(referenceEvaluate(at(n.path, main), snapshot, ctx)));
      }),
      { numRuns: 1_000, seed: 99 },
    );
  });
});
