import { flipAt, identify, members, score, track } from "../scenarios/steps.ts";
import type { TemplateCase } from "./template-case.ts";

const sessions = (contact: string, n: number) =>
  Array.from({ length: n }, (_, i) => track(contact, "session_started", `2026-03-${10 + i}T09:00:00Z`));

export const ENGAGEMENT_CASES: TemplateCase[] = [
  {
    template: "power_users",
    start: "2026-03-20T00:00:00Z",
    steps: [
      ...sessions("ann", 10),
      track("ann", "purchase", "2026-03-15T00:00:00Z", { amount: 20 }),
      ...sessions("bob", 10),
      track("bob", "onboarding_completed", "2026-03-11T00:00:00Z"),
      ...sessions("cat", 9),
      track("cat", "purchase", "2026-03-15T00:00:00Z"),
      members("power_users", ["ann"]),
      flipAt("power_users", "ann", "2026-04-09T09:00:00.001Z", false),
    ],
  },
  {
    template: "power_users",
    params: { min_sessions: 5, key_event: "onboarding_completed", window: { amount: 2, unit: "week" } },
    start: "2026-03-20T00:00:00Z",
    steps: [
      ...sessions("ann", 10),
      track("ann", "purchase", "2026-03-15T00:00:00Z"),
      ...sessions("bob", 5),
      track("bob", "onboarding_completed", "2026-03-11T00:00:00Z"),
      members("power_users", ["bob"]),
      flipAt("power_users", "bob", "2026-03-24T09:00:00.001Z", false),
    ],
  },
  {
    template: "new_engaged_promoters",
    start: "2026-03-05T00:00:00Z",
    steps: [
      identify("ann", { signup_date: "2026-03-02T00:00:00Z" }),
      track("ann", "onboarding_completed"),
      score("ann", "nps", 8),
      identify("bob", { signup_date: "2026-03-02T00:00:00Z" }),
      track("bob", "onboarding_completed"),
      score("bob", "nps", 7),
      identify("cat", { signup_date: "2026-02-01T00:00:00Z" }),
      track("cat", "onboarding_completed"),
      score("cat", "nps", 10),
      identify("dan", { signup_date: "2026-03-03T00:00:00Z" }),
      score("dan", "nps", 9),
      members("new_engaged_promoters", ["ann"]),
      flipAt("new_engaged_promoters", "ann", "2026-03-09T00:00:00.001Z", false),
    ],
  },
  {
    template: "engaged_readers",
    start: "2026-03-20T00:00:00Z",
    steps: [
      ...["2026-03-01", "2026-03-10", "2026-03-19"].map((d) => track("ann", "broadcast.opened", d)),
      ...["2026-03-10", "2026-03-19"].map((d) => track("bob", "broadcast.opened", d)),
      ...["2026-02-08", "2026-03-10", "2026-03-19"].map((d) => track("cat", "broadcast.opened", d)),
      members("engaged_readers", ["ann"]),
      flipAt("engaged_readers", "ann", "2026-03-31T00:00:00.001Z", false),
    ],
  },
  {
    template: "nudge_fatigued",
    start: "2026-03-20T00:00:00Z",
    steps: [
      ...["2026-03-18", "2026-03-19", "2026-03-19T12:00"].map((d) => track("ann", "nudge.dismissed", d)),
      ...["2026-03-10", "2026-03-15", "2026-03-19"].map((d) => track("bob", "nudge.dismissed", d)),
      track("cat", "broadcast.opened"),
      members("nudge_fatigued", ["ann"]),
      flipAt("nudge_fatigued", "ann", "2026-03-25T00:00:00.001Z", false),
    ],
  },
];
