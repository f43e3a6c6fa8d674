import { describe, expect, it } from "vitest";
import type { RawEvent } from "../../src/model.ts";
import type { SequenceCondition } from "../../src/schema/conditions.ts";
import { DAY, ev, evaluate, HOUR, NOW, sequenceRule as seq } from "./fixtures.ts";

const oneHour = { amount: 1, unit: "hour" } as const;
const T = NOW - 10 * DAY;

describe("sequence: within limits the span from first to last step", () => {
  const rows: readonly [string, SequenceCondition, RawEvent[], boolean][] = [
    [
      "last step exactly at first + within",
      seq(["a", "b"], { within: oneHour }),
      [ev("a", T), ev("b", T + HOUR)],
      true,
    ],
    [
      "last step 1 ms too late",
      seq(["a", "b"], { within: oneHour }),
      [ev("a", T), ev("b", T + HOUR + 1)],
      false,
    ],
    [
      "the span counts from the first step, not the previous one",
      seq(["a", "b", "c"], { within: oneHour }),
      [ev("a", T), ev("b", T + HOUR - 10), ev("c", T + HOUR + 10)],
      false,
    ],
    [
      "a later first step can start the chain",
      seq(["a", "b"], { within: oneHour }),
      [ev("a", T), ev("a", T + 5 * HOUR), ev("b", T + 5 * HOUR + 1)],
      true,
    ],
    ["no within: any span", seq(["a", "b"]), [ev("a", 0), ev("b", NOW)], true],
  ];
  it.each(rows)("%s", (_, rule, events, expected) => {
    expect(evaluate(rule, { events })).toBe(expected);
  });
});

describe("sequence: window only constrains the first step", () => {
  const last7 = { within_last: { amount: 7, unit: "day" } } as const;
  const rows: readonly [string, SequenceCondition, RawEvent[], boolean][] = [
    [
      "first step inside, later step in the future",
      seq(["a", "b"], { window: last7 }),
      [ev("a", NOW - DAY), ev("b", NOW + DAY)],
      true,
    ],
    [
      "first step at exactly now - d",
      seq(["a", "b"], { window: last7 }),
      [ev("a", NOW - 7 * DAY), ev("b", NOW - DAY)],
      true,
    ],
    [
      "first step 1 ms before the window, rest inside",
      seq(["a", "b"], { window: last7 }),
      [ev("a", NOW - 7 * DAY - 1), ev("b", NOW)],
      false,
    ],
    [
      "another first-step event inside the window starts a chain",
      seq(["a", "b"], { window: last7 }),
      [ev("a", NOW - 8 * DAY), ev("a", NOW - 2 * DAY), ev("b", NOW - DAY)],
      true,
    ],
    [
      "first step in the future is outside within_last",
      seq(["a"], { window: last7 }),
      [ev("a", NOW + 1)],
      false,
    ],
    [
      "before window: at X is outside",
      seq(["a"], { window: { before: "2026-01-01" } }),
      [ev("a", Date.UTC(2026, 0, 1))],
      false,
    ],
    [
      "between window and within together",
      seq(["a", "b"], { window: { between: ["2026-01-01", "2026-01-02"] }, within: oneHour }),
      [ev("a", Date.UTC(2026, 0, 1, 23, 30)), ev("b", Date.UTC(2026, 0, 2, 0, 30))],
      true,
    ],
  ];
  it.each(rows)("%s", (_, rule, events, expected) => {
    expect(evaluate(rule, { events })).toBe(expected);
  });
});

describe("sequence: where filters on steps", () => {
  const rule: SequenceCondition = {
    type: "sequence",
    steps: [
      { event: "view" },
      { event: "checkout", where: [{ property: "total", operator: "gte", value: 100 }] },
    ],
    operator: "performed",
  };
  it.each([
    [
      "the matching step event comes later",
      [ev("view", T), ev("checkout", T + 1, { total: 50 }), ev("checkout", T + 2, { total: 150 })],
      true,
    ],
    ["only a non-matching step event", [ev("view", T), ev("checkout", T + 1, { total: 50 })], false],
    ["the matching step event comes first", [ev("checkout", T, { total: 150 }), ev("view", T + 1)], false],
    ["a numeric string does not pass gte", [ev("view", T), ev("checkout", T + 1, { total: "150" })], false],
  ] as const)("%s", (_, events, expected) => {
    expect(evaluate(rule, { events: [...events] })).toBe(expected);
  });

  it("a chain exists independently of now: evaluating later keeps it (no window)", () => {
    const events = [ev("view", T), ev("checkout", T + 1, { total: 100 })];
    expect(evaluate(rule, { events }, NOW + 1000 * DAY)).toBe(true);
  });
});
