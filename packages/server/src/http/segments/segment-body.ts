import { findTemplate, instantiateTemplate } from "@growthos/segments-core";
import { z } from "zod";
import type { SegmentInput } from "../../service/segment-input.ts";
import type { SegmentRecord } from "../../store/records.ts";
import { HttpProblem } from "../errors/http-errors.ts";
import { safeString, textProblem } from "../validation/safe-text.ts";

const MAX_DESCRIPTION = 2000;

const Description = z
  .string()
  .max(MAX_DESCRIPTION, `must be at most ${MAX_DESCRIPTION} characters`)
  .superRefine((s, ctx) => {
    const message = textProblem(s);
    if (message !== undefined) ctx.addIssue({ code: "custom", message, input: s });
  });

/** What a segment body says, once its form (own rule, or a template) is known. */
type SegmentSpec =
  | { kind: "rule"; name: string; description?: string; rule: unknown }
  | {
      kind: "template";
      template: string;
      params?: Record<string, unknown>;
      name?: string;
      description?: string;
    };

/**
 * `POST /v1/segments` and `PUT /v1/segments/{id}`: `{name, description?, rule}` or
 * `{name?, description?, template, params?}`. The rule itself is checked by `validateRule`
 * (its issues come back at `/rule/...`), template params by the template (`/params/...`).
 */
export const SegmentBody = z
  .strictObject({
    name: safeString(256).optional(),
    description: Description.optional(),
    rule: z
      .unknown()
      .optional()
      .meta({ $ref: "#/components/schemas/Rule", description: "The rule tree (RULES.md)" }),
    template: safeString(256).optional().describe("A template id from GET /v1/templates"),
    params: z
      .record(z.string(), z.unknown())
      .optional()
      .describe("The template's params (defaults for missing ones)"),
  })
  .transform((b, ctx): SegmentSpec => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (b.template !== undefined) {
      if (b.rule !== undefined) issue("template", "give either a rule or a template, not both");
      const { template, params, name, description } = b;
      return { kind: "template", template, params, name, description };
    }
    if (b.rule === undefined) issue("rule", "is required (or a template)");
    if (b.name === undefined) issue("name", "is required");
    if (b.params !== undefined) issue("params", "is only read with a template");
    return { kind: "rule", name: b.name ?? "", description: b.description, rule: b.rule };
  });
export type SegmentBody = z.output<typeof SegmentBody>;

/**
 * The service's input for a body: a template is instantiated here, its problems answered as
 * 400 with their paths. A template segment without a name takes the current name (PUT) or the
 * template's.
 */
export function toSegmentInput(body: SegmentBody, current?: SegmentRecord): SegmentInput {
  if (body.kind === "rule") return { name: body.name, description: body.description, rule: body.rule };
  const made = instantiateTemplate(body.template, body.params);
  if (!made.ok) {
    const errors = made.issues.map((i) => ({ path: i.path, message: i.message, code: i.code }));
    throw new HttpProblem("validation", `the template request has ${errors.length} problem(s)`, errors);
  }
  const name = body.name ?? current?.name ?? findTemplate(body.template)?.name ?? body.template;
  return { name, description: body.description, rule: made.rule };
}
