import { describe, expect, it } from "vitest";
import type { RawEvent } from "../../src/model.ts";
import type { EventCondition } from "../../src/schema/conditions.ts";
import { eventRule as count, ev, evaluate, NOW } from "./fixtures.ts";

describe("event measures: sum / min / max / avg skip missing and non-numeric values", () => {
  const mixed = [
    ev("buy", 1, { amount: 10 }),
    ev("buy", 2, { amount: "20" }),
    ev("buy", 3, { amount: null }),
    ev("buy", 4, {}),
    ev("buy", 5, { amount: 5.5 }),
    ev("buy", 6, { amount: true }),
    ev("buy", 7, { amount: [1] }),
    ev("refund", 8, { amount: 1000 }),
  ];
  const noNumbers = [ev("buy", 1, { amount: "7" }), ev("buy", 2, {})];
  const measure = (aggregate: "sum" | "min" | "max" | "avg", property = "amount") => ({
    aggregate,
    property,
  });
  const rows: readonly [string, EventCondition, RawEvent[], boolean][] = [
    ["count counts every matching event", count({}, 7), mixed, true],
    ["sum of the numbers only", count({ measure: measure("sum") }, 15.5), mixed, true],
    ["min", count({ measure: measure("min") }, 5.5), mixed, true],
    ["max", count({ measure: measure("max") }, 10), mixed, true],
    ["avg over the numeric values only", count({ measure: measure("avg") }, 7.75), mixed, true],
    ["sum is 0 with no numeric value", count({ measure: measure("sum") }, 0), noNumbers, true],
    ["sum is 0 with no events", count({ measure: measure("sum") }, 0), [], true],
    [
      "min is missing with no numeric value",
      { ...count({ measure: measure("min") }), operator: "exists" } as EventCondition,
      noNumbers,
      false,
    ],
    [
      "max missing fails lt",
      { ...count({ measure: measure("max") }), operator: "lt", value: 100 },
      [],
      false,
    ],
    [
      "avg missing fails gte 0",
      { ...count({ measure: measure("avg") }), operator: "gte", value: 0 },
      noNumbers,
      false,
    ],
    [
      "avg missing satisfies neq",
      { ...count({ measure: measure("avg") }), operator: "neq", value: 0 },
      [],
      true,
    ],
    [
      "min missing satisfies not_exists",
      { ...count({ measure: measure("min") }), operator: "not_exists" } as EventCondition,
      [],
      true,
    ],
    [
      "sum with a dot path",
      count({ measure: measure("sum", "cart.total") }, 5),
      [ev("buy", 1, { cart: { total: 2 } }), ev("buy", 2, { cart: { total: 3 } })],
      true,
    ],
    [
      "negative values",
      count({ measure: measure("min") }, -3),
      [ev("buy", 1, { amount: -3 }), ev("buy", 2, { amount: 0 })],
      true,
    ],
    [
      "measure with where and window together",
      count(
        {
          measure: measure("sum"),
          where: [{ property: "ok", operator: "is_true" }],
          window: { after: "2026-01-30" },
        },
        4,
      ),
      [
        ev("buy", NOW, { ok: true, amount: 4 }),
        ev("buy", NOW, { ok: false, amount: 8 }),
        ev("buy", 0, { ok: true, amount: 16 }),
      ],
      true,
    ],
  ];
  it.each(rows)("%s", (_, rule, events, expected) => {
    expect(evaluate(rule, { events })).toBe(expected);
  });
});
