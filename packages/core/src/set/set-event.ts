import { compileValuePredicate } from "../evaluator/value-predicate.ts";
import type { EventCondition } from "../schema/conditions.ts";
import { Bitset } from "./bitset.ts";
import type { SetScope } from "./set-scope.ts";
import { forEachRange, scopeWhere } from "./set-scope.ts";
import { Kind } from "./value-column.ts";
import { eventPropertyColumn, whereMask } from "./where-mask.ts";
import { windowBounds } from "./window-bounds.ts";

/**
 * An event aggregate over everyone: one pass over the event's rows (of the scope's blocks),
 * scattering into per-contact typed accumulators, then the operator once per contact that has
 * matching events; every other contact shares one answer (count 0, sum 0, min/max/avg missing).
 * Sums are added in arrival order, as the reference adds them.
 */
export function eventSet(c: EventCondition, scope: SetScope): Bitset {
  const { dataset, now } = scope;
  const pred = compileValuePredicate(c);
  const measure = c.measure ?? { aggregate: "count" as const };
  const idle = measure.aggregate === "count" || measure.aggregate === "sum" ? 0 : undefined;
  const idleHolds = pred(idle, Number.NaN, now);
  const table = dataset.events.get(c.event);
  if (table === undefined) return idleHolds ? scope.members.copy() : new Bitset(dataset.size);

  const n = dataset.size;
  // count: matching events; with a measure, `seen` counts those with a numeric value.
  const acc = measure.aggregate === "count" ? undefined : new Float64Array(n);
  const count = new Int32Array(n);
  const seen = count;
  const { lo, hi } = windowBounds(c.window, now);
  const agg = measure.aggregate;
  for (const b of scope.blocks) {
    const block = table.blocks[b];
    if (block === undefined) continue;
    const pass = whereMask(block, c.where, dataset.dict, now);
    const { contact, ts } = block;
    const rows = block.rows;
    if (acc === undefined) {
      for (let r = 0; r < rows; r++) {
        const t = ts[r];
        if (t >= lo && t <= hi && (pass === undefined || pass[r] === 1)) count[contact[r]]++;
      }
      continue;
    }
    const column = eventPropertyColumn(block, (measure as { property: string }).property, dataset.dict);
    const kind = column?.kind;
    const num = column?.num;
    if (kind === undefined || num === undefined) continue;
    const end = Math.min(rows, kind.length);
    for (let r = 0; r < end; r++) {
      const t = ts[r];
      if (kind[r] !== Kind.NUMBER || !(t >= lo && t <= hi) || (pass !== undefined && pass[r] === 0)) continue;
      const i = contact[r];
      const v = num[r];
      if (agg === "min") acc[i] = seen[i] === 0 || v < acc[i] ? v : acc[i];
      else if (agg === "max") acc[i] = seen[i] === 0 || v > acc[i] ? v : acc[i];
      else acc[i] += v;
      seen[i]++;
    }
  }
  const holds = new Uint8Array(n);
  if (idleHolds) holds.fill(1);
  forEachRange(dataset, scope.blocks, (from, to) => {
    for (let i = from; i < to; i++) {
      if (seen[i] === 0) continue;
      const value = acc === undefined ? count[i] : agg === "avg" ? acc[i] / seen[i] : acc[i];
      holds[i] = pred(value, Number.NaN, now) ? 1 : 0;
    }
  });
  return scopeWhere(scope, holds);
}
