import type { RawEvent } from "../model.ts";
import type { SequenceCondition, SequenceStep } from "../schema/conditions.ts";
import { durationMs } from "../values/durations.ts";
import { inWindow } from "./event-window.ts";
import { passesWhere } from "./matching-events.ts";

/**
 * Whether some events e1 < e2 < ... < ek (strictly increasing times), one matching each step in
 * order (name and `where`), have `ek - e1 <= within` (no limit when absent) with e1 inside
 * `window`. A plain backtracking search over every event; inputs in tests are small.
 * @example sequencePerformed(events, { type: "sequence", steps: [{ event: "a" }, { event: "b" }], operator: "performed" }, now)
 */
export function sequencePerformed(
  events: readonly RawEvent[],
  condition: SequenceCondition,
  now: number,
): boolean {
  // A chain needs an event for every step; without one, skip the (exponential) search.
  if (!condition.steps.every((step) => events.some((e) => matchesStep(e, step, now)))) return false;
  const [first, ...rest] = condition.steps;
  const limit = condition.within === undefined ? Number.POSITIVE_INFINITY : durationMs(condition.within);
  return events.some(
    (e1) =>
      matchesStep(e1, first, now) &&
      inWindow(condition.window, e1.timestamp, now) &&
      chainFrom(events, rest, e1.timestamp, e1.timestamp + limit, now),
  );
}

/**
 * Whether the remaining steps can be matched by events strictly after `previous`, none later
 * than `deadline`. Checking the deadline on every step is the same as checking it on the last
 * one, because times strictly increase along the chain; it only cuts hopeless branches short.
 */
function chainFrom(
  events: readonly RawEvent[],
  steps: readonly SequenceStep[],
  previous: number,
  deadline: number,
  now: number,
): boolean {
  if (steps.length === 0) return true;
  const [step, ...rest] = steps;
  return events.some(
    (e) =>
      e.timestamp > previous &&
      e.timestamp <= deadline &&
      matchesStep(e, step, now) &&
      chainFrom(events, rest, e.timestamp, deadline, now),
  );
}

function matchesStep(e: RawEvent, step: SequenceStep, now: number): boolean {
  return e.event === step.event && passesWhere(e, step.where, now);
}
