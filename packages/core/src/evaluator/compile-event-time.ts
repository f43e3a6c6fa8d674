import type { EventTimeCondition } from "../schema/conditions.ts";
import type { Duration } from "../schema/primitives.ts";
import type { StateLayout } from "../state/state-layout.ts";
import { durationMs } from "../values/durations.ts";
import { type CompiledNode, timeless } from "./compiled-node.ts";
import { relativeDateNext } from "./relative-date.ts";
import { compileValuePredicate, RELATIVE_DATE_OPERATORS } from "./value-predicate.ts";

/** When the contact first or last performed an event (missing when never). */
export function compileEventTime(c: EventTimeCondition, layout: StateLayout): CompiledNode {
  const index = layout.tracker(c.event, c.where).index;
  const pred = compileValuePredicate(c);
  const first = c.which === "first";
  const timeOf = (times: readonly number[]) =>
    times.length === 0 ? undefined : first ? times[0] : times[times.length - 1];
  const test: CompiledNode["test"] = (s, now) => {
    const t = timeOf(s.trackers[index].times);
    return pred(t, t ?? Number.NaN, now);
  };
  if (!RELATIVE_DATE_OPERATORS.has(c.operator)) return timeless(test);
  const ms = durationMs((c as { value?: unknown }).value as Duration);
  return {
    test,
    evaluate: (s, now, seg) => ({
      result: test(s, now, seg),
      next: relativeDateNext(c.operator, ms, timeOf(s.trackers[index].times) ?? Number.NaN, now),
    }),
  };
}
