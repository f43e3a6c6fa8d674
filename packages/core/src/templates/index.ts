import type { Group } from "../schema/rule.ts";
import { ENGAGEMENT_TEMPLATES } from "./engagement-templates.ts";
import { EXPERIMENT_TEMPLATES } from "./experiment-templates.ts";
import { FEEDBACK_TEMPLATES } from "./feedback-templates.ts";
import { LIFECYCLE_TEMPLATES } from "./lifecycle-templates.ts";
import { REVENUE_TEMPLATES } from "./revenue-templates.ts";
import type { SegmentTemplate, TemplateIssue } from "./segment-template.ts";
import { resolveTemplateParams } from "./template-params.ts";

export type { ParamValue, SegmentTemplate, TemplateIssue, TemplateParam } from "./segment-template.ts";
export { TemplateParamsError } from "./segment-template.ts";

/** Every built-in template, in the order the builder shows them. */
export const TEMPLATES: readonly SegmentTemplate[] = [
  ...LIFECYCLE_TEMPLATES,
  ...ENGAGEMENT_TEMPLATES,
  ...FEEDBACK_TEMPLATES,
  ...REVENUE_TEMPLATES,
  ...EXPERIMENT_TEMPLATES,
];

/**
 * The built-in template with this id.
 * @example findTemplate("promoters")?.build() // nps gte 9
 */
export function findTemplate(id: string): SegmentTemplate | undefined {
  return TEMPLATES.find((t) => t.id === id);
}

/**
 * Builds a template's rule from request params (defaults for missing ones). Bad params or an
 * unknown id come back as issues with JSON Pointer paths (`/params/days`, `/template`), never thrown.
 * @example instantiateTemplate("new_signups", { days: 14 }) // { ok: true, rule: { … within_last 14 day … } }
 */
export function instantiateTemplate(
  id: string,
  params?: Record<string, unknown>,
): { ok: true; rule: Group } | { ok: false; issues: TemplateIssue[] } {
  const template = findTemplate(id);
  if (template === undefined) {
    return {
      ok: false,
      issues: [{ code: "unknown_template", path: "/template", message: `no template "${id}"` }],
    };
  }
  const resolved = resolveTemplateParams(template.params, params);
  if (!resolved.ok) return resolved;
  return { ok: true, rule: template.build(params) };
}
