import {
  dateOperators,
  numberOperators,
  OPERATOR_FAMILIES,
  type Operator,
  type OperatorFamily,
} from "@growthos/segments-core";
import type { ValueType } from "../api/types.ts";

/** Which operator families fit a contact property of each inferred type, most useful first. */
const PROPERTY_FAMILIES: Record<ValueType, OperatorFamily[]> = {
  string: ["equality", "membership", "text", "presence"],
  number: ["order", "equality", "between", "membership", "presence"],
  boolean: ["boolean", "presence"],
  date: ["relativeDate", "absoluteDate", "between", "presence"],
  array: ["arrayOne", "arrayMany", "presence"],
  object: ["presence"],
};

const families = (list: readonly OperatorFamily[]): Operator[] => list.flatMap((f) => OPERATOR_FAMILIES[f]);

/** The operators a property of this type offers; every operator when the type is unknown. */
export function propertyOperators(type: ValueType | undefined): Operator[] {
  return type === undefined
    ? (Object.values(OPERATOR_FAMILIES).flat() as Operator[])
    : families(PROPERTY_FAMILIES[type]);
}

/** Scores and event aggregates are numbers; event times are dates (the core's families). */
const NUMBER_ORDER: OperatorFamily[] = ["order", "equality", "between", "membership", "presence"];
export const NUMBER_OPERATORS = families(NUMBER_ORDER.filter((f) => f in numberOperators));
const DATE_ORDER: OperatorFamily[] = ["relativeDate", "absoluteDate", "between", "presence"];
export const DATE_OPERATORS = families(DATE_ORDER.filter((f) => f in dateOperators));

export function familyOf(operator: unknown): OperatorFamily | undefined {
  for (const [family, ops] of Object.entries(OPERATOR_FAMILIES)) {
    if ((ops as readonly unknown[]).includes(operator)) return family as OperatorFamily;
  }
  return undefined;
}

export const OPERATOR_LABELS: Record<Operator, string> = {
  exists: "has any value",
  not_exists: "has no value",
  is_true: "is true",
  is_false: "is false",
  eq: "is",
  neq: "is not",
  in: "is one of",
  not_in: "is none of",
  contains: "contains",
  not_contains: "does not contain",
  starts_with: "starts with",
  ends_with: "ends with",
  gt: ">",
  gte: "≥",
  lt: "<",
  lte: "≤",
  between: "between",
  before: "before",
  after: "on or after",
  within_last: "in the last",
  more_than_ago: "more than … ago",
  within_next: "in the next",
  includes: "includes",
  not_includes: "does not include",
  includes_any: "includes any of",
  includes_all: "includes all of",
};

/** A sensible value when the operator changes to one of this family (undefined: none, or ask). */
export function defaultValue(family: OperatorFamily | undefined): unknown {
  switch (family) {
    case "relativeDate":
      return { amount: 7, unit: "day" };
    default:
      return undefined;
  }
}
