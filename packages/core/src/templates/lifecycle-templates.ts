import { allOf, anyOf, dayCountParam, days } from "./rule-builders.ts";
import { defineTemplate } from "./segment-template.ts";

export const newSignups = defineTemplate({
  id: "new_signups",
  name: "New signups",
  description: "People who signed up in the last few days (7 by default). Great for a welcome series.",
  params: [dayCountParam("days", "How recent the signup must be, in days.", 7)],
  rule: (p) =>
    allOf({
      type: "property",
      property: "signup_date",
      operator: "within_last",
      value: days(p.number("days")),
    }),
});

export const trialEndingSoon = defineTemplate({
  id: "trial_ending_soon",
  name: "Trial ending soon",
  description:
    "People on a trial whose trial ends within the next few days (3 by default): time to convert them.",
  params: [dayCountParam("days", "How soon the trial ends, in days.", 3, 90)],
  rule: (p) =>
    allOf(
      { type: "property", property: "trial_ends_at", operator: "within_next", value: days(p.number("days")) },
      { type: "property", property: "plan", operator: "eq", value: "trial" },
    ),
});

export const dormant = defineTemplate({
  id: "dormant",
  name: "Dormant users",
  description:
    "People whose last session was more than a month ago (by default), or who never started one. Win-back candidates.",
  params: [
    {
      name: "inactive_for",
      type: "duration",
      description: "How long without a session makes someone dormant.",
      default: days(30),
    },
  ],
  rule: (p) =>
    anyOf(
      {
        type: "event_time",
        event: "session_started",
        which: "last",
        operator: "more_than_ago",
        value: p.duration("inactive_for"),
      },
      { type: "event", event: "session_started", operator: "eq", value: 0 },
    ),
});

// "Active in the 30 days before the last 14" is a count over the last 44 days while the last
// session is older than 14 days: then every counted session lies in [now - 44d, now - 14d).
export const atRisk = defineTemplate({
  id: "at_risk",
  name: "At risk of churning",
  description:
    "People who were active (3+ sessions in a 30-day period, by default) but have not started a session in the last 14 days.",
  params: [
    {
      name: "min_sessions",
      type: "number",
      description: "Sessions that count as active.",
      default: 3,
      min: 1,
      max: 10_000,
      integer: true,
    },
    dayCountParam("active_days", "Length of the period in which they were active, in days.", 30),
    dayCountParam("inactive_days", "Days without any session since then.", 14),
  ],
  rule: (p) =>
    allOf(
      {
        type: "event",
        event: "session_started",
        window: { within_last: days(p.number("active_days") + p.number("inactive_days")) },
        operator: "gte",
        value: p.number("min_sessions"),
      },
      {
        type: "event_time",
        event: "session_started",
        which: "last",
        operator: "more_than_ago",
        value: days(p.number("inactive_days")),
      },
    ),
});

export const LIFECYCLE_TEMPLATES = [newSignups, trialEndingSoon, dormant, atRisk];
