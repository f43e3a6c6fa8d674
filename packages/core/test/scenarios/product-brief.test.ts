import { describe } from "vitest";
import { scenarioTests } from "../support/scenario.ts";
import { advance, at, flipAt, identify, members, score, segment, track } from "./steps.ts";

describe("the product brief's scenarios", () => {
  scenarioTests([
    {
      name: "new engaged promoters: enter when the last condition holds, exit 7 days after signup",
      segments: [
        segment(
          "new_engaged_promoters",
          {
            type: "property",
            property: "signup_date",
            operator: "within_last",
            value: { amount: 7, unit: "day" },
          },
          { type: "event", event: "onboarding_completed", operator: "gte", value: 1 },
          { type: "score", score: "nps", operator: "gte", value: 8 },
        ),
      ],
      start: "2026-03-02T09:00:00Z",
      steps: [
        identify("ann", { signup_date: "2026-03-02T09:00:00Z", plan: "free" }),
        identify("bob", { signup_date: "2026-03-03T15:00:00Z" }, "2026-03-03T15:00:00Z"),
        identify("cat", { signup_date: "2026-02-20T09:00:00Z" }),
        track("cat", "onboarding_completed", "2026-02-21T09:00:00Z"),
        score("cat", "nps", 10),
        members("new_engaged_promoters", []),
        advance(1, "day"),
        track("ann", "onboarding_completed"),
        members("new_engaged_promoters", []),
        advance(1, "day"),
        score("ann", "nps", 9),
        score("bob", "nps", 7),
        members("new_engaged_promoters", ["ann"]),
        flipAt("new_engaged_promoters", "ann", "2026-03-09T09:00:00.001Z", false),
        advance(1, "day"),
        score("bob", "nps", 8),
        members("new_engaged_promoters", ["ann"]),
        track("bob", "onboarding_completed"),
        members("new_engaged_promoters", ["ann", "bob"]),
        flipAt("new_engaged_promoters", "bob", "2026-03-10T15:00:00.001Z", false),
        at("2026-03-09T09:00:00Z"),
        members("new_engaged_promoters", ["ann", "bob"]),
        at("2026-03-09T09:00:00.001Z"),
        members("new_engaged_promoters", ["bob"]),
        at("2026-03-10T15:00:00.001Z"),
        members("new_engaged_promoters", []),
      ],
    },
    {
      name: "free-plan users who referred at least one friend (referrals module via identify)",
      segments: [
        segment(
          "free_referrers",
          { type: "property", property: "plan", operator: "eq", value: "free" },
          { type: "property", property: "referrals.count", operator: "gte", value: 1 },
        ),
      ],
      start: "2026-03-02T09:00:00Z",
      steps: [
        identify("ann", { plan: "free" }),
        identify("bob", { plan: "free" }),
        identify("dan", { plan: "pro", "referrals.count": 3 }),
        identify("ann", { "referrals.count": 0 }),
        members("free_referrers", []),
        advance(1, "hour"),
        identify("ann", { "referrals.count": 1 }),
        identify("bob", { referrals: { count: 2 } }),
        members("free_referrers", ["ann", "bob"]),
        identify("ann", { "referrals.count": 0 }, "2026-03-02T09:30:00Z"),
        members("free_referrers", ["ann", "bob"]),
        identify("ann", { plan: "pro" }),
        members("free_referrers", ["bob"]),
      ],
    },
    {
      name: "broadcast to all pro users except those in an active drip sequence",
      segments: [
        segment("pro", { type: "property", property: "plan", operator: "eq", value: "pro" }),
        segment("in_active_drip", { type: "property", property: "sequences.active", operator: "is_true" }),
        segment(
          "pro_broadcast",
          { type: "segment", segment: "pro", operator: "in" },
          { type: "segment", segment: "in_active_drip", operator: "not_in" },
        ),
      ],
      start: "2026-03-02T09:00:00Z",
      steps: [
        identify("ann", { plan: "pro" }),
        identify("bob", { plan: "pro", "sequences.active": true }),
        identify("cat", { plan: "free" }),
        identify("dan", { plan: "pro", sequences: { active: "true" } }),
        identify("eve", { plan: "pro", sequences: { active: true } }),
        members("in_active_drip", ["bob", "eve"]),
        members("pro_broadcast", ["ann", "dan"]),
        advance(1, "day"),
        identify("bob", { "sequences.active": false }),
        identify("ann", { "sequences.active": true }),
        members("pro_broadcast", ["bob", "dan"]),
        identify("cat", { plan: "pro" }),
        members("pro_broadcast", ["bob", "cat", "dan"]),
      ],
    },
  ]);
});
