import { describe, expect, it } from "vitest";
import type { Window } from "../../src/schema/primitives.ts";
import { at, eventRule as count, DAY, ev, evaluate, NOW } from "./fixtures.ts";

describe("event window", () => {
  const X = at("2026-01-15T00:00:00Z");
  const B = at("2026-01-20T00:00:00Z");
  const rows: readonly [string, Window, number, boolean][] = [
    ["within_last: at now - d", { within_last: { amount: 7, unit: "day" } }, NOW - 7 * DAY, true],
    [
      "within_last: 1 ms before now - d",
      { within_last: { amount: 7, unit: "day" } },
      NOW - 7 * DAY - 1,
      false,
    ],
    ["within_last: at now", { within_last: { amount: 7, unit: "day" } }, NOW, true],
    ["within_last: future event not yet", { within_last: { amount: 7, unit: "day" } }, NOW + 1, false],
    ["after: at X", { after: "2026-01-15" }, X, true],
    ["after: 1 ms before X", { after: "2026-01-15" }, X - 1, false],
    ["after: future event counts", { after: "2026-01-15" }, NOW + 30 * DAY, true],
    ["after: offset in the bound", { after: "2026-01-15T02:00:00+02:00" }, X, true],
    ["before: at X is outside", { before: "2026-01-15" }, X, false],
    ["before: 1 ms before X", { before: "2026-01-15" }, X - 1, true],
    ["between: at A", { between: ["2026-01-15", "2026-01-20"] }, X, true],
    ["between: 1 ms before B", { between: ["2026-01-15", "2026-01-20"] }, B - 1, true],
    ["between: at B is outside", { between: ["2026-01-15", "2026-01-20"] }, B, false],
    ["between: before A", { between: ["2026-01-15", "2026-01-20"] }, X - 1, false],
  ];
  it.each(rows)("%s", (_, window, t, expected) => {
    expect(evaluate(count({ window }, 1), { events: [ev("buy", t)] })).toBe(expected);
  });

  it("the window moves with now", () => {
    const rule = count({ window: { within_last: { amount: 1, unit: "hour" } } }, 1);
    const events = [ev("buy", NOW + 1000)];
    expect(evaluate(rule, { events }, NOW + 999)).toBe(false);
    expect(evaluate(rule, { events }, NOW + 1000)).toBe(true);
    expect(evaluate(rule, { events }, NOW + 1000 + 3_600_000)).toBe(true);
    expect(evaluate(rule, { events }, NOW + 1001 + 3_600_000)).toBe(false);
  });
});
