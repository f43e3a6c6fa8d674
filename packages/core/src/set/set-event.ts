import { compileValuePredicate } from "../evaluator/value-predicate.ts";
import type { EventCondition } from "../schema/conditions.ts";
import { Bitset } from "./bitset.ts";
import { upTo } from "./growable.ts";
import { accumulateRows, countRange, countRows, MAX, MIN, rangeHolds, SUM } from "./scan-kernels.ts";
import { type Take, withScratch } from "./scratch-pool.ts";
import type { SetScope } from "./set-scope.ts";
import { focusWhere, forEachRange, scopeWhere } from "./set-scope.ts";
import { valueRange } from "./value-range.ts";
import { eventPropertyColumn, whereMask, whereTests } from "./where-mask.ts";
import { windowBounds } from "./window-bounds.ts";

const HOW = { sum: SUM, avg: SUM, min: MIN, max: MAX } as const;

/**
 * An event aggregate over everyone: one pass over the event's rows (of the scope's blocks),
 * scattering into per-contact typed accumulators, then the operator once per contact that has
 * matching events; every other contact shares one answer (count 0, sum 0, min/max/avg missing).
 * Sums add the time-sorted rows, then the unsorted tail: the same total as the reference for
 * whole numbers (its order, arrival, can differ in the last bit for fractions).
 */
export function eventSet(c: EventCondition, scope: SetScope): Bitset {
  return withScratch(scope.dataset.scratch, (take) => eventSetWith(c, scope, take));
}

function eventSetWith(c: EventCondition, scope: SetScope, take: Take): Bitset {
  const { dataset, now } = scope;
  const pred = compileValuePredicate(c);
  const measure = c.measure ?? { aggregate: "count" as const };
  const idle = measure.aggregate === "count" || measure.aggregate === "sum" ? 0 : undefined;
  const idleHolds = pred(idle, Number.NaN, now);
  const table = dataset.events.get(c.event);
  if (table === undefined) return idleHolds ? scope.members.copy() : new Bitset(dataset.size);

  const n = dataset.size;
  // Matching events per contact; with a measure, only those with a numeric value.
  const seen = take(Int32Array, n);
  const acc = measure.aggregate === "count" ? undefined : take(Float64Array, n);
  const { lo, hi } = windowBounds(c.window, now);
  const tests = whereTests(c.where, dataset.dict, now);
  // An unfiltered count over all time is maintained on append: no scan.
  const whole = acc === undefined && tests.length === 0 && c.window === undefined;
  if (whole) seen.set(upTo(table.total, seen.length));
  else
    for (const b of scope.blocks) {
      const block = table.blocks[b];
      if (block === undefined) continue;
      const pass = whereMask(block, c.where, tests, dataset.dict);
      // The window is a row range of the time-sorted part; only the tail needs each time checked.
      const [a, z] = block.sortedRange(lo, hi);
      if (acc === undefined || measure.aggregate === "count") {
        countRange(block.contact, a, z, pass, seen);
        countRows(block.contact, block.ts, block.sorted, block.rows, lo, hi, pass, seen);
        continue;
      }
      const column = eventPropertyColumn(block, measure.property, dataset.dict);
      if (column?.num === undefined) continue;
      const end = Math.min(block.rows, column.kind.length);
      const how = HOW[measure.aggregate];
      const { contact, ts } = block;
      accumulateRows(contact, ts, column.kind, column.num, a, Math.min(z, end), lo, hi, pass, how, acc, seen);
      accumulateRows(contact, ts, column.kind, column.num, block.sorted, end, lo, hi, pass, how, acc, seen);
    }
  const values = acc ?? seen;
  if (measure.aggregate === "avg" && acc !== undefined) {
    forEachRange(dataset, scope.blocks, (from, to) => {
      for (let i = from; i < to; i++) if (seen[i] !== 0) acc[i] /= seen[i];
    });
  }
  const range = valueRange(c, now);
  if (scope.focus !== undefined) {
    const [lo2, hi2, negate] = range === undefined ? [0, 0, false] : [range.lo, range.hi, range.negate];
    return focusWhere(scope, scope.focus, (i) => {
      if (seen[i] === 0) return idleHolds;
      const v = values[i];
      return range === undefined ? pred(v, Number.NaN, now) : (v >= lo2 && v <= hi2) !== negate;
    });
  }
  const holds = take(Uint8Array, n, idleHolds ? 1 : 0);
  forEachRange(dataset, scope.blocks, (from, to) => {
    if (range !== undefined) rangeHolds(values, seen, from, to, range.lo, range.hi, range.negate, holds);
    else
      for (let i = from; i < to; i++) if (seen[i] !== 0) holds[i] = pred(values[i], Number.NaN, now) ? 1 : 0;
  });
  return scopeWhere(scope, holds);
}
