import type { EventCondition } from "../../packages/core/src/schema/conditions.ts";
import type { Group, Node } from "../../packages/core/src/schema/rule.ts";

/** A segment of the benchmark; `scenario` rules make up the headline aggregate. */
export interface BenchRule {
  id: string;
  scenario: boolean;
  rule: Group;
}

const and = (...children: Node[]): Group => ({ type: "group", combinator: "and", children });
const or = (...children: Node[]): Group => ({ type: "group", combinator: "or", children });

/** An event count (or `sum` of amount) over the last `days` days. */
function lastDays(
  event: string,
  days: number,
  operator: "gte" | "lt" | "eq",
  value: number,
  sumOf?: string,
): EventCondition {
  const window = { within_last: { amount: days, unit: "day" as const } };
  const measure = sumOf === undefined ? undefined : { aggregate: "sum" as const, property: sumOf };
  return { type: "event", event, window, ...(measure && { measure }), operator, value };
}

/** (1) New engaged promoters: signed up this week, finished onboarding, NPS of 8 or more. */
const newEngagedPromoters = and(
  { type: "property", property: "signup_date", operator: "within_last", value: { amount: 7, unit: "day" } },
  { type: "event", event: "onboarding_completed", operator: "gte", value: 1 },
  { type: "score", score: "nps", operator: "gte", value: 8 },
);

/** (2) Free-plan referrers. */
const freePlanReferrers = and(
  { type: "property", property: "plan", operator: "eq", value: "free" },
  { type: "property", property: "referrals.count", operator: "gte", value: 1 },
);

/** (3) Pro users not in an active drip, written without a segment reference so peers can say it too. */
const proNotInDrip = and(
  { type: "property", property: "plan", operator: "eq", value: "pro" },
  {
    type: "group",
    combinator: "and",
    negate: true,
    children: [{ type: "property", property: "sequences.active", operator: "is_true" }],
  },
);

/** (4) 20 conditions: properties, scores and windowed event aggregates in nested AND/OR groups. */
const twentyConditions = and(
  or(
    { type: "property", property: "plan", operator: "in", value: ["pro", "team"] },
    and(
      { type: "property", property: "plan", operator: "eq", value: "free" },
      { type: "property", property: "company_size", operator: "gte", value: 20 },
    ),
  ),
  {
    type: "property",
    property: "signup_date",
    operator: "more_than_ago",
    value: { amount: 30, unit: "day" },
  },
  {
    type: "property",
    property: "country",
    operator: "in",
    value: ["US", "GB", "DE", "FR", "CA", "AU", "NL"],
  },
  { type: "property", property: "role", operator: "not_in", value: ["student", "support"] },
  { type: "property", property: "company_size", operator: "between", value: [5, 5000] },
  or(
    { type: "score", score: "engagement", operator: "gte", value: 60 },
    { type: "score", score: "nps", operator: "gte", value: 9 },
    lastDays("session_started", 7, "gte", 3),
    lastDays("feature_used", 7, "gte", 2),
  ),
  lastDays("nudge.dismissed", 30, "lt", 4),
  or(
    and(lastDays("viewed_pricing_page", 30, "gte", 1), lastDays("purchase", 90, "eq", 0)),
    and(lastDays("purchase", 90, "gte", 200, "amount"), lastDays("broadcast.opened", 14, "gte", 1)),
    and(
      { type: "property", property: "referrals.count", operator: "gte", value: 2 },
      { type: "property", property: "sequences.active", operator: "is_false" },
    ),
    and(lastDays("started_checkout", 30, "gte", 1), {
      type: "score",
      score: "engagement",
      operator: "lte",
      value: 80,
    }),
  ),
);

export const BENCH_RULES: readonly BenchRule[] = [
  { id: "new-engaged-promoters", scenario: true, rule: newEngagedPromoters },
  { id: "free-plan-referrers", scenario: true, rule: freePlanReferrers },
  { id: "pro-not-in-drip", scenario: true, rule: proNotInDrip },
  { id: "twenty-conditions", scenario: false, rule: twentyConditions },
];
