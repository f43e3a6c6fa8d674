import type { EventTimeCondition } from "../schema/conditions.ts";
import type { ContactState } from "../state/contact-state.ts";
import type { StateLayout } from "../state/state-layout.ts";
import { spanStart, timesEnd } from "../state/tracker-span.ts";
import type { CompiledNode } from "./compiled-node.ts";
import { dateCondition } from "./relative-date.ts";
import { compileValuePredicate } from "./value-predicate.ts";

/** When the contact first or last performed an event (missing when never). */
export function compileEventTime(c: EventTimeCondition, layout: StateLayout): CompiledNode {
  const span = layout.at.span[layout.tracker(c.event, c.where).index];
  const D = layout.at.doublesAt;
  const pred = compileValuePredicate(c);
  const first = c.which === "first";
  // NaN when the tracker is empty.
  const timeOf = (s: ContactState): number => {
    const d = s.v[D] as number[];
    const lo = spanStart(d, span);
    const hi = timesEnd(d, span);
    if (lo === hi) return Number.NaN;
    return first ? d[lo] : d[hi - 1];
  };
  const test: CompiledNode["test"] = (s, now) => {
    const t = timeOf(s);
    return pred(Number.isNaN(t) ? undefined : t, t, now);
  };
  return dateCondition(c, test, timeOf);
}
