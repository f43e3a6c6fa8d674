import fc from "fast-check";
import { TIME_UNITS } from "../../src/schema/primitives.ts";
import type { SegmentTemplate, TemplateParam } from "../../src/templates/index.ts";

/** Any value a param accepts. */
export function validParamValue(p: TemplateParam): fc.Arbitrary<unknown> {
  switch (p.type) {
    case "number":
      return p.integer === true
        ? fc.integer({ min: p.min ?? -1e9, max: p.max ?? 1e9 })
        : fc.double({ min: p.min ?? -1e9, max: p.max ?? 1e9, noNaN: true, noDefaultInfinity: true });
    case "string":
      return fc.string({ minLength: 1, maxLength: 256 });
    case "duration":
      return fc.record({
        amount: fc.integer({ min: 1, max: 100_000 }),
        unit: fc.constantFrom(...TIME_UNITS),
      });
  }
}

/** A params object with any subset of the template's params, each with a valid value. */
export function validParams(t: SegmentTemplate): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.fromEntries(t.params.map((p) => [p.name, validParamValue(p)]));
  return fc.record(fields, { requiredKeys: [] });
}

/** A value of the wrong JSON type for the param. */
export function wrongTypeValue(p: TemplateParam): fc.Arbitrary<unknown> {
  const others: fc.Arbitrary<unknown>[] = [
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.integer(), { maxLength: 2 }),
  ];
  if (p.type !== "number") others.push(fc.integer());
  if (p.type !== "string") others.push(fc.string());
  if (p.type !== "duration") others.push(fc.constant({ amount: 1, unit: "day" }));
  return fc.oneof(...others);
}
