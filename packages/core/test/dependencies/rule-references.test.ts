import { describe, expect, it } from "vitest";
import { ruleReferences } from "../../src/dependencies/index.ts";
import type { Condition, Group } from "../../src/index.ts";

const week = { amount: 1, unit: "week" } as const;

function group(...children: (Condition | Group)[]): Group {
  return { type: "group", combinator: "or", children };
}

describe("ruleReferences", () => {
  it("collects every name a rule reads, through nested groups", () => {
    const refs = ruleReferences(
      group(
        { type: "property", property: "referrals.count", operator: "gt", value: 2 },
        { type: "score", score: "nps", operator: "exists" },
        group(
          {
            type: "event",
            event: "paid",
            where: [{ property: "plan", operator: "eq", value: "pro" }],
            measure: { aggregate: "sum", property: "amount" },
            operator: "gt",
            value: 1,
          },
          { type: "event_time", event: "signed_up", which: "first", operator: "before", value: "2026-01-01" },
          { type: "sequence", steps: [{ event: "a" }, { event: "b" }], operator: "performed" },
          group(
            { type: "segment", segment: "seg_1", operator: "not_in" },
            { type: "list", list: "lst_1", operator: "in" },
          ),
        ),
      ),
    );
    expect(refs).toEqual({
      events: new Set(["paid", "signed_up", "a", "b"]),
      properties: new Set(["referrals.count"]),
      propertyKeys: new Set(["referrals.count", "referrals"]),
      scores: new Set(["nps"]),
      lists: new Set(["lst_1"]),
      segments: new Set(["seg_1"]),
      usesBucket: false,
      timeDependent: false,
    });
  });

  it("notes a bucket", () => {
    expect(ruleReferences({ type: "bucket", salt: "x", percent: 5 }).usesBucket).toBe(true);
  });

  const timeCases: [string, Condition, boolean][] = [
    ["property within_last", { type: "property", property: "d", operator: "within_last", value: week }, true],
    ["property within_next", { type: "property", property: "d", operator: "within_next", value: week }, true],
    [
      "property before a fixed date",
      { type: "property", property: "d", operator: "before", value: "2026-01-01" },
      false,
    ],
    [
      "event_time more_than_ago",
      { type: "event_time", event: "e", which: "last", operator: "more_than_ago", value: week },
      true,
    ],
    [
      "event_time between fixed dates",
      {
        type: "event_time",
        event: "e",
        which: "last",
        operator: "between",
        value: ["2026-01-01", "2026-02-01"],
      },
      false,
    ],
    [
      "event in a within_last window",
      { type: "event", event: "e", window: { within_last: week }, operator: "gte", value: 1 },
      true,
    ],
    [
      "event after a fixed date",
      { type: "event", event: "e", window: { after: "2026-01-01" }, operator: "gte", value: 1 },
      false,
    ],
    [
      "sequence in a within_last window",
      { type: "sequence", steps: [{ event: "e" }], window: { within_last: week }, operator: "performed" },
      true,
    ],
    [
      "sequence with only `within`",
      { type: "sequence", steps: [{ event: "e" }], within: week, operator: "performed" },
      false,
    ],
    ["score", { type: "score", score: "s", operator: "gt", value: 1 }, false],
    // Validation rejects these; if one slips through it still reads the clock.
    [
      "unvalidated relative filter",
      {
        type: "event",
        event: "e",
        where: [{ property: "at", operator: "within_last", value: week }],
        operator: "gte",
        value: 1,
      },
      true,
    ],
  ];
  for (const [name, condition, expected] of timeCases) {
    it(`timeDependent: ${name} → ${expected}`, () => {
      expect(ruleReferences(group(condition)).timeDependent).toBe(expected);
    });
  }
});
