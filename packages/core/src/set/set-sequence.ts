import type { SequenceCondition, SequenceStep } from "../schema/conditions.ts";
import { durationMs } from "../values/durations.ts";
import { Bitset } from "./bitset.ts";
import type { EventBlock } from "./event-block.ts";
import type { SetScope } from "./set-scope.ts";
import { forEachRange, scopeWhere } from "./set-scope.ts";
import { whereMask, whereTests } from "./where-mask.ts";
import { windowBounds } from "./window-bounds.ts";

/** Per contact, the ascending times of the events matching one step (CSR: offsets into times). */
interface StepTimes {
  offsets: Int32Array;
  times: Float64Array;
}

/**
 * Sequences need each contact's events in order, so this is the one construct searched per
 * contact, and only for candidates: contacts with an event for every step (the first inside the
 * window). Their times are gathered per step, sorted, and searched greedily: for each first-step
 * time in the window, the earliest later event of each next step (earliest is best for every
 * later step and for the `within` limit).
 */
export function sequenceSet(c: SequenceCondition, scope: SetScope): Bitset {
  const performed = performedSet(c, scope);
  return c.operator === "performed" ? performed : scope.members.copy().andNot(performed);
}

function performedSet(c: SequenceCondition, scope: SetScope): Bitset {
  const n = scope.dataset.size;
  const first = windowBounds(c.window, scope.now);
  // Only the focus can matter, when there is one.
  const candidates = new Uint8Array(n);
  if (scope.focus === undefined) candidates.fill(1);
  else
    scope.focus.visit((i) => {
      candidates[i] = 1;
      return true;
    });
  const steps: StepTimes[] = [];
  for (let k = 0; k < c.steps.length; k++) {
    const gathered = gather(c.steps[k], scope, candidates, k === 0 ? first : undefined);
    if (gathered === undefined) return new Bitset(n);
    steps.push(gathered);
  }
  const limit = c.within === undefined ? Number.POSITIVE_INFINITY : durationMs(c.within);
  const found = new Uint8Array(n);
  const [head, ...rest] = steps;
  forEachRange(scope.dataset, scope.blocks, (from, to) => {
    for (let i = from; i < to; i++) {
      if (candidates[i] === 0) continue;
      for (let p = head.offsets[i]; p < head.offsets[i + 1]; p++) {
        const t1 = head.times[p];
        if (t1 >= first.lo && t1 <= first.hi && chainFrom(rest, i, t1, t1 + limit)) {
          found[i] = 1;
          break;
        }
      }
    }
  });
  return scopeWhere(scope, found);
}

/** Whether each remaining step has an event after the previous one, none past the deadline. */
function chainFrom(steps: readonly StepTimes[], i: number, t1: number, deadline: number): boolean {
  let previous = t1;
  for (const s of steps) {
    const t = firstAfter(s.times, s.offsets[i], s.offsets[i + 1], previous);
    if (t === undefined || t > deadline) return false;
    previous = t;
  }
  return true;
}

function firstAfter(times: Float64Array, from: number, to: number, x: number): number | undefined {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo < to ? times[lo] : undefined;
}

/**
 * The sorted times of a step's matching events for each candidate; narrows `candidates` to the
 * contacts that have one (inside `bounds` when given). Undefined when the event was never seen.
 */
function gather(
  step: SequenceStep,
  scope: SetScope,
  candidates: Uint8Array,
  bounds: { lo: number; hi: number } | undefined,
): StepTimes | undefined {
  const { dataset, now } = scope;
  const table = dataset.events.get(step.event);
  if (table === undefined) return undefined;
  const n = dataset.size;
  const has = new Uint8Array(n);
  const counts = new Int32Array(n + 1);
  const masks: (Uint8Array | undefined)[] = [];
  const tests = whereTests(step.where, dataset.dict, now);
  for (const b of scope.blocks) {
    const block: EventBlock | undefined = table.blocks[b];
    if (block === undefined) continue;
    const pass = whereMask(block, step.where, tests, dataset.dict);
    masks[b] = pass;
    for (let r = 0; r < block.rows; r++) {
      const i = block.contact[r];
      if (candidates[i] === 0 || (pass !== undefined && pass[r] === 0)) continue;
      counts[i + 1]++;
      const t = block.ts[r];
      if (bounds === undefined || (t >= bounds.lo && t <= bounds.hi)) has[i] = 1;
    }
  }
  for (let i = 0; i < n; i++) {
    candidates[i] &= has[i];
    counts[i + 1] += counts[i];
  }
  const offsets = counts;
  const times = new Float64Array(offsets[n]);
  const fill = offsets.slice(0, n);
  for (const b of scope.blocks) {
    const block: EventBlock | undefined = table.blocks[b];
    if (block === undefined) continue;
    const pass = masks[b];
    for (let r = 0; r < block.rows; r++) {
      const i = block.contact[r];
      if (pass !== undefined && pass[r] === 0) continue;
      // Contacts dropped by this step's own check were counted: place their times anyway.
      if (offsets[i + 1] > fill[i]) times[fill[i]++] = block.ts[r];
    }
  }
  for (let i = 0; i < n; i++) {
    if (candidates[i] === 1 && offsets[i + 1] - offsets[i] > 1) sortRange(times, offsets[i], offsets[i + 1]);
  }
  return { offsets, times };
}

/** Sorts times[from, to) in place: insertion sort for the usual handful, the built-in sort beyond. */
function sortRange(times: Float64Array, from: number, to: number): void {
  if (to - from > 32) {
    times.subarray(from, to).sort();
    return;
  }
  for (let k = from + 1; k < to; k++) {
    const t = times[k];
    let j = k - 1;
    while (j >= from && times[j] > t) {
      times[j + 1] = times[j];
      j--;
    }
    times[j + 1] = t;
  }
}
