import type {
  EventCondition,
  EventFilter,
  EventTimeCondition,
  PropertyCondition,
  ScoreCondition,
} from "../schema/conditions.ts";

/**
 * Anything that applies one operator to one actual value: the operator, its `value` and, for
 * properties and `where` filters, `ignore_case`. Narrowing on `operator` narrows `value`.
 */
export type OperatorTest =
  | PropertyCondition
  | EventFilter
  | ScoreCondition
  | EventCondition
  | EventTimeCondition;

/** Whether the test asks for case-insensitive string comparison. */
export function ignoresCase(test: OperatorTest): boolean {
  return "ignore_case" in test && test.ignore_case === true;
}
