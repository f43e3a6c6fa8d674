import { z } from "zod";
import { Rule } from "../segments/segment-schemas.ts";

const Duration = z.object({ amount: z.number(), unit: z.enum(["minute", "hour", "day", "week"]) });

export const TemplateParam = z.object({
  name: z.string(),
  type: z.enum(["number", "string", "duration"]),
  description: z.string(),
  default: z.union([z.number(), z.string(), Duration]),
  min: z.number().optional(),
  max: z.number().optional(),
  integer: z.boolean().optional(),
});

export const Template = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    params: z.array(TemplateParam),
    rule: Rule.describe("The rule with every param at its default"),
  })
  .meta({ id: "Template" });

export const TemplateList = z.object({ data: z.array(Template) });
