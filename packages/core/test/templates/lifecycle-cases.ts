import { at, flipAt, identify, members, track } from "../scenarios/steps.ts";
import type { TemplateCase } from "./template-case.ts";

export const LIFECYCLE_CASES: TemplateCase[] = [
  {
    template: "new_signups",
    start: "2026-03-10T12:00:00Z",
    steps: [
      identify("ann", { signup_date: "2026-03-08T00:00:00Z" }),
      identify("bob", { signup_date: "2026-02-20T00:00:00Z" }),
      identify("cat", { plan: "free" }),
      identify("dan", { signup_date: "2026-03-10T12:00:00Z" }),
      members("new_signups", ["ann", "dan"]),
      flipAt("new_signups", "ann", "2026-03-15T00:00:00.001Z", false),
    ],
  },
  {
    template: "new_signups",
    params: { days: 30 },
    start: "2026-03-10T12:00:00Z",
    steps: [
      identify("bob", { signup_date: "2026-02-20T00:00:00Z" }),
      identify("eve", { signup_date: "2026-01-20T00:00:00Z" }),
      members("new_signups", ["bob"]),
    ],
  },
  {
    template: "trial_ending_soon",
    start: "2026-03-02T12:00:00Z",
    steps: [
      identify("ann", { plan: "trial", trial_ends_at: "2026-03-04T00:00:00Z" }),
      identify("bob", { plan: "trial", trial_ends_at: "2026-03-10T00:00:00Z" }),
      identify("cat", { plan: "pro", trial_ends_at: "2026-03-03T00:00:00Z" }),
      identify("dan", { plan: "trial", trial_ends_at: "2026-03-01T00:00:00Z" }),
      members("trial_ending_soon", ["ann"]),
      flipAt("trial_ending_soon", "ann", "2026-03-04T00:00:00.001Z", false),
      flipAt("trial_ending_soon", "bob", "2026-03-07T00:00:00Z", true),
    ],
  },
  {
    template: "dormant",
    start: "2026-03-02T12:00:00Z",
    steps: [
      track("ann", "session_started", "2026-03-01T00:00:00Z"),
      track("bob", "session_started", "2026-01-15T00:00:00Z"),
      identify("cat", { plan: "free" }),
      members("dormant", ["bob", "cat"]),
      flipAt("dormant", "ann", "2026-03-31T00:00:00.001Z", true),
      track("bob", "session_started"),
      members("dormant", ["cat"]),
    ],
  },
  {
    template: "dormant",
    params: { inactive_for: { amount: 2, unit: "week" } },
    start: "2026-03-02T12:00:00Z",
    steps: [
      track("ann", "session_started", "2026-03-01T00:00:00Z"),
      track("bob", "session_started", "2026-02-14T00:00:00Z"),
      members("dormant", ["bob"]),
      flipAt("dormant", "ann", "2026-03-15T00:00:00.001Z", true),
    ],
  },
  {
    template: "at_risk",
    start: "2026-03-20T00:00:00Z",
    steps: [
      ...["2026-02-20", "2026-02-25", "2026-03-01"].map((d) => track("ann", "session_started", d)),
      ...["2026-02-20", "2026-02-25", "2026-03-10"].map((d) => track("bob", "session_started", d)),
      ...["2026-02-20", "2026-02-25"].map((d) => track("cat", "session_started", d)),
      ...["2026-01-10", "2026-01-15", "2026-01-20", "2026-03-01"].map((d) =>
        track("dan", "session_started", d),
      ),
      identify("eve", { plan: "pro" }),
      members("at_risk", ["ann"]),
      flipAt("at_risk", "bob", "2026-03-24T00:00:00.001Z", true),
      flipAt("at_risk", "ann", "2026-04-05T00:00:00.001Z", false),
      at("2026-03-24T00:00:00.001Z"),
      members("at_risk", ["ann", "bob"]),
      track("ann", "session_started"),
      members("at_risk", ["bob"]),
    ],
  },
];
