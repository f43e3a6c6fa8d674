import type { PropertyCondition, ScoreCondition } from "../schema/conditions.ts";
import type { StateLayout } from "../state/state-layout.ts";
import { type CompiledNode, timeless } from "./compiled-node.ts";
import { dateCondition } from "./relative-date.ts";
import { compileValuePredicate } from "./value-predicate.ts";

/** A contact property, read from its slot (the date form is precomputed in the state). */
export function compileProperty(c: PropertyCondition, layout: StateLayout): CompiledNode {
  const slot = layout.propertySlot.get(c.property) as number;
  const pred = compileValuePredicate(c);
  const at = layout.at.date[slot];
  // Only properties some rule reads as a date keep a date form; others are read as NaN.
  if (at === undefined)
    return dateCondition(
      c,
      (s, now) => pred(s.v[slot], Number.NaN, now),
      () => Number.NaN,
    );
  const test: CompiledNode["test"] = (s, now) => pred(s.v[slot], s.v[at] as number, now);
  return dateCondition(c, test, (s) => s.v[at] as number);
}

/** A score's latest value. */
export function compileScore(c: ScoreCondition, layout: StateLayout): CompiledNode {
  const at = layout.at.score[layout.scoreSlot.get(c.score) as number];
  const pred = compileValuePredicate(c);
  return timeless((s, now) => {
    const v = s.v[at] as number;
    return pred(Number.isNaN(v) ? undefined : v, Number.NaN, now);
  });
}
