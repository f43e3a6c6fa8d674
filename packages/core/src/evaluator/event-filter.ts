import type { EventFilter } from "../schema/conditions.ts";
import { toEpochMs } from "../values/dates.ts";
import { lookupProperty } from "../values/property-path.ts";
import { compileValuePredicate, readsDate } from "./value-predicate.ts";

export type EventPropertiesTest = (properties: Readonly<Record<string, unknown>>) => boolean;

/**
 * Compiles `where` filters into one test of an event's properties (all filters must hold).
 * Relative-date operators are rejected by validation, so no filter depends on `now`.
 * @example compileEventFilters([{ property: "page", operator: "starts_with", value: "/pricing" }])({ page: "/pricing/team" }) // true
 */
export function compileEventFilters(where: readonly EventFilter[] | undefined): EventPropertiesTest {
  if (where === undefined || where.length === 0) return () => true;
  const tests = where.map((f) => {
    const pred = compileValuePredicate(f);
    const date = readsDate(f);
    return (props: Readonly<Record<string, unknown>>) => {
      const a = lookupProperty(props, f.property);
      return pred(a, date ? (toEpochMs(a) ?? Number.NaN) : Number.NaN, Number.NaN);
    };
  });
  return (props) => tests.every((t) => t(props));
}
