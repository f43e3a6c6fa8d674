import { z } from "zod";
import { anyValueOperators, dateOperators, numberOperators, operatorOptions } from "./operators.ts";
import { Duration, LIMITS, Name, Window } from "./primitives.ts";

const ignoreCase = z.boolean().optional();

/** A filter on an event's properties (`where`); all filters of a condition must hold. */
export const EventFilter = z.discriminatedUnion(
  "operator",
  operatorOptions({ property: Name, ignore_case: ignoreCase }, anyValueOperators),
);
export type EventFilter = z.infer<typeof EventFilter>;

const Where = z.array(EventFilter).max(LIMITS.maxWhereFilters).optional();

/** 1. A contact property: a trait, or a module's namespaced field such as `referrals.count`. */
export const PropertyCondition = z.discriminatedUnion(
  "operator",
  operatorOptions(
    { type: z.literal("property"), property: Name, ignore_case: ignoreCase },
    anyValueOperators,
  ),
);
export type PropertyCondition = z.infer<typeof PropertyCondition>;

/** 2. The latest value of a named score. */
export const ScoreCondition = z.discriminatedUnion(
  "operator",
  operatorOptions({ type: z.literal("score"), score: Name }, numberOperators),
);
export type ScoreCondition = z.infer<typeof ScoreCondition>;

export const Measure = z.union([
  z.strictObject({ aggregate: z.literal("count") }),
  z.strictObject({ aggregate: z.enum(["sum", "min", "max", "avg"]), property: Name }),
]);
export type Measure = z.infer<typeof Measure>;

/** 3. An aggregate (count, or sum/min/max/avg of a numeric property) over matching events. */
export const EventCondition = z.discriminatedUnion(
  "operator",
  operatorOptions(
    {
      type: z.literal("event"),
      event: Name,
      where: Where,
      window: Window.optional(),
      measure: Measure.optional(),
    },
    numberOperators,
  ),
);
export type EventCondition = z.infer<typeof EventCondition>;

/** 4. When the contact first or last performed an event. */
export const EventTimeCondition = z.discriminatedUnion(
  "operator",
  operatorOptions(
    { type: z.literal("event_time"), event: Name, which: z.enum(["first", "last"]), where: Where },
    dateOperators,
  ),
);
export type EventTimeCondition = z.infer<typeof EventTimeCondition>;

/** 5. Membership of another segment. */
export const SegmentCondition = z.strictObject({
  type: z.literal("segment"),
  segment: Name,
  operator: z.enum(["in", "not_in"]),
});
export type SegmentCondition = z.infer<typeof SegmentCondition>;

export const SequenceStep = z.strictObject({ event: Name, where: Where });
export type SequenceStep = z.infer<typeof SequenceStep>;

/** 6. Steps performed in order, the last no later than `within` after the first. */
export const SequenceCondition = z.strictObject({
  type: z.literal("sequence"),
  steps: z.array(SequenceStep).min(1).max(LIMITS.maxSequenceSteps),
  within: Duration.optional(),
  window: Window.optional(),
  operator: z.enum(["performed", "not_performed"]),
});
export type SequenceCondition = z.infer<typeof SequenceCondition>;

/** 7. Membership of a static list. */
export const ListCondition = z.strictObject({
  type: z.literal("list"),
  list: Name,
  operator: z.enum(["in", "not_in"]),
});
export type ListCondition = z.infer<typeof ListCondition>;

/** 8. A stable pseudo-random share of contacts. */
export const BucketCondition = z.strictObject({
  type: z.literal("bucket"),
  salt: z.string().max(LIMITS.maxNameLength),
  percent: z.number().min(0).max(100),
});
export type BucketCondition = z.infer<typeof BucketCondition>;

export const Condition = z.discriminatedUnion("type", [
  PropertyCondition,
  ScoreCondition,
  EventCondition,
  EventTimeCondition,
  SegmentCondition,
  SequenceCondition,
  ListCondition,
  BucketCondition,
]);
export type Condition = z.infer<typeof Condition>;
export type ConditionType = Condition["type"];
export const CONDITION_TYPES = [
  "property",
  "score",
  "event",
  "event_time",
  "segment",
  "sequence",
  "list",
  "bucket",
] as const satisfies readonly ConditionType[];
