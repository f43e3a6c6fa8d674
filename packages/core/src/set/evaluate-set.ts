import { assertNever } from "../assert-never.ts";
import type { Condition } from "../schema/conditions.ts";
import type { Node } from "../schema/rule.ts";
import { Bitset } from "./bitset.ts";
import type { ColumnarDataset } from "./columnar-dataset.ts";
import { bucketSet, listSet, propertySet, scoreSet } from "./set-contact-conditions.ts";
import { eventSet } from "./set-event.ts";
import { eventTimeSet } from "./set-event-time.ts";
import { focused, fullScope, type SetScope } from "./set-scope.ts";
import { sequenceSet } from "./set-sequence.ts";

/** Members of another segment (its stored membership), by contact index. */
export type SegmentMembers = (segmentId: string) => Bitset;

/** For callers without stored memberships: a rule that reads a segment is a usage error. */
export const NO_SEGMENTS: SegmentMembers = (id) => {
  throw new Error(`segment ${id} is referenced but no segment membership was given`);
};

/**
 * Every live contact of the dataset that matches the rule at `now`, as a bitset over contact
 * indices. Conditions are evaluated column-wise over all contacts, then combined with bitwise
 * AND/OR/NOT; a segment condition reads `segmentMembers` (stored membership, not re-evaluated).
 * @example evaluateSet(rule, dataset, now).count() // the segment's size now
 */
export function evaluateSet(
  rule: Node,
  dataset: ColumnarDataset,
  now: number,
  segmentMembers: SegmentMembers = NO_SEGMENTS,
): Bitset {
  return evaluateInScope(rule, fullScope(dataset, now), segmentMembers);
}

/**
 * The number of members.
 * @example countSet(rule, dataset, now) // 1234
 */
export function countSet(
  rule: Node,
  dataset: ColumnarDataset,
  now: number,
  segmentMembers: SegmentMembers = NO_SEGMENTS,
): number {
  return evaluateSet(rule, dataset, now, segmentMembers).count();
}

/**
 * Up to `k` member ids, the first in contact index (arrival) order: deterministic for a dataset.
 * @example sampleMembers(evaluateSet(rule, ds, now), ds, 10) // ["user_3", "user_17", ...]
 */
export function sampleMembers(members: Bitset, dataset: ColumnarDataset, k: number): string[] {
  const ids: string[] = [];
  if (k <= 0) return ids;
  members.visit((i) => {
    ids.push(dataset.idAt(i));
    return ids.length < k;
  });
  return ids;
}

/** The rule over the scope's contacts only (the whole dataset, or a sample of blocks). */
export function evaluateInScope(rule: Node, scope: SetScope, segmentMembers: SegmentMembers): Bitset {
  if (rule.type !== "group") return conditionSet(rule, scope, segmentMembers);
  const and = rule.combinator === "and";
  const everyone = and ? 0 : scope.members.count();
  let result: Bitset | undefined;
  for (const child of rule.children) {
    // An AND's later children only matter for contacts still in: a sparse result narrows them.
    const within = and && result !== undefined ? focused(scope, result) : scope;
    const r = evaluateInScope(child, within, segmentMembers);
    if (result === undefined) result = r;
    else if (and) result.and(r);
    else result.or(r);
    // The rest cannot change an empty AND or a full OR.
    if (and ? result.isEmpty() : result.count() === everyone) break;
  }
  // No children (validation forbids it): AND holds, OR fails, as in the reference.
  const holds = result ?? (and ? scope.members.copy() : new Bitset(scope.dataset.size));
  return rule.negate === true ? scope.members.copy().andNot(holds) : holds;
}

function conditionSet(c: Condition, scope: SetScope, segmentMembers: SegmentMembers): Bitset {
  switch (c.type) {
    case "property":
      return propertySet(c, scope);
    case "score":
      return scoreSet(c, scope);
    case "event":
      return eventSet(c, scope);
    case "event_time":
      return eventTimeSet(c, scope);
    case "sequence":
      return sequenceSet(c, scope);
    case "list":
      return listSet(c, scope);
    case "bucket":
      return bucketSet(c, scope);
    case "segment": {
      const members = segmentMembers(c.segment);
      const size = scope.dataset.size;
      return c.operator === "in"
        ? members.copy(size).and(scope.members)
        : scope.members.copy(size).andNot(members);
    }
    default:
      return assertNever(c);
  }
}
