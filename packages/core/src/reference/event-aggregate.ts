import type { RawEvent } from "../model.ts";
import type { Measure } from "../schema/conditions.ts";
import { lookupProperty } from "../values/property-path.ts";

/**
 * The measure over already-matched events: `count` is their number; `sum` adds the numeric
 * values of `measure.property` (0 when none); `min`/`max`/`avg` are `undefined` (missing) when no
 * event has a numeric value. Missing or non-numeric values are skipped.
 * @example aggregate([], { aggregate: "sum", property: "amount" }) // 0
 */
export function aggregate(events: readonly RawEvent[], measure: Measure | undefined): number | undefined {
  if (measure === undefined || measure.aggregate === "count") return events.length;
  const values = numericValues(events, measure.property);
  switch (measure.aggregate) {
    case "sum":
      return total(values);
    case "min":
      return values.length === 0 ? undefined : values.reduce((m, v) => Math.min(m, v));
    case "max":
      return values.length === 0 ? undefined : values.reduce((m, v) => Math.max(m, v));
    case "avg":
      return values.length === 0 ? undefined : total(values) / values.length;
    default: {
      const unreachable: never = measure;
      return unreachable;
    }
  }
}

function numericValues(events: readonly RawEvent[], property: string): number[] {
  const values: number[] = [];
  for (const e of events) {
    const v = lookupProperty(e.properties, property);
    if (typeof v === "number") values.push(v);
  }
  return values;
}

// Added left to right in event order.
function total(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum;
}
