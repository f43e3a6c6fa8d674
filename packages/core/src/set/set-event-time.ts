import { compileValuePredicate } from "../evaluator/value-predicate.ts";
import type { EventTimeCondition } from "../schema/conditions.ts";
import { Bitset } from "./bitset.ts";
import type { SetScope } from "./set-scope.ts";
import { forEachRange, scopeWhere } from "./set-scope.ts";
import { whereMask } from "./where-mask.ts";

/**
 * First or last time of an event (name and `where`, no window) for everyone: one pass keeping
 * the least or greatest time per contact, then the date operator per contact that has one;
 * contacts without share the answer for a missing time.
 */
export function eventTimeSet(c: EventTimeCondition, scope: SetScope): Bitset {
  const { dataset, now } = scope;
  const pred = compileValuePredicate(c);
  const missingHolds = pred(undefined, Number.NaN, now);
  const table = dataset.events.get(c.event);
  if (table === undefined) return missingHolds ? scope.members.copy() : new Bitset(dataset.size);
  const first = c.which === "first";
  const n = dataset.size;
  const time = new Float64Array(n).fill(first ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY);
  for (const b of scope.blocks) {
    const block = table.blocks[b];
    if (block === undefined) continue;
    const pass = whereMask(block, c.where, dataset.dict, now);
    const { contact, ts } = block;
    for (let r = 0; r < block.rows; r++) {
      if (pass !== undefined && pass[r] === 0) continue;
      const i = contact[r];
      const t = ts[r];
      if (first ? t < time[i] : t > time[i]) time[i] = t;
    }
  }
  const holds = new Uint8Array(n);
  if (missingHolds) holds.fill(1);
  forEachRange(dataset, scope.blocks, (from, to) => {
    for (let i = from; i < to; i++) {
      const t = time[i];
      if (Number.isFinite(t)) holds[i] = pred(t, t, now) ? 1 : 0;
    }
  });
  return scopeWhere(scope, holds);
}
