import type { Group } from "../../packages/core/src/schema/rule.ts";
import { and, events, or, prop, score, segment, sequence, span } from "../ingest/rule-builders.ts";

/** One of the benchmark's segments; a rule may refer to the ids the server gave earlier ones. */
export interface ApiBenchSegment {
  name: string;
  kind: "property" | "score" | "event" | "sequence" | "segment";
  rule(ids: ReadonlyMap<string, string>): Group;
}

/** Ten segments of mixed kinds, as a workspace's outreach would define them. */
export const API_BENCH_SEGMENTS: readonly ApiBenchSegment[] = [
  {
    name: "Pro plan",
    kind: "property",
    rule: () => and(prop({ property: "plan", operator: "eq", value: "pro" })),
  },
  {
    name: "Larger paying companies",
    kind: "property",
    rule: () =>
      and(
        prop({ property: "plan", operator: "in", value: ["pro", "team", "enterprise"] }),
        prop({ property: "company_size", operator: "gte", value: 200 }),
      ),
  },
  {
    name: "Signed up this month",
    kind: "property",
    rule: () => and(prop({ property: "signup_date", operator: "within_last", value: span(30) })),
  },
  { name: "Promoters", kind: "score", rule: () => and(score({ score: "nps", operator: "gte", value: 9 })) },
  {
    name: "Active this week",
    kind: "event",
    rule: () =>
      and(
        events("session_started", { operator: "gte", value: 3 }, span(7)),
        score({ score: "engagement", operator: "gte", value: 50 }),
      ),
  },
  {
    name: "Pricing-page free users",
    kind: "event",
    rule: () =>
      and(
        prop({ property: "plan", operator: "eq", value: "free" }),
        events("viewed_pricing_page", { operator: "gte", value: 1 }, span(30)),
      ),
  },
  {
    name: "Spent 500+ in 90 days",
    kind: "event",
    rule: () => and(events("purchase", { operator: "gte", value: 500 }, span(90), { sumOf: "amount" })),
  },
  {
    name: "Checkout without purchase",
    kind: "sequence",
    rule: () =>
      and(
        events("started_checkout", { operator: "gte", value: 1 }, span(30)),
        sequence(["started_checkout", "purchase"], span(1), { window: span(30), negate: true }),
      ),
  },
  {
    name: "Referrers or readers",
    kind: "property",
    rule: () =>
      or(
        prop({ property: "referrals.count", operator: "gte", value: 1 }),
        events("broadcast.opened", { operator: "gte", value: 2 }, span(30)),
      ),
  },
  {
    name: "Pro promoters",
    kind: "segment",
    rule: (ids) => and(segment(ids.get("Pro plan") ?? ""), segment(ids.get("Promoters") ?? "")),
  },
];
