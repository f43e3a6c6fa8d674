import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DependencyIndex, SegmentCycleError, type SegmentDefinition } from "../../src/dependencies/index.ts";
import type { Condition, DataChange } from "../../src/index.ts";
import { and, didEvent, randomDag, refTo, segmentsOf } from "./segment-fixtures.ts";

const week = { amount: 1, unit: "week" } as const;
const defs = (entries: Record<string, Condition[]>): SegmentDefinition[] =>
  Object.entries(entries).map(([id, conditions]) => ({ id, rule: and(...conditions) }));

describe("DependencyIndex.affectedBy: each kind of change", () => {
  const definitions = defs({
    pricing: [didEvent("viewed_pricing")],
    referrer: [{ type: "property", property: "referrals.count", operator: "gt", value: 0 }],
    free: [{ type: "property", property: "plan", operator: "eq", value: "free" }],
    promoter: [{ type: "score", score: "nps", operator: "gte", value: 9 }],
    vip: [{ type: "list", list: "lst_vip", operator: "in" }],
    holdout: [{ type: "bucket", salt: "h", percent: 10 }],
    sequence: [
      { type: "sequence", steps: [{ event: "a" }, { event: "viewed_pricing" }], operator: "performed" },
    ],
  });
  const index = new DependencyIndex(definitions);

  it("an event affects the segments that count it or use it in a sequence", () => {
    expect(index.affectedBy([{ kind: "event", event: "viewed_pricing" }])).toEqual(["pricing", "sequence"]);
    expect(index.affectedBy([{ kind: "event", event: "a" }])).toEqual(["sequence"]);
    expect(index.affectedBy([{ kind: "event", event: "other" }])).toEqual([]);
  });

  it("a trait key affects properties read as that literal key or nested under it", () => {
    expect(index.affectedBy([{ kind: "property", key: "referrals" }])).toEqual(["referrer"]);
    expect(index.affectedBy([{ kind: "property", key: "referrals.count" }])).toEqual(["referrer"]);
    expect(index.affectedBy([{ kind: "property", key: "plan" }])).toEqual(["free"]);
    expect(index.affectedBy([{ kind: "property", key: "count" }])).toEqual([]);
    expect(index.affectedBy([{ kind: "property", key: "referrals.total" }])).toEqual([]);
  });

  it("a score and a list affect the segments that read them", () => {
    expect(index.affectedBy([{ kind: "score", score: "nps" }])).toEqual(["promoter"]);
    expect(index.affectedBy([{ kind: "list", list: "lst_vip" }])).toEqual(["vip"]);
    expect(index.affectedBy([{ kind: "list", list: "lst_other" }])).toEqual([]);
  });

  it("a new contact can enter any segment", () => {
    expect(index.affectedBy([{ kind: "contact_created" }])).toEqual(index.order);
    expect(index.order).toHaveLength(7);
  });

  it("several changes affect the union, once each", () => {
    const changes = [
      { kind: "score", score: "nps" },
      { kind: "event", event: "viewed_pricing" },
      { kind: "score", score: "nps" },
    ] as const;
    expect([...index.affectedBy(changes)].sort()).toEqual(["pricing", "promoter", "sequence"]);
  });

  it("answers a repeated set of changes from its memo, with an array no caller can alter", () => {
    const first = index.affectedBy([{ kind: "event", event: "viewed_pricing" }]);
    const again = index.affectedBy([{ kind: "event", event: "viewed_pricing" }]);
    expect(again).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(index.affectedBy([{ kind: "score", score: "nps" }])).not.toEqual(first);
  });

  it("answers one change as the general path answers it, whatever kind shares its name", () => {
    const names = ["viewed_pricing", "plan", "referrals", "nps", "lst_vip", "pricing", "", "nothing"];
    const kinds = ["event", "property", "score", "list", "segment"] as const;
    const changes: DataChange[] = [
      { kind: "contact_created" },
      ...kinds.flatMap((kind) =>
        names.map((name): DataChange => {
          if (kind === "event") return { kind, event: name };
          if (kind === "property") return { kind, key: name };
          if (kind === "score") return { kind, score: name };
          if (kind === "list") return { kind, list: name };
          return { kind, segment: name };
        }),
      ),
    ];
    for (const c of changes) {
      const fresh = new DependencyIndex(definitions);
      // The general path on a fresh index, then the one-change path, then the general path's memo.
      const general = fresh.affectedBy([c, c]);
      expect(fresh.affectedBy([c]), JSON.stringify(c)).toEqual(general);
      expect(index.affectedBy([c]), JSON.stringify(c)).toEqual(general);
    }
    expect(index.affectedBy([{ kind: "event", event: "plan" }])).not.toEqual(
      index.affectedBy([{ kind: "property", key: "plan" }]),
    );
  });
});

