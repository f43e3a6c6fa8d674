import type { SequenceCondition } from "../schema/conditions.ts";
import type { ContactState } from "../state/contact-state.ts";
import { lowerBoundIn, upperBoundIn } from "../state/sorted.ts";
import type { StateLayout } from "../state/state-layout.ts";
import { spanStart, timesEnd } from "../state/tracker-span.ts";
import { durationMs } from "../values/durations.ts";
import type { CompiledNode } from "./compiled-node.ts";
import { type CountHolds, compileWindow, type HoldsAt, nextCountFlip } from "./event-window.ts";

/**
 * Steps performed in order. For a given first-step event the greedy chain (each next step at its
 * earliest time strictly after the previous) ends earliest, so a chain starting there exists iff
 * the greedy one fits in `within`. Whether it exists does not depend on `now`; the window only
 * selects which first-step events may start one.
 */
export function compileSequence(c: SequenceCondition, layout: StateLayout): CompiledNode {
  const steps = c.steps.map((st) => layout.tracker(st.event, st.where).index);
  const within = c.within === undefined ? Number.POSITIVE_INFINITY : durationMs(c.within);
  const win = compileWindow(c.window);
  const negate = c.operator === "not_performed";
  const first = layout.at.span[steps[0]];
  const D = layout.at.doublesAt;

  const performed = (s: ContactState, now: number): boolean => {
    const d = s.v[D] as number[];
    const lo = spanStart(d, first);
    const hi = timesEnd(d, first);
    for (let i = win.from(d, now, lo, hi), to = win.to(d, now, lo, hi); i < to; i++)
      if (chainEnd(steps, within, s, d[i]) !== undefined) return true;
    return false;
  };
  const test: CompiledNode["test"] = (s, now) => performed(s, now) !== negate;
  const ms = win.relativeMs;
  /** Whether a chain start of starts[lo, end) lies in the window as of `t`. */
  const hasStartIn: HoldsAt = (starts, lo, end, t) =>
    win.to(starts, t, lo, end) > win.from(starts, t, lo, end);
  if (ms === undefined) {
    return {
      test,
      evaluate: (s, now, seg) => ({ result: test(s, now, seg), next: Number.POSITIVE_INFINITY }),
    };
  }
  const someStart: CountHolds = (count) => count > 0;
  return {
    test,
    evaluate: (s, now) => {
      const d = s.v[D] as number[];
      // Chain starts from the window's start at `now` on: an earlier one never counts again (the
      // window only moves on), so its chain is not followed.
      const end = timesEnd(d, first);
      let n = 0;
      for (let i = lowerBoundIn(d, spanStart(d, first), end, now - ms); i < end; i++)
        if (chainEnd(steps, within, s, d[i]) !== undefined) STARTS[n++] = d[i];
      const result = hasStartIn(STARTS, 0, n, now);
      return { result: result !== negate, next: nextCountFlip(STARTS, ms, now, result, someStart, 0, n) };
    },
  };
}

/** The chain starts of the evaluation in progress (single-threaded: reused, read up to its count). */
const STARTS: number[] = [];

/**
 * The greedy chain of step times starting at first-step time `e1` (each next step at its earliest
 * time strictly after the previous one), or undefined when none fits in `within`.
 */
export function chainFrom(
  steps: readonly number[],
  within: number,
  s: ContactState,
  e1: number,
): number[] | undefined {
  const chain = [e1];
  return chainEnd(steps, within, s, e1, chain) === undefined ? undefined : chain;
}

/** The last time of the greedy chain from `e1` (see chainFrom), each step's time pushed to `chain`. */
function chainEnd(
  steps: readonly number[],
  within: number,
  s: ContactState,
  e1: number,
  chain?: number[],
): number | undefined {
  const d = s.d;
  const spans = s.layout.at.span;
  let prev = e1;
  for (let k = 1; k < steps.length; k++) {
    const span = spans[steps[k]];
    const hi = timesEnd(d, span);
    const i = upperBoundIn(d, spanStart(d, span), hi, prev);
    if (i === hi) return undefined;
    prev = d[i];
    if (prev - e1 > within) return undefined;
    chain?.push(prev);
  }
  return prev;
}
