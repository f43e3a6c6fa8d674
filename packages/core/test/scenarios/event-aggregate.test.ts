import { describe } from "vitest";
import type { EventCondition } from "../../src/schema/conditions.ts";
import { scenarioTests } from "../support/scenario.ts";
import { advance, at, flipAt, identify, members, segment, track } from "./steps.ts";

const purchases = (measure: EventCondition["measure"]) =>
  ({ type: "event", event: "purchase", measure }) as const;

describe("event conditions: aggregates", () => {
  scenarioTests([
    {
      name: "count with where filters (all must hold)",
      segments: [
        segment("pricing_fans", {
          type: "event",
          event: "viewed_pricing_page",
          where: [
            { property: "page", operator: "starts_with", value: "/pricing" },
            { property: "source", operator: "neq", value: "ads" },
          ],
          operator: "gte",
          value: 2,
        }),
        segment("never_viewed", { type: "event", event: "viewed_pricing_page", operator: "eq", value: 0 }),
      ],
      start: "2026-03-02T09:00:00Z",
      steps: [
        track("ann", "viewed_pricing_page", undefined, { page: "/pricing" }),
        track("ann", "viewed_pricing_page", undefined, { page: "/pricing/teams", source: "email" }),
        track("bob", "viewed_pricing_page", undefined, { page: "/pricing" }),
        track("bob", "viewed_pricing_page", undefined, { page: "/pricing", source: "ads" }),
        track("bob", "viewed_pricing_page", undefined, { page: "/blog/pricing" }),
        identify("cat", { plan: "free" }),
        members("pricing_fans", ["ann"]),
        members("never_viewed", ["cat"]),
        track("bob", "viewed_pricing_page", undefined, { page: "/pricing", source: null }),
        members("pricing_fans", ["ann", "bob"]),
      ],
    },
    {
      name: "sum, min, max and avg skip non-numeric values; missing when none",
      segments: [
        segment("sum_100", {
          ...purchases({ aggregate: "sum", property: "amount" }),
          operator: "eq",
          value: 100,
        }),
        segment("sum_0", {
          ...purchases({ aggregate: "sum", property: "amount" }),
          operator: "eq",
          value: 0,
        }),
        segment("min_30", {
          ...purchases({ aggregate: "min", property: "amount" }),
          operator: "eq",
          value: 30,
        }),
        segment("max_70", {
          ...purchases({ aggregate: "max", property: "amount" }),
          operator: "eq",
          value: 70,
        }),
        segment("avg_50", {
          ...purchases({ aggregate: "avg", property: "amount" }),
          operator: "eq",
          value: 50,
        }),
        segment("eur_min_70", {
          ...purchases({ aggregate: "min", property: "amount" }),
          where: [{ property: "currency", operator: "eq", value: "eur", ignore_case: true }],
          operator: "eq",
          value: 70,
        }),
        segment("no_avg", { ...purchases({ aggregate: "avg", property: "amount" }), operator: "not_exists" }),
        segment("buyers", { ...purchases({ aggregate: "count" }), operator: "gte", value: 1 }),
      ],
      start: "2026-03-02T09:00:00Z",
      steps: [
        track("ann", "purchase", undefined, { amount: 30, currency: "USD" }),
        track("ann", "purchase", undefined, { amount: 70, currency: "EUR" }),
        track("ann", "purchase", undefined, { amount: "100" }),
        track("ann", "purchase", undefined, {}),
        track("bob", "purchase", undefined, { amount: "12" }),
        track("dan", "purchase", undefined, { amount: 5, currency: "Eur" }),
        identify("cat", { plan: "free" }),
        members("sum_100", ["ann"]),
        members("sum_0", ["bob", "cat"]),
        members("min_30", ["ann"]),
        members("max_70", ["ann"]),
        members("avg_50", ["ann"]),
        members("eur_min_70", ["ann"]),
        members("no_avg", ["bob", "cat"]),
        members("buyers", ["ann", "bob", "dan"]),
      ],
    },
    {
      name: "a 7-day window expires at its exact instant",
      segments: [
        segment("active", {
          type: "event",
          event: "session_started",
          window: { within_last: { amount: 7, unit: "day" } },
          operator: "gte",
          value: 2,
        }),
      ],
      start: "2026-03-02T10:00:00Z",
      steps: [
        track("ann", "session_started"),
        advance(1, "day"),
        track("ann", "session_started"),
        members("active", ["ann"]),
        flipAt("active", "ann", "2026-03-09T10:00:00.001Z", false),
        at("2026-03-09T10:00:00Z"),
        members("active", ["ann"]),
        advance(1, "minute"),
        members("active", []),
        track("ann", "session_started"),
        members("active", ["ann"]),
        flipAt("active", "ann", "2026-03-10T10:00:00.001Z", false),
      ],
    },
    {
      name: "a late event lands in its window and moves the exit",
      segments: [
        segment("regulars", {
          type: "event",
          event: "session_started",
          window: { within_last: { amount: 1, unit: "week" } },
          operator: "gte",
          value: 3,
        }),
      ],
      start: "2026-03-10T00:00:00Z",
      steps: [
        track("ann", "session_started", "2026-03-06T00:00:00Z"),
        track("ann", "session_started", "2026-03-08T00:00:00Z"),
        track("bob", "session_started", "2026-03-07T00:00:00Z"),
        track("bob", "session_started", "2026-03-09T00:00:00Z"),
        members("regulars", []),
        track("ann", "session_started", "2026-03-04T00:00:00Z"),
        track("bob", "session_started", "2026-03-02T23:59:59.999Z"),
        members("regulars", ["ann"]),
        flipAt("regulars", "ann", "2026-03-11T00:00:00.001Z", false),
        track("ann", "session_started", "2026-03-05T00:00:00Z"),
        flipAt("regulars", "ann", "2026-03-12T00:00:00.001Z", false),
      ],
    },
    {
      name: "an event stamped in the future counts once the clock reaches it",
      segments: [
        segment("recent", {
          type: "event",
          event: "purchase",
          window: { within_last: { amount: 1, unit: "day" } },
          operator: "gte",
          value: 1,
        }),
        segment("ever", { type: "event", event: "purchase", operator: "gte", value: 1 }),
      ],
      start: "2026-03-02T10:00:00Z",
      steps: [
        track("ann", "purchase", "2026-03-02T11:00:00Z"),
        members("recent", []),
        members("ever", ["ann"]),
        flipAt("recent", "ann", "2026-03-02T11:00:00Z", true),
        flipAt("recent", "ann", "2026-03-03T11:00:00.001Z", false),
      ],
    },
    {
      name: "absolute windows: after is t >= X, before is t < X, between is half-open",
      segments: [
        segment("after", {
          type: "event",
          event: "purchase",
          window: { after: "2026-03-01" },
          operator: "gte",
          value: 1,
        }),
        segment("before", {
          type: "event",
          event: "purchase",
          window: { before: "2026-03-01" },
          operator: "gte",
          value: 1,
        }),
        segment("between", {
          type: "event",
          event: "purchase",
          window: { between: ["2026-03-01", "2026-03-08"] },
          operator: "gte",
          value: 1,
        }),
      ],
      start: "2026-03-10T00:00:00Z",
      steps: [
        track("at_start", "purchase", "2026-03-01T00:00:00Z"),
        track("at_end", "purchase", "2026-03-08T00:00:00Z"),
        track("just_before", "purchase", "2026-02-28T23:59:59.999Z"),
        members("after", ["at_start", "at_end"]),
        members("before", ["just_before"]),
        members("between", ["at_start"]),
        advance(30, "day"),
        members("between", ["at_start"]),
      ],
    },
  ]);
});
