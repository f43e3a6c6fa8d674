import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Group, RuleNode } from "../../src/schema/rule.ts";
import { findTemplate, instantiateTemplate, TEMPLATES } from "../../src/templates/index.ts";
import { validParams, validParamValue } from "./template-arbitraries.ts";

const REQUIRED = [
  "new_signups",
  "power_users",
  "at_risk",
  "promoters",
  "detractors",
  "free_plan_referrers",
  "trial_ending_soon",
  "dormant",
  "new_engaged_promoters",
  "high_value_customers",
  "cart_abandoners",
];

describe("template catalog", () => {
  it("holds every template the product promises, with unique snake_case ids", () => {
    const ids = TEMPLATES.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(REQUIRED));
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z_]*$/);
  });

  it.each(TEMPLATES.map((t) => [t.id, t] as const))("%s is described for a marketer", (_, t) => {
    expect(t.name.length).toBeGreaterThan(3);
    expect(t.description.length).toBeGreaterThan(30);
    for (const p of t.params) expect(p.description.length).toBeGreaterThan(5);
    expect(new Set(t.params.map((p) => p.name)).size).toBe(t.params.length);
  });

  it("finds templates by id and nothing else", () => {
    expect(findTemplate("promoters")?.name).toBe("Promoters");
    expect(findTemplate("nope")).toBeUndefined();
  });
});

describe("instantiated rules", () => {
  it.each(TEMPLATES.map((t) => [t.id, t] as const))("%s with defaults is a valid rule", (id, t) => {
    const r = instantiateTemplate(id);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(Group.safeParse(r.rule).success).toBe(true);
    expect(RuleNode.safeParse(r.rule).success).toBe(true);
    const explicit = Object.fromEntries(t.params.map((p) => [p.name, p.default]));
    expect(t.build(explicit)).toEqual(r.rule);
  });

  it("every random valid choice of params builds a valid rule", () => {
    const anyCase = fc.constantFrom(...TEMPLATES).chain((t) => fc.tuple(fc.constant(t), validParams(t)));
    fc.assert(
      fc.property(anyCase, ([t, params]) => {
        const r = instantiateTemplate(t.id, params);
        expect(r.ok).toBe(true);
        if (r.ok) expect(Group.safeParse(r.rule).error).toBeUndefined();
      }),
      { seed: 20260302, numRuns: 500 },
    );
  });

  it("every param changes the rule it builds", () => {
    for (const t of TEMPLATES) {
      for (const p of t.params) {
        const values = fc.sample(validParamValue(p), { seed: 7, numRuns: 20 });
        const rules = new Set(values.map((v) => JSON.stringify(t.build({ [p.name]: v }))));
        expect(rules.size, `${t.id}.${p.name}`).toBeGreaterThan(1);
      }
    }
  });

  it("puts the params where a marketer expects them", () => {
    const signups = findTemplate("new_signups")?.build({ days: 14 });
    expect(signups?.children).toEqual([
      {
        type: "property",
        property: "signup_date",
        operator: "within_last",
        value: { amount: 14, unit: "day" },
      },
    ]);
    const atRisk = findTemplate("at_risk")?.build({ active_days: 20, inactive_days: 10 });
    expect(atRisk?.children[0]).toMatchObject({ window: { within_last: { amount: 30, unit: "day" } } });
    expect(atRisk?.children[1]).toMatchObject({
      operator: "more_than_ago",
      value: { amount: 10, unit: "day" },
    });
  });
});
