import type { Group } from "../../packages/core/src/schema/rule.ts";

/** One timed preview: the rule as RULES.md JSON, and what it stands for. */
export interface PreviewRule {
  id: "selective" | "scan_heavy" | "new_promoters" | "free_referrers" | "pro_not_in_drip";
  title: string;
  rule: Group;
}

const days = (amount: number) => ({ amount, unit: "day" as const });

/** The rules of issue 5, over the generator's fields (bench/data/contact-generator.ts). */
export const PREVIEW_RULES: readonly PreviewRule[] = [
  {
    id: "selective",
    title: 'plan eq "enterprise" AND viewed_pricing_page count gte 3 within_last 30 day',
    rule: {
      type: "group",
      combinator: "and",
      children: [
        { type: "property", property: "plan", operator: "eq", value: "enterprise" },
        {
          type: "event",
          event: "viewed_pricing_page",
          window: { within_last: days(30) },
          operator: "gte",
          value: 3,
        },
      ],
    },
  },
  {
    id: "scan_heavy",
    title:
      "(session_started count gte 5 within_last 30 day OR purchase sum(amount) gte 100 within_last 90 day) " +
      "AND NOT (last session_started more_than_ago 14 day) AND engagement gte 50",
    rule: {
      type: "group",
      combinator: "and",
      children: [
        {
          type: "group",
          combinator: "or",
          children: [
            {
              type: "event",
              event: "session_started",
              window: { within_last: days(30) },
              operator: "gte",
              value: 5,
            },
            {
              type: "event",
              event: "purchase",
              measure: { aggregate: "sum", property: "amount" },
              window: { within_last: days(90) },
              operator: "gte",
              value: 100,
            },
          ],
        },
        {
          type: "group",
          combinator: "and",
          negate: true,
          children: [
            {
              type: "event_time",
              event: "session_started",
              which: "last",
              operator: "more_than_ago",
              value: days(14),
            },
          ],
        },
        { type: "score", score: "engagement", operator: "gte", value: 50 },
      ],
    },
  },
  {
    id: "new_promoters",
    title: "signed up in the last 7 days AND completed onboarding AND NPS >= 8",
    rule: {
      type: "group",
      combinator: "and",
      children: [
        { type: "property", property: "signup_date", operator: "within_last", value: days(7) },
        { type: "event", event: "onboarding_completed", operator: "gte", value: 1 },
        { type: "score", score: "nps", operator: "gte", value: 8 },
      ],
    },
  },
  {
    id: "free_referrers",
    title: "free-plan users who referred at least one friend",
    rule: {
      type: "group",
      combinator: "and",
      children: [
        { type: "property", property: "plan", operator: "eq", value: "free" },
        { type: "property", property: "referrals.count", operator: "gte", value: 1 },
      ],
    },
  },
  {
    id: "pro_not_in_drip",
    title: "pro users except those in an active drip sequence",
    rule: {
      type: "group",
      combinator: "and",
      children: [
        { type: "property", property: "plan", operator: "eq", value: "pro" },
        {
          type: "group",
          combinator: "and",
          negate: true,
          children: [{ type: "property", property: "sequences.active", operator: "is_true" }],
        },
      ],
    },
  },
];
