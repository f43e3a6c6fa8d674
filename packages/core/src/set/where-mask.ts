import type { EventFilter } from "../schema/conditions.ts";
import { lookupProperty } from "../values/property-path.ts";
import { type ColumnTest, columnTest, testColumn } from "./column-truth.ts";
import type { EventBlock } from "./event-block.ts";
import type { StringDictionary } from "./string-dictionary.ts";
import { Kind, ValueColumn } from "./value-column.ts";

/** The filters prepared once per evaluation (their string caches serve every block). */
export function whereTests(
  where: readonly EventFilter[] | undefined,
  dict: StringDictionary,
  now: number,
): ColumnTest[] {
  return (where ?? []).map((f) => columnTest(f, dict, now));
}

/**
 * Which rows of a block pass every `where` filter (1) or not (0); undefined when there is no
 * filter (every row passes). Each filter runs over its property's column, not over each event.
 * Relative-date filters (rejected by validation) are evaluated against `now`, as the reference does.
 */
export function whereMask(
  block: EventBlock,
  where: readonly EventFilter[] | undefined,
  tests: readonly ColumnTest[],
  dict: StringDictionary,
): Uint8Array | undefined {
  if (where === undefined || where.length === 0) return undefined;
  const pass = new Uint8Array(block.rows);
  const one = new Uint8Array(block.rows);
  tests.forEach((test, k) => {
    testColumn(
      eventPropertyColumn(block, where[k].property, dict),
      test,
      0,
      block.rows,
      k === 0 ? pass : one,
      0,
    );
    if (k > 0) for (let r = 0; r < block.rows; r++) pass[r] &= one[r];
  });
  return pass;
}

/** An event property by name: the literal key's column, or (dotted name) the values resolved per row. */
export function eventPropertyColumn(
  block: EventBlock,
  name: string,
  dict: StringDictionary,
): ValueColumn | undefined {
  const literal = block.props.get(name);
  const dot = name.indexOf(".");
  if (dot < 0) return literal;
  const headName = name.slice(0, dot);
  const head = block.props.get(headName);
  if (head === undefined) return literal;
  const resolved = new ValueColumn(dict);
  resolved.ensure(block.rows);
  for (let r = 0; r < block.rows; r++) {
    // A literal key present with null hides the dot path (lookupProperty's order).
    const own = literal !== undefined && r < literal.kind.length && literal.kind[r] !== Kind.ABSENT;
    const v = own ? literal.get(r) : lookupProperty({ [headName]: head.get(r) }, name);
    if (v !== undefined && v !== null) resolved.set(r, v);
  }
  return resolved;
}
