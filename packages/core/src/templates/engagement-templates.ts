import { allOf, countParam, dayCountParam, days } from "./rule-builders.ts";
import { defineTemplate } from "./segment-template.ts";

export const powerUsers = defineTemplate({
  id: "power_users",
  name: "Power users",
  description:
    "People with many sessions recently (10+ in the last 30 days, by default) who also did your key action in that time (a purchase, by default).",
  params: [
    countParam("min_sessions", "Sessions needed in the period.", 10),
    { name: "window", type: "duration", description: "The recent period that counts.", default: days(30) },
    {
      name: "key_event",
      type: "string",
      description: "The event that shows real adoption.",
      default: "purchase",
    },
  ],
  rule: (p) => {
    const window = { within_last: p.duration("window") };
    return allOf(
      { type: "event", event: "session_started", window, operator: "gte", value: p.number("min_sessions") },
      { type: "event", event: p.string("key_event"), window, operator: "gte", value: 1 },
    );
  },
});

export const newEngagedPromoters = defineTemplate({
  id: "new_engaged_promoters",
  name: "New engaged promoters",
  description:
    "People who signed up in the last 7 days, completed onboarding and gave an NPS of 8 or more: ask them for a review or a referral.",
  params: [
    dayCountParam("signup_days", "How recent the signup must be, in days.", 7),
    { name: "min_nps", type: "number", description: "Lowest NPS that counts.", default: 8, min: 0, max: 10 },
  ],
  rule: (p) =>
    allOf(
      {
        type: "property",
        property: "signup_date",
        operator: "within_last",
        value: days(p.number("signup_days")),
      },
      { type: "event", event: "onboarding_completed", operator: "gte", value: 1 },
      { type: "score", score: "nps", operator: "gte", value: p.number("min_nps") },
    ),
});

export const engagedReaders = defineTemplate({
  id: "engaged_readers",
  name: "Engaged email readers",
  description: "People who opened at least 3 broadcasts in the last 30 days (by default).",
  params: [
    countParam("min_opens", "Broadcast opens needed.", 3),
    dayCountParam("days", "The recent period that counts, in days.", 30),
  ],
  rule: (p) =>
    allOf({
      type: "event",
      event: "broadcast.opened",
      window: { within_last: days(p.number("days")) },
      operator: "gte",
      value: p.number("min_opens"),
    }),
});

export const nudgeFatigued = defineTemplate({
  id: "nudge_fatigued",
  name: "Tired of nudges",
  description:
    "People who dismissed 3 or more in-app nudges in the last 7 days (by default). Exclude them from the next campaign.",
  params: [
    countParam("min_dismissals", "Dismissals that signal fatigue.", 3),
    { name: "window", type: "duration", description: "The recent period that counts.", default: days(7) },
  ],
  rule: (p) =>
    allOf({
      type: "event",
      event: "nudge.dismissed",
      window: { within_last: p.duration("window") },
      operator: "gte",
      value: p.number("min_dismissals"),
    }),
});

export const ENGAGEMENT_TEMPLATES = [powerUsers, newEngagedPromoters, engagedReaders, nudgeFatigued];
