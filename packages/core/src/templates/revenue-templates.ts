import { allOf, countParam, dayCountParam, days } from "./rule-builders.ts";
import { defineTemplate } from "./segment-template.ts";

export const highValueCustomers = defineTemplate({
  id: "high_value_customers",
  name: "High-value customers",
  description: "People whose purchases add up to 500 or more in the last 90 days (by default).",
  params: [
    {
      name: "min_revenue",
      type: "number",
      description: "Total purchase amount needed.",
      default: 500,
      min: 1,
      max: 1e12,
    },
    { name: "window", type: "duration", description: "The recent period that counts.", default: days(90) },
  ],
  rule: (p) =>
    allOf({
      type: "event",
      event: "purchase",
      window: { within_last: p.duration("window") },
      measure: { aggregate: "sum", property: "amount" },
      operator: "gte",
      value: p.number("min_revenue"),
    }),
});

// A purchase after any checkout in the period takes someone out; waiting `wait` after the latest
// checkout leaves time to finish before a reminder goes out.
export const cartAbandoners = defineTemplate({
  id: "cart_abandoners",
  name: "Cart abandoners",
  description:
    "People who started checkout in the last 7 days (by default) and have not purchased after it, once an hour has passed since their latest checkout.",
  params: [
    dayCountParam("days", "How recent the checkout must be, in days.", 7),
    {
      name: "wait",
      type: "duration",
      description: "Time to leave after the latest checkout.",
      default: { amount: 1, unit: "hour" },
    },
  ],
  rule: (p) => {
    const window = { within_last: days(p.number("days")) };
    return allOf(
      { type: "event", event: "started_checkout", window, operator: "gte", value: 1 },
      {
        type: "sequence",
        steps: [{ event: "started_checkout" }, { event: "purchase" }],
        window,
        operator: "not_performed",
      },
      {
        type: "event_time",
        event: "started_checkout",
        which: "last",
        operator: "more_than_ago",
        value: p.duration("wait"),
      },
    );
  },
});

export const freePlanReferrers = defineTemplate({
  id: "free_plan_referrers",
  name: "Free-plan referrers",
  description:
    "People on the free plan who referred at least one friend (by default): offer them an upgrade.",
  params: [
    { name: "plan", type: "string", description: "The plan they are on.", default: "free" },
    countParam("min_referrals", "Referrals needed.", 1),
  ],
  rule: (p) =>
    allOf(
      { type: "property", property: "plan", operator: "eq", value: p.string("plan") },
      { type: "property", property: "referrals.count", operator: "gte", value: p.number("min_referrals") },
    ),
});

export const pricingPageProspects = defineTemplate({
  id: "pricing_page_prospects",
  name: "Pricing-page prospects",
  description: "Free-plan users who viewed the pricing page at least twice in the last 14 days (by default).",
  params: [
    countParam("min_views", "Pricing page views needed.", 2),
    dayCountParam("days", "The recent period that counts, in days.", 14),
  ],
  rule: (p) =>
    allOf(
      { type: "property", property: "plan", operator: "eq", value: "free" },
      {
        type: "event",
        event: "viewed_pricing_page",
        window: { within_last: days(p.number("days")) },
        operator: "gte",
        value: p.number("min_views"),
      },
    ),
});

export const enterpriseProspects = defineTemplate({
  id: "enterprise_prospects",
  name: "Enterprise prospects",
  description:
    "People at companies with 200 or more employees (by default) who are not on the enterprise plan yet.",
  params: [countParam("min_company_size", "Smallest company size that counts.", 200, 10_000_000)],
  rule: (p) =>
    allOf(
      { type: "property", property: "company_size", operator: "gte", value: p.number("min_company_size") },
      { type: "property", property: "plan", operator: "neq", value: "enterprise" },
    ),
});

export const REVENUE_TEMPLATES = [
  highValueCustomers,
  cartAbandoners,
  freePlanReferrers,
  pricingPageProspects,
  enterpriseProspects,
];
