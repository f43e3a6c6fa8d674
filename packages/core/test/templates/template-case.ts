import { instantiateTemplate } from "../../src/templates/index.ts";
import type { Scenario, Step } from "../support/scenario.ts";

/** A scenario for one template: its segment id is the template id, built with `params`. */
export interface TemplateCase {
  template: string;
  params?: Record<string, unknown>;
  start: string;
  contacts?: string[];
  steps: Step[];
}

/** Turns a template case into a runner scenario; bad params are a broken test, so they throw. */
export function templateScenario(c: TemplateCase): Scenario {
  const built = instantiateTemplate(c.template, c.params);
  if (!built.ok) throw new Error(`template case ${c.template}: ${JSON.stringify(built.issues)}`);
  const params = c.params === undefined ? "defaults" : JSON.stringify(c.params);
  return {
    name: `${c.template} with ${params}`,
    segments: [{ id: c.template, rule: built.rule }],
    contacts: c.contacts,
    start: c.start,
    steps: c.steps,
  };
}

/** Every contact a case knows: declared ones and those it sends messages for. */
export function knownContacts(c: TemplateCase): Set<string> {
  const ids = new Set(c.contacts);
  for (const s of c.steps) if ("ingest" in s) ids.add(s.ingest.contact);
  return ids;
}
