import type { EventCondition, Measure } from "../schema/conditions.ts";
import type { EventTracker } from "../state/event-tracker.ts";
import type { StateLayout } from "../state/state-layout.ts";
import { type CompiledNode, timeless } from "./compiled-node.ts";
import { compileWindow, nextWindowFlip } from "./event-window.ts";
import { compileValuePredicate } from "./value-predicate.ts";

/** An aggregate of the events in [from, to) of a tracker; undefined when missing. */
export type Aggregate = (t: EventTracker, from: number, to: number) => number | undefined;

/** Count, or sum/min/max/avg of a measured property (non-numbers are NaN in the tracker: skipped). */
export function compileAggregate(m: Measure | undefined, layout: StateLayout, c: EventCondition): Aggregate {
  if (m === undefined || m.aggregate === "count") return (_t, from, to) => to - from;
  const spec = layout.tracker(c.event, c.where);
  const col = layout.measureIndex(spec, m.property);
  const kind = m.aggregate;
  return (t, from, to) => {
    const values = t.values[col];
    let n = 0;
    let sum = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let i = from; i < to; i++) {
      const v = values[i];
      if (Number.isNaN(v)) continue;
      n++;
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (kind === "sum") return sum;
    if (n === 0) return undefined;
    return kind === "min" ? min : kind === "max" ? max : sum / n;
  };
}

/** How many times (or sum/min/max/avg) the contact performed an event, filtered and windowed. */
export function compileEvent(c: EventCondition, layout: StateLayout): CompiledNode {
  const index = layout.tracker(c.event, c.where).index;
  const pred = compileValuePredicate(c);
  const agg = compileAggregate(c.measure, layout, c);
  const win = compileWindow(c.window);
  const holds = (t: EventTracker, now: number) => {
    const { from, to } = win.range(t.times, now);
    return pred(agg(t, from, to), Number.NaN, now);
  };
  const test: CompiledNode["test"] = (s, now) => holds(s.trackers[index], now);
  const ms = win.relativeMs;
  if (ms === undefined) return timeless(test);
  return {
    test,
    evaluate: (s, now) => {
      const t = s.trackers[index];
      const result = holds(t, now);
      return { result, next: nextWindowFlip(t.times, ms, now, result, (at) => holds(t, at)) };
    },
  };
}
