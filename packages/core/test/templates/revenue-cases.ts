import { oracleBucket } from "../scenarios/bucket-oracle.ts";
import { flipAt, identify, members, score, track } from "../scenarios/steps.ts";
import type { TemplateCase } from "./template-case.ts";

const people = Array.from({ length: 60 }, (_, i) => `person_${i}`);

export const REVENUE_CASES: TemplateCase[] = [
  {
    template: "promoters",
    start: "2026-03-02T12:00:00Z",
    steps: [
      score("ann", "nps", 9),
      score("bob", "nps", 10),
      score("cat", "nps", 8),
      identify("dan", { plan: "free" }),
      members("promoters", ["ann", "bob"]),
    ],
  },
  {
    template: "detractors",
    start: "2026-03-02T12:00:00Z",
    steps: [
      score("ann", "nps", 6),
      score("bob", "nps", 0),
      score("cat", "nps", 7),
      identify("dan", { plan: "free" }),
      members("detractors", ["ann", "bob"]),
    ],
  },
  {
    template: "high_value_customers",
    start: "2026-03-20T00:00:00Z",
    steps: [
      track("ann", "purchase", "2026-03-01T00:00:00Z", { amount: 300 }),
      track("ann", "purchase", "2026-03-15T00:00:00Z", { amount: 250 }),
      track("bob", "purchase", "2026-03-01T00:00:00Z", { amount: 300 }),
      track("bob", "purchase", "2025-12-01T00:00:00Z", { amount: 250 }),
      track("cat", "purchase", "2026-03-15T00:00:00Z", { amount: 499.99 }),
      track("dan", "purchase", "2026-03-15T00:00:00Z", { amount: "600" }),
      members("high_value_customers", ["ann"]),
      flipAt("high_value_customers", "ann", "2026-05-30T00:00:00.001Z", false),
    ],
  },
  {
    template: "cart_abandoners",
    start: "2026-03-10T12:00:00Z",
    steps: [
      track("ann", "started_checkout", "2026-03-10T09:00:00Z"),
      track("bob", "started_checkout", "2026-03-10T09:00:00Z"),
      track("bob", "purchase", "2026-03-10T09:30:00Z"),
      track("cat", "started_checkout", "2026-03-10T11:30:00Z"),
      track("dan", "started_checkout", "2026-03-01T00:00:00Z"),
      track("eve", "purchase", "2026-03-09T00:00:00Z"),
      track("eve", "started_checkout", "2026-03-10T08:00:00Z"),
      members("cart_abandoners", ["ann", "eve"]),
      flipAt("cart_abandoners", "cat", "2026-03-10T12:30:00.001Z", true),
      flipAt("cart_abandoners", "ann", "2026-03-17T09:00:00.001Z", false),
      track("ann", "purchase"),
      members("cart_abandoners", ["eve"]),
    ],
  },
  {
    template: "free_plan_referrers",
    start: "2026-03-02T12:00:00Z",
    steps: [
      identify("ann", { plan: "free", "referrals.count": 1 }),
      identify("bob", { plan: "free", "referrals.count": 0 }),
      identify("cat", { plan: "pro", "referrals.count": 5 }),
      identify("dan", { plan: "free", referrals: { count: 2 } }),
      members("free_plan_referrers", ["ann", "dan"]),
    ],
  },
  {
    template: "free_plan_referrers",
    params: { plan: "starter", min_referrals: 3 },
    start: "2026-03-02T12:00:00Z",
    steps: [
      identify("ann", { plan: "starter", "referrals.count": 3 }),
      identify("bob", { plan: "starter", "referrals.count": 2 }),
      identify("cat", { plan: "free", "referrals.count": 5 }),
      members("free_plan_referrers", ["ann"]),
    ],
  },
  {
    template: "pricing_page_prospects",
    start: "2026-03-20T00:00:00Z",
    steps: [
      identify("ann", { plan: "free" }),
      ...["2026-03-18", "2026-03-19"].map((d) => track("ann", "viewed_pricing_page", d)),
      identify("bob", { plan: "pro" }),
      ...["2026-03-17", "2026-03-18", "2026-03-19"].map((d) => track("bob", "viewed_pricing_page", d)),
      identify("cat", { plan: "free" }),
      track("cat", "viewed_pricing_page", "2026-03-19"),
      identify("dan", { plan: "free" }),
      ...["2026-02-28", "2026-03-19"].map((d) => track("dan", "viewed_pricing_page", d)),
      members("pricing_page_prospects", ["ann"]),
      flipAt("pricing_page_prospects", "ann", "2026-04-01T00:00:00.001Z", false),
    ],
  },
  {
    template: "enterprise_prospects",
    start: "2026-03-02T12:00:00Z",
    steps: [
      identify("ann", { company_size: 500, plan: "pro" }),
      identify("bob", { company_size: 500, plan: "enterprise" }),
      identify("cat", { company_size: 50, plan: "free" }),
      identify("dan", { company_size: 200 }),
      identify("eve", { company_size: "500", plan: "free" }),
      members("enterprise_prospects", ["ann", "dan"]),
    ],
  },
  {
    template: "holdout_group",
    start: "2026-03-02T12:00:00Z",
    contacts: people,
    steps: [
      members(
        "holdout_group",
        people.filter((p) => oracleBucket("ws_test", "holdout", p) < 1_000),
      ),
    ],
  },
];
