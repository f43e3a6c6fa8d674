import { describe, expect, it } from "vitest";
import type { RawEvent } from "../../src/model.ts";
import type { EventTimeCondition } from "../../src/schema/conditions.ts";
import { at, DAY, ev, evaluate, NOW } from "./fixtures.ts";

type Which = EventTimeCondition["which"];
type Test = Omit<EventTimeCondition, "type" | "event" | "which" | "where"> & Partial<EventTimeCondition>;
const rule = (which: Which, test: Test): EventTimeCondition =>
  ({ type: "event_time", event: "login", which, ...test }) as EventTimeCondition;

const logins = [
  ev("login", at("2026-01-10T00:00:00Z"), { device: "ios" }),
  ev("login", at("2026-01-20T00:00:00Z"), { device: "web" }),
  ev("login", at("2026-01-05T00:00:00Z"), { device: "web" }),
  ev("logout", at("2026-01-30T00:00:00Z")),
];

describe("event_time: first / last time of the matching events", () => {
  const rows: readonly [string, EventTimeCondition, RawEvent[], boolean][] = [
    [
      "first is the least time, not the first stored",
      rule("first", { operator: "before", value: "2026-01-05T00:00:00.001Z" }),
      logins,
      true,
    ],
    [
      "first: not before its own time",
      rule("first", { operator: "before", value: "2026-01-05" }),
      logins,
      false,
    ],
    ["last is the greatest time", rule("last", { operator: "after", value: "2026-01-20" }), logins, true],
    [
      "last: 1 ms later fails after",
      rule("last", { operator: "after", value: "2026-01-20T00:00:00.001Z" }),
      logins,
      false,
    ],
    [
      "other event names are ignored",
      rule("last", { operator: "before", value: "2026-01-21" }),
      logins,
      true,
    ],
    [
      "between: first in [A, B)",
      rule("first", { operator: "between", value: ["2026-01-05", "2026-01-06"] }),
      logins,
      true,
    ],
    [
      "between: last at B is outside",
      rule("last", { operator: "between", value: ["2026-01-01", "2026-01-20"] }),
      logins,
      false,
    ],
    [
      "where narrows the events",
      rule("last", {
        operator: "before",
        value: "2026-01-11",
        where: [{ property: "device", operator: "eq", value: "ios" }],
      }),
      logins,
      true,
    ],
    [
      "where narrows first as well",
      rule("first", {
        operator: "after",
        value: "2026-01-06",
        where: [{ property: "device", operator: "eq", value: "ios" }],
      }),
      logins,
      true,
    ],
    [
      "within_last: last at exactly now - d",
      rule("last", { operator: "within_last", value: { amount: 11, unit: "day" } }),
      [ev("login", NOW - 11 * DAY)],
      true,
    ],
    [
      "within_last: last 1 ms earlier",
      rule("last", { operator: "within_last", value: { amount: 11, unit: "day" } }),
      [ev("login", NOW - 11 * DAY - 1)],
      false,
    ],
    [
      "more_than_ago: at exactly now - d",
      rule("last", { operator: "more_than_ago", value: { amount: 14, unit: "day" } }),
      [ev("login", NOW - 14 * DAY)],
      false,
    ],
    [
      "more_than_ago: 1 ms earlier",
      rule("last", { operator: "more_than_ago", value: { amount: 14, unit: "day" } }),
      [ev("login", NOW - 14 * DAY - 1)],
      true,
    ],
    [
      "more_than_ago: the last one decides, not an older one",
      rule("last", { operator: "more_than_ago", value: { amount: 14, unit: "day" } }),
      [ev("login", 0), ev("login", NOW)],
      false,
    ],
    [
      "no window: a future event is the last time",
      rule("last", { operator: "within_next", value: { amount: 2, unit: "day" } }),
      [ev("login", NOW - DAY), ev("login", NOW + 2 * DAY)],
      true,
    ],
    [
      "within_next: 1 ms past now + d",
      rule("last", { operator: "within_next", value: { amount: 2, unit: "day" } }),
      [ev("login", NOW + 2 * DAY + 1)],
      false,
    ],
    ["exists when performed", rule("first", { operator: "exists" }), logins, true],
    ["never performed: exists fails", rule("first", { operator: "exists" }), [], false],
    ["never performed: not_exists holds", rule("last", { operator: "not_exists" }), [], true],
    ["never performed: before fails", rule("last", { operator: "before", value: "2100-01-01" }), [], false],
    [
      "never performed: more_than_ago fails",
      rule("last", { operator: "more_than_ago", value: { amount: 1, unit: "day" } }),
      [],
      false,
    ],
    [
      "where excludes everything: missing",
      rule("last", { operator: "exists", where: [{ property: "device", operator: "eq", value: "tv" }] }),
      logins,
      false,
    ],
  ];
  it.each(rows)("%s", (_, r, events, expected) => {
    expect(evaluate(r, { events })).toBe(expected);
  });
});
