import type {
  BucketCondition,
  ListCondition,
  PropertyCondition,
  ScoreCondition,
} from "../schema/conditions.ts";
import { inBucket } from "../values/bucket.ts";
import { Bitset } from "./bitset.ts";
import { type ColumnTest, columnTest, testColumn } from "./column-truth.ts";
import { withScratch } from "./scratch-pool.ts";
import { forEachRange, type SetScope, scopeWhere } from "./set-scope.ts";
import type { ValueColumn } from "./value-column.ts";

/** A property or score condition: the operator over the column, per range of the scope. */
function columnSet(
  column: ValueColumn | undefined,
  c: PropertyCondition | ScoreCondition,
  scope: SetScope,
): Bitset {
  const { dataset, now } = scope;
  const test = columnTest(c, dataset.dict, now);
  const posted = column === undefined ? undefined : fromPostings(column, test, scope);
  if (posted !== undefined) return posted;
  return withScratch(dataset.scratch, (take) => {
    const holds = take(Uint8Array, dataset.size);
    forEachRange(dataset, scope.blocks, (from, to) => testColumn(column, test, from, to, holds, 0));
    return scopeWhere(scope, holds);
  });
}

/**
 * The answer from the column's postings, when only strings can pass: a column with few distinct
 * strings and no numbers or boxed values, under a test that fails missing and boolean values.
 * Each distinct string is tested once and the matching ones' slots are ORed. Undefined: scan.
 */
function fromPostings(column: ValueColumn, test: ColumnTest, scope: SetScope): Bitset | undefined {
  if (test.missing !== 0 || test.isTrue !== 0 || test.isFalse !== 0) return undefined;
  const postings = column.stringPostings();
  if (postings === undefined || postings.numbersOrBoxed !== 0) return undefined;
  const { dict, pred, now } = test;
  const out = new Bitset(scope.dataset.size);
  const w = out.words;
  for (const [code, words] of postings.byCode) {
    if (!pred(dict.values[code], dict.dates[code], now)) continue;
    const n = Math.min(words.length, w.length);
    for (let k = 0; k < n; k++) w[k] |= words[k];
  }
  return out.and(scope.members);
}

/** Contacts whose property (literal key, else dot path) passes the operator. */
export function propertySet(c: PropertyCondition, scope: SetScope): Bitset {
  return columnSet(scope.dataset.traits.column(c.property), c, scope);
}

/** Contacts whose latest score passes the operator (a missing score fails positive operators). */
export function scoreSet(c: ScoreCondition, scope: SetScope): Bitset {
  return columnSet(scope.dataset.scores.get(c.score)?.column, c, scope);
}

/** Members (or non-members) of a static list. */
export function listSet(c: ListCondition, scope: SetScope): Bitset {
  const members = scope.dataset.lists.get(c.list) ?? new Uint8Array(0);
  return scopeWhere(scope, members, c.operator === "in" ? 1 : 0);
}

/** The stable pseudo-random share: buckets are computed once per contact and salt. */
export function bucketSet(c: BucketCondition, scope: SetScope): Bitset {
  const buckets = scope.dataset.bucketsFor(c.salt);
  const holds = new Uint8Array(scope.dataset.size);
  // inBucket compares with a rounded threshold: find the first bucket outside once.
  let limit = 0;
  while (limit < 10_000 && inBucket(limit, c.percent)) limit++;
  forEachRange(scope.dataset, scope.blocks, (from, to) => {
    for (let i = from; i < to; i++) holds[i] = buckets[i] < limit ? 1 : 0;
  });
  return scopeWhere(scope, holds);
}
