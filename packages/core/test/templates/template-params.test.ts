import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  findTemplate,
  instantiateTemplate,
  TEMPLATES,
  TemplateParamsError,
} from "../../src/templates/index.ts";
import { wrongTypeValue } from "./template-arbitraries.ts";

const paramsOf = (type: string) =>
  TEMPLATES.flatMap((t) => t.params.filter((p) => p.type === type).map((p) => [t, p] as const));

describe("template params", () => {
  it("reports an unknown template at /template", () => {
    expect(instantiateTemplate("vip_whales")).toEqual({
      ok: false,
      issues: [{ code: "unknown_template", path: "/template", message: expect.any(String) }],
    });
  });

  it("reports wrong types at /params/<name>", () => {
    const anyParam = fc.constantFrom(...TEMPLATES.flatMap((t) => t.params.map((p) => [t, p] as const)));
    fc.assert(
      fc.property(
        anyParam.chain(([t, p]) => fc.tuple(fc.constant(t), fc.constant(p), wrongTypeValue(p))),
        ([t, p, v]) => {
          const r = instantiateTemplate(t.id, { [p.name]: v });
          expect(r.ok).toBe(false);
          if (!r.ok)
            expect(r.issues.map((i) => [i.code, i.path])).toEqual([["invalid_type", `/params/${p.name}`]]);
        },
      ),
      { seed: 11, numRuns: 300 },
    );
  });

  it("reports numbers out of range and fractions where whole numbers are needed", () => {
    for (const [t, p] of paramsOf("number")) {
      const below = (p.min ?? 0) - 1;
      const above = (p.max ?? 0) + 1;
      for (const v of [below, above]) {
        const r = instantiateTemplate(t.id, { [p.name]: v });
        expect(r, `${t.id}.${p.name} = ${v}`).toMatchObject({
          ok: false,
          issues: [{ code: "out_of_range", path: `/params/${p.name}` }],
        });
      }
      if (p.integer === true) {
        const r = instantiateTemplate(t.id, { [p.name]: (p.min ?? 1) + 0.5 });
        expect(r).toMatchObject({ ok: false, issues: [{ code: "not_integer", path: `/params/${p.name}` }] });
      }
    }
  });

  it("reports bad durations inside the param and empty strings", () => {
    expect(instantiateTemplate("dormant", { inactive_for: { amount: 0, unit: "day" } })).toMatchObject({
      ok: false,
      issues: [{ code: "out_of_range", path: "/params/inactive_for/amount" }],
    });
    expect(instantiateTemplate("dormant", { inactive_for: { amount: 3, unit: "month" } })).toMatchObject({
      ok: false,
      issues: [{ code: "invalid_type", path: "/params/inactive_for/unit" }],
    });
    expect(instantiateTemplate("power_users", { key_event: "" })).toMatchObject({
      ok: false,
      issues: [{ code: "out_of_range", path: "/params/key_event" }],
    });
  });

  it("lists every problem at once, unknown names escaped as JSON Pointers", () => {
    const r = instantiateTemplate("new_engaged_promoters", { signup_days: "7", min_nps: 11, "a/b~c": 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues.map((i) => `${i.code} ${i.path}`).sort()).toEqual([
        "invalid_type /params/signup_days",
        "out_of_range /params/min_nps",
        "unknown_param /params/a~1b~0c",
      ]);
    }
  });

  it("rejects params that are not an object", () => {
    const bad = [] as unknown as Record<string, unknown>;
    expect(instantiateTemplate("promoters", bad)).toMatchObject({
      ok: false,
      issues: [{ code: "invalid_type", path: "/params" }],
    });
  });

  it("build throws the same issues instead of building from bad params", () => {
    const t = findTemplate("new_signups");
    expect(() => t?.build({ days: 0 })).toThrow(TemplateParamsError);
    try {
      t?.build({ days: 0 });
    } catch (e) {
      expect((e as TemplateParamsError).issues).toMatchObject([
        { code: "out_of_range", path: "/params/days" },
      ]);
    }
  });
});
