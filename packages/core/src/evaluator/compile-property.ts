import type { PropertyCondition, ScoreCondition } from "../schema/conditions.ts";
import type { StateLayout } from "../state/state-layout.ts";
import { type CompiledNode, timeless } from "./compiled-node.ts";
import { dateCondition } from "./relative-date.ts";
import { compileValuePredicate } from "./value-predicate.ts";

/** A contact property, read from its slot (the date form is precomputed in the state). */
export function compileProperty(c: PropertyCondition, layout: StateLayout): CompiledNode {
  const slot = layout.propertySlot.get(c.property) as number;
  const pred = compileValuePredicate(c);
  const at = layout.propertyNum[slot];
  const test: CompiledNode["test"] = (s, now) => pred(s.props[slot], s.num[at], now);
  return dateCondition(c, test, (s) => s.num[at]);
}

/** A score's latest value. */
export function compileScore(c: ScoreCondition, layout: StateLayout): CompiledNode {
  const at = layout.scoreNum[layout.scoreSlot.get(c.score) as number];
  const pred = compileValuePredicate(c);
  return timeless((s, now) => {
    const v = s.num[at];
    return pred(Number.isNaN(v) ? undefined : v, Number.NaN, now);
  });
}
