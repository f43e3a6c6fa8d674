import { assertNever } from "../assert-never.ts";
import type { Condition, EventFilter, SequenceStep } from "../schema/conditions.ts";
import { OPERATOR_FAMILIES } from "../schema/operators.ts";
import type { Window } from "../schema/primitives.ts";
import type { Node } from "../schema/rule.ts";
import { forEachCondition } from "../schema/walk.ts";
import { topLevelKeys } from "../values/property-path.ts";

/** Everything a rule reads: what data can change its result, and whether time alone can. */
export interface RuleReferences {
  events: Set<string>;
  /** Property names as written in the rule (`referrals.count`). */
  properties: Set<string>;
  /** The top-level trait keys those names can read (`referrals.count` and `referrals`). */
  propertyKeys: Set<string>;
  scores: Set<string>;
  lists: Set<string>;
  segments: Set<string>;
  usesBucket: boolean;
  /** Relative-date operators or `within_last` windows (sequence windows too): time alone flips it. */
  timeDependent: boolean;
}

const RELATIVE: ReadonlySet<string> = new Set(OPERATOR_FAMILIES.relativeDate);

/**
 * Collects the names a rule reads. Other segments are named, not followed: see DependencyIndex
 * for transitive dependencies.
 * @example ruleReferences({ type: "score", score: "nps", operator: "gte", value: 9 }).scores // Set {"nps"}
 */
export function ruleReferences(rule: Node): RuleReferences {
  const refs: RuleReferences = {
    events: new Set(),
    properties: new Set(),
    propertyKeys: new Set(),
    scores: new Set(),
    lists: new Set(),
    segments: new Set(),
    usesBucket: false,
    timeDependent: false,
  };
  forEachCondition(rule, (c) => addCondition(refs, c));
  return refs;
}

function addCondition(refs: RuleReferences, c: Condition): void {
  switch (c.type) {
    case "property":
      refs.properties.add(c.property);
      for (const key of topLevelKeys(c.property)) refs.propertyKeys.add(key);
      refs.timeDependent ||= RELATIVE.has(c.operator);
      return;
    case "score":
      refs.scores.add(c.score);
      return;
    case "event":
      refs.events.add(c.event);
      refs.timeDependent ||= readsClock(c.window) || filtersReadClock(c.where);
      return;
    case "event_time":
      refs.events.add(c.event);
      refs.timeDependent ||= RELATIVE.has(c.operator) || filtersReadClock(c.where);
      return;
    case "sequence":
      for (const step of c.steps) refs.events.add(step.event);
      refs.timeDependent ||= readsClock(c.window) || c.steps.some(stepReadsClock);
      return;
    case "segment":
      refs.segments.add(c.segment);
      return;
    case "list":
      refs.lists.add(c.list);
      return;
    case "bucket":
      refs.usesBucket = true;
      return;
    default:
      assertNever(c);
  }
}

function readsClock(window: Window | undefined): boolean {
  return window !== undefined && "within_last" in window;
}

// Validation rejects relative dates in filters; an unvalidated rule that has them still reads the clock.
function filtersReadClock(where: readonly EventFilter[] | undefined): boolean {
  return where?.some((f) => RELATIVE.has(f.operator)) ?? false;
}

function stepReadsClock(step: SequenceStep): boolean {
  return filtersReadClock(step.where);
}
