import type { EventTimeCondition } from "../schema/conditions.ts";
import type { StateLayout } from "../state/state-layout.ts";
import type { CompiledNode } from "./compiled-node.ts";
import { dateCondition } from "./relative-date.ts";
import { compileValuePredicate } from "./value-predicate.ts";

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
  return dateCondition(c, test, (s) => timeOf(s.trackers[index].times) ?? Number.NaN);
}
