import type { Duration } from "../schema/primitives.ts";
import type { Group, Node } from "../schema/rule.ts";

/**
 * An AND group: every child must hold.
 * @example allOf({ type: "score", score: "nps", operator: "gte", value: 9 })
 */
export function allOf(...children: Node[]): Group {
  return { type: "group", combinator: "and", children };
}

/**
 * An OR group: at least one child must hold.
 * @example anyOf(conditionA, conditionB)
 */
export function anyOf(...children: Node[]): Group {
  return { type: "group", combinator: "or", children };
}

/**
 * A whole number of days.
 * @example days(7) // { amount: 7, unit: "day" }
 */
export function days(amount: number): Duration {
  return { amount, unit: "day" };
}

/** A number param counted in whole days, the most common knob of a template. */
export function dayCountParam(name: string, description: string, fallback: number, max = 365) {
  return { name, type: "number", description, default: fallback, min: 1, max, integer: true } as const;
}

/** A whole-number threshold (sessions, opens, referrals). */
export function countParam(name: string, description: string, fallback: number, max = 100_000) {
  return { name, type: "number", description, default: fallback, min: 1, max, integer: true } as const;
}
