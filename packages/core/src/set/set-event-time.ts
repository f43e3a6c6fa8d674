import { compileValuePredicate } from "../evaluator/value-predicate.ts";
import type { EventTimeCondition } from "../schema/conditions.ts";
import { Bitset } from "./bitset.ts";
import { upTo } from "./growable.ts";
import { extremeTimes } from "./scan-kernels.ts";
import { type Take, withScratch } from "./scratch-pool.ts";
import type { SetScope } from "./set-scope.ts";
import { focusWhere, forEachRange, scopeWhere } from "./set-scope.ts";
import { valueRange } from "./value-range.ts";
import { whereMask, whereTests } from "./where-mask.ts";

/**
 * First or last time of an event (name and `where`, no window) for everyone: one pass keeping
 * the least or greatest time per contact, then the date operator per contact that has one;
 * contacts without share the answer for a missing time.
 */
export function eventTimeSet(c: EventTimeCondition, scope: SetScope): Bitset {
  return withScratch(scope.dataset.scratch, (take) => eventTimeSetWith(c, scope, take));
}

function eventTimeSetWith(c: EventTimeCondition, scope: SetScope, take: Take): Bitset {
  const { dataset, now } = scope;
  const pred = compileValuePredicate(c);
  const missingHolds = pred(undefined, Number.NaN, now);
  const table = dataset.events.get(c.event);
  if (table === undefined) return missingHolds ? scope.members.copy() : new Bitset(dataset.size);
  const first = c.which === "first";
  const time = take(Float64Array, dataset.size, first ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY);
  const tests = whereTests(c.where, dataset.dict, now);
  // Without filters, the table's maintained first/last times are the answer: no scan.
  if (tests.length === 0) time.set(upTo(first ? table.first : table.last, time.length));
  else
    for (const b of scope.blocks) {
      const block = table.blocks[b];
      if (block === undefined) continue;
      extremeTimes(
        block.contact,
        block.ts,
        block.rows,
        whereMask(block, c.where, tests, dataset.dict),
        first,
        time,
      );
    }
  const range = valueRange(c, now);
  if (scope.focus !== undefined) {
    return focusWhere(scope, scope.focus, (i) => {
      const t = time[i];
      if (!Number.isFinite(t)) return missingHolds;
      return range === undefined ? pred(t, t, now) : (t >= range.lo && t <= range.hi) !== range.negate;
    });
  }
  const holds = take(Uint8Array, dataset.size, missingHolds ? 1 : 0);
  forEachRange(dataset, scope.blocks, (from, to) => {
    for (let i = from; i < to; i++) {
      const t = time[i];
      if (!Number.isFinite(t)) continue;
      holds[i] =
        range === undefined
          ? pred(t, t, now)
            ? 1
            : 0
          : (t >= range.lo && t <= range.hi) !== range.negate
            ? 1
            : 0;
    }
  });
  return scopeWhere(scope, holds);
}
