import type { Duration } from "../schema/primitives.ts";
import type { Group } from "../schema/rule.ts";
import type { ParamValues } from "./param-values.ts";
import { resolveTemplateParams } from "./template-params.ts";

/** A value a template parameter can take. */
export type ParamValue = number | string | Duration;

/**
 * One knob of a template. `min`/`max`/`integer` bound number params; string params are 1..256
 * characters. Duration params follow the `Duration` schema ({ amount: 1..100000, unit }).
 */
export interface TemplateParam {
  name: string;
  type: "number" | "string" | "duration";
  description: string;
  default: ParamValue;
  min?: number;
  max?: number;
  integer?: boolean;
}

/** A ready-made segment a marketer can start from; `build` fills in the params (defaults for missing ones). */
export interface SegmentTemplate {
  id: string;
  name: string;
  description: string;
  params: TemplateParam[];
  /** Throws `TemplateParamsError` on bad params; use `instantiateTemplate` to get issues instead. */
  build(params?: Record<string, unknown>): Group;
}

/** A problem with a template request, with a JSON Pointer into the request body (`/params/days`). */
export interface TemplateIssue {
  code: string;
  path: string;
  message: string;
}

export class TemplateParamsError extends Error {
  constructor(
    readonly templateId: string,
    readonly issues: TemplateIssue[],
  ) {
    super(
      `invalid params for template "${templateId}": ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`,
    );
    this.name = "TemplateParamsError";
  }
}

/** What a template file declares: the metadata plus a rule built from already-checked values. */
export interface TemplateSpec extends Omit<SegmentTemplate, "build"> {
  rule(values: ParamValues): Group;
}

/**
 * Turns a spec into a template whose `build` checks params before building, so a rule is never
 * built from values the spec did not allow.
 * @example defineTemplate({ id: "vip", name: "VIP", description: "…", params: [], rule: () => group }).build()
 */
export function defineTemplate(spec: TemplateSpec): SegmentTemplate {
  const { rule, ...meta } = spec;
  return {
    ...meta,
    build(params) {
      const resolved = resolveTemplateParams(spec.params, params);
      if (!resolved.ok) throw new TemplateParamsError(spec.id, resolved.issues);
      return rule(resolved.values);
    },
  };
}
