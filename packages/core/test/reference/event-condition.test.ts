import { describe, expect, it } from "vitest";
import type { RawEvent } from "../../src/model.ts";
import type { EventCondition } from "../../src/schema/conditions.ts";
import { eventRule as count, DAY, ev, evaluate, NOW } from "./fixtures.ts";

describe("event count", () => {
  const rows: readonly [string, EventCondition, RawEvent[], boolean][] = [
    ["never performed: count eq 0", count({}, 0), [], true],
    ["never performed: count gte 1 fails", { ...count(), operator: "gte", value: 1 }, [], false],
    [
      "never performed: count exists (count is never missing)",
      { ...count(), operator: "exists" } as EventCondition,
      [],
      true,
    ],
    ["counts only its own name", count({}, 1), [ev("buy", 1), ev("view", 2), ev("Buy", 3)], true],
    [
      "counts every occurrence, same time too",
      count({}, 3),
      [ev("buy", 1), ev("buy", 1), ev("buy", 2)],
      true,
    ],
    ["future events count without a window", count({}, 1), [ev("buy", NOW + DAY)], true],
  ];
  it.each(rows)("%s", (_, rule, events, expected) => {
    expect(evaluate(rule, { events })).toBe(expected);
  });
});

describe("event where: every filter must hold", () => {
  const events = [
    ev("view", 1, { page: "/pricing/team", plan: "pro" }),
    ev("view", 2, { page: "/pricing", plan: "free" }),
    ev("view", 3, { page: "/docs", plan: "pro" }),
    ev("view", 4, { page: { path: "/pricing" } }),
    ev("view", 5, {}),
  ];
  const rows: readonly [string, EventCondition["where"], number][] = [
    ["one filter", [{ property: "page", operator: "starts_with", value: "/pricing" }], 2],
    [
      "two filters (AND)",
      [
        { property: "page", operator: "starts_with", value: "/pricing" },
        { property: "plan", operator: "eq", value: "pro" },
      ],
      1,
    ],
    ["dot path into event properties", [{ property: "page.path", operator: "eq", value: "/pricing" }], 1],
    ["missing property under not_exists", [{ property: "plan", operator: "not_exists" }], 2],
    ["missing property under neq", [{ property: "plan", operator: "neq", value: "pro" }], 3],
    ["ignore_case in a filter", [{ property: "plan", operator: "eq", value: "PRO", ignore_case: true }], 2],
    ["no filter matches", [{ property: "page", operator: "eq", value: "/nope" }], 0],
    ["empty where list admits all", [], 5],
  ];
  it.each(rows)("%s", (_, where, expected) => {
    expect(evaluate(count({ event: "view", where }, expected), { events })).toBe(true);
  });

  it("evaluates a relative-date filter literally against now (validation rejects it, the oracle does not)", () => {
    const where: EventCondition["where"] = [
      { property: "due", operator: "within_next", value: { amount: 1, unit: "day" } },
    ];
    const evs = [ev("buy", 1, { due: NOW + DAY }), ev("buy", 2, { due: NOW + DAY + 1 })];
    expect(evaluate(count({ where }, 1), { events: evs })).toBe(true);
    expect(evaluate(count({ where }, 2), { events: evs }, NOW + 1)).toBe(true);
  });
});
