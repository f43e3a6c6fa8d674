import type { SequenceCondition } from "../schema/conditions.ts";
import type { ContactState } from "../state/contact-state.ts";
import { upperBound } from "../state/sorted.ts";
import type { StateLayout } from "../state/state-layout.ts";
import { durationMs } from "../values/durations.ts";
import type { CompiledNode } from "./compiled-node.ts";
import { compileWindow, nextWindowFlip } from "./event-window.ts";

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

  const startsChain = (s: ContactState, e1: number): boolean => chainFrom(steps, within, s, e1) !== undefined;
  const performed = (s: ContactState, now: number): boolean => {
    const firsts = s.trackers[steps[0]].times;
    const { from, to } = win.range(firsts, now);
    for (let i = from; i < to; i++) if (startsChain(s, firsts[i])) return true;
    return false;
  };
  const test: CompiledNode["test"] = (s, now) => performed(s, now) !== negate;
  const ms = win.relativeMs;
  if (ms === undefined) {
    return {
      test,
      evaluate: (s, now, seg) => ({ result: test(s, now, seg), next: Number.POSITIVE_INFINITY }),
    };
  }
  return {
    test,
    evaluate: (s, now) => {
      const starts = s.trackers[steps[0]].times.filter((e1) => startsChain(s, e1));
      const inWindow = (at: number) => {
        const { from, to } = win.range(starts, at);
        return to > from;
      };
      const result = inWindow(now);
      return { result: result !== negate, next: nextWindowFlip(starts, ms, now, result, inWindow) };
    },
  };
}

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
  let prev = e1;
  for (let k = 1; k < steps.length; k++) {
    const times = s.trackers[steps[k]].times;
    const i = upperBound(times, prev);
    if (i === times.length) return undefined;
    prev = times[i];
    if (prev - e1 > within) return undefined;
    chain.push(prev);
  }
  return chain;
}
