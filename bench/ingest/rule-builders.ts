import type {
  EventCondition,
  EventFilter,
  EventTimeCondition,
  PropertyCondition,
  ScoreCondition,
  SegmentCondition,
  SequenceCondition,
} from "../../packages/core/src/schema/conditions.ts";
import type { Duration, TimeUnit } from "../../packages/core/src/schema/primitives.ts";
import type { Group, Node } from "../../packages/core/src/schema/rule.ts";

/** Short builders for the benchmark's rule trees (plain RULES.md JSON). */

export const and = (...children: Node[]): Group => ({ type: "group", combinator: "and", children });
export const or = (...children: Node[]): Group => ({ type: "group", combinator: "or", children });

export const span = (amount: number, unit: TimeUnit = "day"): Duration => ({ amount, unit });

/** Omit over each member of a union (plain Omit would merge the operator variants). */
type Without<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export const prop = (c: Without<PropertyCondition, "type">): PropertyCondition =>
  ({ type: "property", ...c }) as PropertyCondition;

export const score = (c: Without<ScoreCondition, "type">): ScoreCondition =>
  ({ type: "score", ...c }) as ScoreCondition;

type Compare =
  | { operator: "gte" | "lt" | "eq"; value: number }
  | { operator: "between"; value: [number, number] };

/** An event count (or a sum of `sumOf`) over the last `days` (or `window`), with optional filters. */
export function events(
  event: string,
  compare: Compare,
  window: Duration,
  options: { where?: EventFilter[]; sumOf?: string } = {},
): EventCondition {
  const measure =
    options.sumOf === undefined ? {} : { measure: { aggregate: "sum" as const, property: options.sumOf } };
  const where = options.where === undefined ? {} : { where: options.where };
  return { type: "event", event, window: { within_last: window }, ...where, ...measure, ...compare };
}

export const eventTime = (
  event: string,
  which: "first" | "last",
  operator: "within_last" | "more_than_ago",
  value: Duration,
): EventTimeCondition => ({ type: "event_time", event, which, operator, value });

/** Steps in order, the last within `within` of the first, the first inside `window` when given. */
export function sequence(
  steps: (string | { event: string; where: EventFilter[] })[],
  within: Duration,
  options: { window?: Duration; negate?: boolean } = {},
): SequenceCondition {
  return {
    type: "sequence",
    steps: steps.map((s) => (typeof s === "string" ? { event: s } : s)),
    within,
    ...(options.window && { window: { within_last: options.window } }),
    operator: options.negate ? "not_performed" : "performed",
  };
}

export const segment = (id: string, operator: "in" | "not_in" = "in"): SegmentCondition => ({
  type: "segment",
  segment: id,
  operator,
});

export const whereEq = (property: string, value: string): EventFilter => ({
  property,
  operator: "eq",
  value,
});
export const whereIn = (property: string, value: string[]): EventFilter => ({
  property,
  operator: "in",
  value,
});
