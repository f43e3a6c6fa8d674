import { z } from "zod";

export const VALUE_TYPES = ["string", "number", "boolean", "date", "array", "object"] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

const fieldShape = {
  name: z.string(),
  type: z.enum(VALUE_TYPES).describe("The most common type (`date`: strings that parse as ISO 8601)"),
  types: z.array(z.enum(VALUE_TYPES)).describe("Every type seen, most common first"),
  examples: z.array(z.unknown()).describe("Up to 3 distinct values seen"),
};

export const CatalogField = z.object({
  ...fieldShape,
  contacts: z.number().int().describe("Sampled contacts that have it"),
});

export const Catalog = z
  .object({
    properties: z.array(CatalogField).describe("Top-level traits (names without a dot)"),
    events: z.array(
      z.object({
        name: z.string(),
        count: z.number().int().describe("Occurrences in the sample"),
        contacts: z.number().int(),
        properties: z.array(z.object({ ...fieldShape, count: z.number().int() })),
      }),
    ),
    scores: z.array(
      z.object({ name: z.string(), contacts: z.number().int(), min: z.number(), max: z.number() }),
    ),
    module_fields: z
      .array(
        CatalogField.extend({ module: z.string().describe("The namespace: the name before the first dot") }),
      )
      .describe("Namespaced traits (`referrals.count`), as literal keys or as paths into object traits"),
    sample: z.object({
      contacts: z.number().int(),
      events: z.number().int(),
      complete: z.boolean().describe("False when the scan stopped at its limits (see docs/api-notes.md)"),
    }),
  })
  .meta({ id: "Catalog" });
export type Catalog = z.infer<typeof Catalog>;
