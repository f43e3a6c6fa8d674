import { z } from "zod";
import { isIsoDate, parseIsoDate } from "../values/dates.ts";

/** Limits that keep a rule cheap to store, validate and evaluate. */
export const LIMITS = {
  maxDepth: 10,
  maxChildren: 100,
  maxConditions: 500,
  maxNameLength: 256,
  maxStringValueLength: 1_000,
  maxArrayValueItems: 1_000,
  maxWhereFilters: 20,
  maxSequenceSteps: 10,
  maxDurationAmount: 100_000,
} as const;

export const TIME_UNITS = ["minute", "hour", "day", "week"] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

/** A name of a property, event, score, segment or list. */
export const Name = z.string().min(1).max(LIMITS.maxNameLength);

export const StringValue = z.string().max(LIMITS.maxStringValueLength);

/** A finite number (JSON has no NaN/Infinity, but programmatic callers might pass them). */
export const NumberValue = z.number().refine(Number.isFinite, "must be a finite number");

/** ISO 8601 date or date-time; without an offset it means UTC. */
export const IsoDate = z
  .string()
  .refine(isIsoDate, "must be an ISO 8601 date such as 2026-01-31 or 2026-01-31T12:00:00Z");

/**
 * `[start, end]` with start no later than end, compared as instants. Not Date.parse: it reads a
 * date-time without offset in the server's time zone, where the rule language means UTC.
 * A side that is not a date is IsoDate's problem, not an ordering one (zod runs both checks).
 */
export function isOrderedDateRange([a, b]: readonly [string, string]): boolean {
  const start = parseIsoDate(a);
  const end = parseIsoDate(b);
  return start === undefined || end === undefined || start <= end;
}

/** `{ amount, unit }`: a fixed-length span of time (a day is always 86,400 s). */
export const Duration = z.strictObject({
  amount: z.number().int().positive().max(LIMITS.maxDurationAmount),
  unit: z.enum(TIME_UNITS),
});
export type Duration = z.infer<typeof Duration>;

/** Where an event must lie in time to count. `between` is half-open: `A <= t < B`. */
export const Window = z.union([
  z.strictObject({ within_last: Duration }),
  z.strictObject({ after: IsoDate }),
  z.strictObject({ before: IsoDate }),
  z.strictObject({
    between: z.tuple([IsoDate, IsoDate]).refine(isOrderedDateRange, "the start must not be after the end"),
  }),
]);
export type Window = z.infer<typeof Window>;
