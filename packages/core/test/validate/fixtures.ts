import type { Condition, Group } from "../../src/index.ts";
import { type RuleIssue, type ValidationContext, validateRule } from "../../src/validate/index.ts";

/** An AND group of the given children (raw: children may be anything). */
export function group(...children: unknown[]): { type: "group"; combinator: "and"; children: unknown[] } {
  return { type: "group", combinator: "and", children };
}

/** The issues of a rule that must fail validation. */
export function issuesOf(input: unknown, ctx?: ValidationContext): RuleIssue[] {
  const result = validateRule(input, ctx);
  if (result.ok) throw new Error("expected the rule to be rejected");
  return result.issues;
}

/** `code path` pairs, for compact assertions. */
export function codesAt(input: unknown, ctx?: ValidationContext): string[] {
  return issuesOf(input, ctx).map((i) => `${i.code} ${i.path}`);
}

/** Groups nested `depth` levels (the outermost is level 1), built iteratively. */
export function nestedGroups(
  depth: number,
  leaf: unknown = { type: "bucket", salt: "s", percent: 50 },
): unknown {
  let node: unknown = leaf;
  for (let i = 0; i < depth; i++) node = group(node);
  return node;
}

/** One valid condition of every kind, with every optional field somewhere. */
export const VALID_CONDITIONS: Condition[] = [
  { type: "property", property: "plan", operator: "eq", value: "free", ignore_case: true },
  { type: "property", property: "referrals.count", operator: "between", value: [1, 5] },
  {
    type: "property",
    property: "signup",
    operator: "between",
    value: ["2026-01-01", "2026-02-01T00:00:00Z"],
  },
  { type: "property", property: "signup", operator: "within_last", value: { amount: 7, unit: "day" } },
  { type: "property", property: "tags", operator: "includes_any", value: ["a", "b"] },
  { type: "property", property: "vip", operator: "is_true" },
  { type: "score", score: "nps", operator: "in", value: [9, 10] },
  {
    type: "event",
    event: "viewed_pricing_page",
    where: [{ property: "page", operator: "starts_with", value: "/pricing" }],
    window: { within_last: { amount: 30, unit: "day" } },
    measure: { aggregate: "count" },
    operator: "gte",
    value: 3,
  },
  {
    type: "event",
    event: "purchased",
    window: { between: ["2026-01-01", "2026-01-01"] },
    measure: { aggregate: "sum", property: "amount" },
    operator: "gt",
    value: 100,
  },
  {
    type: "event_time",
    event: "session_started",
    which: "last",
    operator: "more_than_ago",
    value: { amount: 14, unit: "day" },
  },
  {
    type: "event_time",
    event: "signed_up",
    which: "first",
    where: [{ property: "at", operator: "before", value: "2026-01-01" }],
    operator: "after",
    value: "2025-06-01T12:00:00+02:00",
  },
  { type: "segment", segment: "seg_123", operator: "not_in" },
  {
    type: "sequence",
    steps: [
      { event: "viewed_pricing_page" },
      { event: "started_checkout", where: [{ property: "plan", operator: "exists" }] },
    ],
    within: { amount: 1, unit: "day" },
    window: { after: "2026-01-01" },
    operator: "performed",
  },
  { type: "list", list: "lst_123", operator: "in" },
  { type: "bucket", salt: "spring-test", percent: 10 },
];

export const VALID_RULE: Group = {
  type: "group",
  combinator: "or",
  negate: false,
  children: [
    ...VALID_CONDITIONS.slice(0, 8),
    { type: "group", combinator: "and", negate: true, children: VALID_CONDITIONS.slice(8) },
  ],
};