describe("DependencyIndex: segment references", () => {
  // active_trial → trial; engaged_trial → active_trial; upsell → trial and engaged_trial (a diamond).
  const index = new DependencyIndex(
    defs({
      upsell: [refTo("engaged_trial"), refTo("trial")],
      engaged_trial: [refTo("active_trial"), didEvent("opened_email")],
      active_trial: [
        refTo("trial"),
        { type: "event", event: "session", window: { within_last: week }, operator: "gte", value: 1 },
      ],
      trial: [{ type: "property", property: "plan", operator: "eq", value: "trial" }],
      unrelated: [didEvent("opened_email")],
    }),
  );

  it("orders every segment after those it references", () => {
    expect(index.order).toEqual(["trial", "active_trial", "engaged_trial", "upsell", "unrelated"]);
  });

  it("propagates a change through every dependent, in topological order", () => {
    expect(index.affectedBy([{ kind: "property", key: "plan" }])).toEqual([
      "trial",
      "active_trial",
      "engaged_trial",
      "upsell",
    ]);
    expect(index.affectedBy([{ kind: "event", event: "opened_email" }])).toEqual([
      "engaged_trial",
      "upsell",
      "unrelated",
    ]);
  });

  it("a segment's own membership change affects its dependents, not itself", () => {
    expect(index.affectedBy([{ kind: "segment", segment: "active_trial" }])).toEqual([
      "engaged_trial",
      "upsell",
    ]);
    expect(index.affectedBy([{ kind: "segment", segment: "upsell" }])).toEqual([]);
  });

  it("lists direct dependents only", () => {
    expect(index.dependentsOf("trial")).toEqual(["active_trial", "upsell"]);
    expect(index.dependentsOf("upsell")).toEqual([]);
    expect(index.dependentsOf("missing")).toEqual([]);
  });

  it("a segment reads time when it or anything it references does", () => {
    expect(
      ["trial", "active_trial", "engaged_trial", "upsell", "unrelated"].map((id) => index.timeDependent(id)),
    ).toEqual([false, true, true, true, false]);
    expect(index.timeDependent("missing")).toBe(false);
  });

  it("follows references to segments defined elsewhere", () => {
    const partial = new DependencyIndex(defs({ b: [refTo("outside")] }));
    expect(partial.dependentsOf("outside")).toEqual(["b"]);
    expect(partial.affectedBy([{ kind: "segment", segment: "outside" }])).toEqual(["b"]);
  });

  it("refuses a cycle", () => {
    expect(() => new DependencyIndex(segmentsOf({ a: ["b"], b: ["a"] }))).toThrow(SegmentCycleError);
  });
});

describe("DependencyIndex on random DAGs", () => {
  it("affects exactly the readers of an event and everything that depends on them, in an order that respects every edge", () => {
    fc.assert(
      fc.property(randomDag, fc.constantFrom("e1", "e2", "e3"), ({ segments, edges, events }, event) => {
        const index = new DependencyIndex(segments);
        const affected = index.affectedBy([{ kind: "event", event }]);
        // Oracle: grow the set of readers until no dependent is missing.
        const expected = new Set([...events].filter(([, es]) => es.includes(event)).map(([id]) => id));
        for (let grew = true; grew; ) {
          grew = false;
          for (const [from, to] of edges) {
            if (expected.has(to) && !expected.has(from)) {
              expected.add(from);
              grew = true;
            }
          }
        }
        expect(new Set(affected)).toEqual(expected);
        expect(affected).toHaveLength(expected.size);
        for (const [from, to] of edges) {
          if (expected.has(from) && expected.has(to))
            expect(affected.indexOf(to)).toBeLessThan(affected.indexOf(from));
        }
      }),
      { seed: 3, numRuns: 500 },
    );
  });
});
