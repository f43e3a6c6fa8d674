import type { EventCondition, Measure } from "../schema/conditions.ts";
import type { EventTracker } from "../state/event-tracker.ts";
import type { StateLayout } from "../state/state-layout.ts";
import { spanStart, timesEnd } from "../state/tracker-span.ts";
import { type CompiledNode, timeless } from "./compiled-node.ts";
import {
  type CountHolds,
  compileWindow,
  type HoldsAt,
  nextCountFlip,
  nextWindowFlip,
} from "./event-window.ts";
import { compileValuePredicate } from "./value-predicate.ts";

/** An aggregate of the events in [from, to) of a tracker; undefined when missing. */
export type Aggregate = (t: EventTracker, from: number, to: number) => number | undefined;

/**
 * An aggregate of the events [from, to) of a column laid out in `values` at index + `shift`
 * (a state's doubles: see StateLayout).
 */
type PackedAggregate = (
  values: readonly number[],
  from: number,
  to: number,
  shift: number,
) => number | undefined;

/** Count, or sum/min/max/avg of a measured property (non-numbers are NaN in the tracker: skipped). */
export function compileAggregate(m: Measure | undefined, layout: StateLayout, c: EventCondition): Aggregate {
  const agg = packedAggregate(m);
  const col = m === undefined || m.aggregate === "count" ? -1 : measureColumn(m, layout, c);
  return (t, from, to) => agg(col < 0 ? t.times : t.values[col], from, to, 0);
}

function measureColumn(m: Measure, layout: StateLayout, c: EventCondition): number {
  return layout.measureIndex(layout.tracker(c.event, c.where), (m as { property: string }).property);
}

function packedAggregate(m: Measure | undefined): PackedAggregate {
  if (m === undefined || m.aggregate === "count") return (_v, from, to) => to - from;
  const kind = m.aggregate;
  return (values, from, to, shift) => {
    let n = 0;
    let sum = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let i = from + shift; i < to + shift; i++) {
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
  const span = layout.at.span[layout.tracker(c.event, c.where).index];
  const D = layout.at.doublesAt;
  const pred = compileValuePredicate(c);
  const agg = packedAggregate(c.measure);
  const m = c.measure;
  // Column c of a tracker with n events starts (c + 1) * n after its times.
  const col = m === undefined || m.aggregate === "count" ? 0 : measureColumn(m, layout, c) + 1;
  const win = compileWindow(c.window);
  const holds = (d: readonly number[], lo: number, n: number, now: number) =>
    pred(agg(d, win.from(d, now, lo, lo + n), win.to(d, now, lo, lo + n), col * n), Number.NaN, now);
  const holdsAt: HoldsAt = (d, lo, end, t) => holds(d, lo, end - lo, t);
  const test: CompiledNode["test"] = (s, now) => {
    const d = s.v[D] as number[];
    const lo = spanStart(d, span);
    return holds(d, lo, timesEnd(d, span) - lo, now);
  };
  const ms = win.relativeMs;
  if (ms === undefined) return timeless(test);
  // A count's next change needs no search per instant (nextCountFlip).
  const countHolds: CountHolds | undefined = col === 0 ? (count, t) => pred(count, Number.NaN, t) : undefined;
  return {
    test,
    evaluate: (s, now) => {
      const d = s.v[D] as number[];
      const lo = spanStart(d, span);
      const n = timesEnd(d, span) - lo;
      const result = holds(d, lo, n, now);
      const next =
        countHolds === undefined
          ? nextWindowFlip(d, ms, now, result, holdsAt, lo, lo + n)
          : nextCountFlip(d, ms, now, result, countHolds, lo, lo + n);
      return { result, next };
    },
  };
}
