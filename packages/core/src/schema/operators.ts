import { z } from "zod";
import { Duration, IsoDate, isOrderedDateRange, LIMITS, NumberValue, StringValue } from "./primitives.ts";

/**
 * Operators grouped by the shape of their `value`. A condition schema is built from the families
 * its value type allows, so a wrong operator/value pair fails at the exact path (`/value`).
 */
export const OPERATOR_FAMILIES = {
  presence: ["exists", "not_exists"],
  boolean: ["is_true", "is_false"],
  equality: ["eq", "neq"],
  membership: ["in", "not_in"],
  text: ["contains", "not_contains", "starts_with", "ends_with"],
  order: ["gt", "gte", "lt", "lte"],
  between: ["between"],
  absoluteDate: ["before", "after"],
  relativeDate: ["within_last", "more_than_ago", "within_next"],
  arrayOne: ["includes", "not_includes"],
  arrayMany: ["includes_any", "includes_all"],
} as const;

type Families = typeof OPERATOR_FAMILIES;
export type OperatorFamily = keyof Families;
export type Operator = Families[OperatorFamily][number];

/** Every operator of the language, in documentation order. */
export const OPERATORS = Object.values(OPERATOR_FAMILIES).flat() as Operator[];

/** Negative operators are exactly `not` of their positive twin (RULES.md, Missing values). */
export const NEGATIONS = {
  not_exists: "exists",
  neq: "eq",
  not_in: "in",
  not_contains: "contains",
  not_includes: "includes",
} as const satisfies Partial<Record<Operator, Operator>>;

const Scalar = z.union([StringValue, NumberValue]);
const ScalarList = z.array(Scalar).min(1).max(LIMITS.maxArrayValueItems);
const NumberList = z.array(NumberValue).min(1).max(LIMITS.maxArrayValueItems);
const StringList = z.array(StringValue).min(1).max(LIMITS.maxArrayValueItems);

const NumberRange = z
  .tuple([NumberValue, NumberValue])
  .refine(([lo, hi]) => lo <= hi, "the lower bound must not be greater than the upper bound");
const DateRange = z
  .tuple([IsoDate, IsoDate])
  .refine(isOrderedDateRange, "the start must not be after the end");

/** Operator/value pairs for a field of any type (contact properties and event-property filters). */
export const anyValueOperators = {
  presence: {},
  boolean: {},
  equality: { value: Scalar },
  membership: { value: ScalarList },
  text: { value: StringValue },
  order: { value: NumberValue },
  between: { value: z.union([NumberRange, DateRange]) },
  absoluteDate: { value: IsoDate },
  relativeDate: { value: Duration },
  arrayOne: { value: StringValue },
  arrayMany: { value: StringList },
} as const;

/** Operator/value pairs for a number (scores, event aggregates). */
export const numberOperators = {
  presence: {},
  equality: { value: NumberValue },
  membership: { value: NumberList },
  order: { value: NumberValue },
  between: { value: NumberRange },
} as const;

/** Operator/value pairs for a point in time (event first/last time). */
export const dateOperators = {
  presence: {},
  between: { value: DateRange },
  absoluteDate: { value: IsoDate },
  relativeDate: { value: Duration },
} as const;

type ValueShapes = Partial<Record<OperatorFamily, Record<string, z.ZodType>>>;

/**
 * One strict object schema per operator family: `base` fields + `operator` + that family's value.
 * Used as the options of a discriminated union on `operator`.
 */
export function operatorOptions<B extends z.ZodRawShape, S extends ValueShapes>(base: B, shapes: S) {
  return (Object.keys(shapes) as (keyof S & OperatorFamily)[]).map((family) =>
    z.strictObject({
      ...base,
      operator: z.enum(OPERATOR_FAMILIES[family]),
      ...(shapes[family] as S[typeof family]),
    }),
  ) as unknown as OptionsOf<B, S>;
}

type OptionsOf<B extends z.ZodRawShape, S extends ValueShapes> = [
  {
    [F in keyof S & OperatorFamily]: z.ZodObject<
      B & { operator: z.ZodEnum<{ [K in Families[F][number]]: K }> } & NonNullable<S[F]>,
      z.core.$strict
    >;
  }[keyof S & OperatorFamily],
  ...{
    [F in keyof S & OperatorFamily]: z.ZodObject<
      B & { operator: z.ZodEnum<{ [K in Families[F][number]]: K }> } & NonNullable<S[F]>,
      z.core.$strict
    >;
  }[keyof S & OperatorFamily][],
];
