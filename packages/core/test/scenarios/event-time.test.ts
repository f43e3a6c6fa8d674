import { describe } from "vitest";
import { scenarioTests } from "../support/scenario.ts";
import { at, flipAt, identify, members, segment, track } from "./steps.ts";

const day = (amount: number) => ({ amount, unit: "day" }) as const;

describe("event_time conditions", () => {
  scenarioTests([
    {
      name: "last more_than_ago: a new event resets the clock, a late older one does not",
      segments: [
        segment("lapsed", {
          type: "event_time",
          event: "session_started",
          which: "last",
          operator: "more_than_ago",
          value: day(14),
        }),
        segment("never", {
          type: "event_time",
          event: "session_started",
          which: "last",
          operator: "not_exists",
        }),
      ],
      start: "2026-03-02T10:00:00Z",
      steps: [
        track("ann", "session_started"),
        identify("bob", { plan: "free" }),
        members("lapsed", []),
        members("never", ["bob"]),
        flipAt("lapsed", "ann", "2026-03-16T10:00:00.001Z", true),
        at("2026-03-10T00:00:00Z"),
        track("ann", "session_started", "2026-03-01T00:00:00Z"),
        flipAt("lapsed", "ann", "2026-03-16T10:00:00.001Z", true),
        track("ann", "session_started"),
        flipAt("lapsed", "ann", "2026-03-24T00:00:00.001Z", true),
        at("2026-03-24T00:00:00Z"),
        members("lapsed", []),
        at("2026-03-24T00:00:00.001Z"),
        members("lapsed", ["ann"]),
        members("never", ["bob"]),
      ],
    },
    {
      name: "first and last with absolute operators and where filters",
      segments: [
        segment("early_adopters", {
          type: "event_time",
          event: "session_started",
          which: "first",
          operator: "before",
          value: "2026-01-01",
        }),
        segment("first_week", {
          type: "event_time",
          event: "session_started",
          which: "first",
          operator: "within_last",
          value: day(7),
        }),
        segment("recent_annual", {
          type: "event_time",
          event: "purchase",
          which: "last",
          where: [{ property: "plan", operator: "eq", value: "annual" }],
          operator: "after",
          value: "2026-03-01",
        }),
        segment("first_bought_in_feb", {
          type: "event_time",
          event: "purchase",
          which: "first",
          operator: "between",
          value: ["2026-02-01", "2026-03-01"],
        }),
      ],
      start: "2026-03-02T10:00:00Z",
      steps: [
        track("ann", "session_started", "2026-03-02T09:00:00Z"),
        track("ann", "session_started", "2025-12-15T00:00:00Z"),
        track("ann", "purchase", "2026-03-02T09:00:00Z", { plan: "monthly" }),
        track("ann", "purchase", "2026-02-10T00:00:00Z", { plan: "annual" }),
        track("bob", "session_started", "2026-03-01T12:00:00Z"),
        track("cat", "purchase", "2026-03-01T00:00:00Z", { plan: "annual" }),
        members("early_adopters", ["ann"]),
        members("first_week", ["bob"]),
        members("recent_annual", ["cat"]),
        members("first_bought_in_feb", ["ann"]),
        flipAt("first_week", "bob", "2026-03-08T12:00:00.001Z", false),
        track("bob", "session_started", "2026-02-20T00:00:00Z"),
        members("first_week", []),
      ],
    },
    {
      name: "within_next on an event stamped in the future",
      segments: [
        segment("demo_soon", {
          type: "event_time",
          event: "demo_scheduled",
          which: "last",
          operator: "within_next",
          value: day(1),
        }),
      ],
      start: "2026-03-02T10:00:00Z",
      steps: [
        track("ann", "demo_scheduled", "2026-03-05T15:00:00Z"),
        members("demo_soon", []),
        flipAt("demo_soon", "ann", "2026-03-04T15:00:00Z", true),
        at("2026-03-04T15:00:00Z"),
        members("demo_soon", ["ann"]),
        flipAt("demo_soon", "ann", "2026-03-05T15:00:00.001Z", false),
      ],
    },
  ]);
});
