import { z } from "zod";

export const MAX_SAMPLE = 100;
export const DEFAULT_SAMPLE = 10;
/** Ids shown of those entering and of those exiting, at most. */
export const CHANGE_SAMPLE = 10;

const RuleField = z
  .unknown()
  .meta({ $ref: "#/components/schemas/Rule", description: "The rule tree (RULES.md)" });

function requireRule(b: { rule?: unknown }, ctx: z.RefinementCtx): void {
  if (b.rule === undefined) ctx.addIssue({ code: "custom", path: ["rule"], message: "is required" });
}

export const PreviewBody = z
  .strictObject({
    rule: RuleField,
    sample: z
      .number()
      .int()
      .min(0)
      .max(MAX_SAMPLE)
      .default(DEFAULT_SAMPLE)
      .describe(`How many member ids to show (0 to ${MAX_SAMPLE}, default ${DEFAULT_SAMPLE})`),
  })
  .superRefine(requireRule);

export const Preview = z
  .object({
    count: z.number().int().describe("Contacts the rule matches now"),
    total: z.number().int().describe("Contacts evaluated"),
    sample: z.array(z.string()).describe("The first matching contact ids, by id"),
    exact: z
      .boolean()
      .describe(
        "False for a large workspace's first answer: an estimate from a sample (the next call is exact)",
      ),
    error_bound: z
      .number()
      .int()
      .optional()
      .describe("With exact: false, the half-width of a 95% interval around count"),
  })
  .meta({ id: "RulePreview" });

export const SegmentPreviewBody = z.strictObject({ rule: RuleField }).superRefine(requireRule);

export const SegmentPreview = z
  .object({
    count: z.number().int().describe("Members the new rule would have"),
    entering: z.number().int(),
    exiting: z.number().int(),
    entering_sample: z.array(z.string()).describe(`Up to ${CHANGE_SAMPLE} ids, by id`),
    exiting_sample: z.array(z.string()).describe(`Up to ${CHANGE_SAMPLE} ids, by id`),
    total: z.number().int().describe("Contacts evaluated"),
  })
  .meta({ id: "SegmentPreview" });
export type SegmentPreview = z.infer<typeof SegmentPreview>;
