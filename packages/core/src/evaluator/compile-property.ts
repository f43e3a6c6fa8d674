import type { PropertyCondition, ScoreCondition } from "../schema/conditions.ts";
import type { Duration } from "../schema/primitives.ts";
import type { StateLayout } from "../state/state-layout.ts";
import { durationMs } from "../values/durations.ts";
import { type CompiledNode, timeless } from "./compiled-node.ts";
import { relativeDateNext } from "./relative-date.ts";
import { compileValuePredicate, RELATIVE_DATE_OPERATORS } from "./value-predicate.ts";

/** A contact property, read from its slot (the date form is precomputed in the state). */
export function compileProperty(c: PropertyCondition, layout: StateLayout): CompiledNode {
  const slot = layout.propertySlot.get(c.property) as number;
  const pred = compileValuePredicate(c);
  const at = layout.propertyNum[slot];
  const test: CompiledNode["test"] = (s, now) => pred(s.props[slot], s.num[at], now);
  if (!RELATIVE_DATE_OPERATORS.has(c.operator)) return timeless(test);
  const ms = durationMs((c as { value?: unknown }).value as Duration);
  return {
    test,
    evaluate: (s, now, seg) => ({
      result: test(s, now, seg),
      next: relativeDateNext(c.operator, ms, s.num[at], now),
    }),
  };
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
