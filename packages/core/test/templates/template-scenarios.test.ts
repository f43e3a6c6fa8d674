import { describe, expect, it } from "vitest";
import { TEMPLATES } from "../../src/templates/index.ts";
import { runScenario } from "../support/scenario.ts";
import { ENGAGEMENT_CASES } from "./engagement-cases.ts";
import { LIFECYCLE_CASES } from "./lifecycle-cases.ts";
import { REVENUE_CASES } from "./revenue-cases.ts";
import { knownContacts, type TemplateCase, templateScenario } from "./template-case.ts";

const CASES: TemplateCase[] = [...LIFECYCLE_CASES, ...ENGAGEMENT_CASES, ...REVENUE_CASES];

describe("template scenarios", () => {
  for (const c of CASES) {
    const scenario = templateScenario(c);
    it(scenario.name, () => runScenario(scenario));
  }

  it.each(TEMPLATES.map((t) => t.id))("%s has a case with contacts that must and must not match", (id) => {
    const cases = CASES.filter((c) => c.template === id);
    const telling = cases.filter((c) => {
      const known = knownContacts(c).size;
      return c.steps.some(
        (s) => "expect" in s && s.expect.members.length > 0 && s.expect.members.length < known,
      );
    });
    expect(telling.length).toBeGreaterThan(0);
  });

  it("has no case for a template that does not exist", () => {
    const ids = new Set(TEMPLATES.map((t) => t.id));
    expect(CASES.filter((c) => !ids.has(c.template)).map((c) => c.template)).toEqual([]);
  });
});
