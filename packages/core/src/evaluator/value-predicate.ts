import { assertNever } from "../assert-never.ts";
import { NEGATIONS, type Operator } from "../schema/operators.ts";
import type { Duration } from "../schema/primitives.ts";
import { parseIsoDate } from "../values/dates.ts";
import { durationMs } from "../values/durations.ts";

/**
 * A compiled operator test on one actual value. `date` is the value read as a date (epoch ms, NaN
 * when it is not one), precomputed by the caller so that hot paths never parse a string twice.
 */
export type ValuePredicate = (actual: unknown, date: number, now: number) => boolean;

/** The operator/value part of a property, score, aggregate, event-time or where condition. */
export interface Comparison {
  operator: Operator;
  value?: unknown;
  ignore_case?: boolean | undefined;
}

/** Operators whose truth depends on `now` (relative dates). */
export const RELATIVE_DATE_OPERATORS = new Set<Operator>(["within_last", "more_than_ago", "within_next"]);

/** Operators that read the actual value as a date. */
export function readsDate(c: Comparison): boolean {
  if (c.operator === "between") return typeof (c.value as unknown[])[0] === "string";
  return c.operator === "before" || c.operator === "after" || RELATIVE_DATE_OPERATORS.has(c.operator);
}

/**
 * Compiles an operator and its value into a predicate (RULES.md semantics: missing and wrong-typed
 * values fail positive operators; each negative operator is `not` of its positive twin).
 * @example compileValuePredicate({ operator: "gte", value: 8 })(9, NaN, 0) // true
 */
export function compileValuePredicate(c: Comparison): ValuePredicate {
  const positive = (NEGATIONS as Partial<Record<Operator, Operator>>)[c.operator];
  if (positive !== undefined) {
    const p = compilePositive({ ...c, operator: positive });
    return (a, d, now) => !p(a, d, now);
  }
  return compilePositive(c);
}

const fold = (s: string, ic: boolean) => (ic ? s.toLowerCase() : s);

function compilePositive(c: Comparison): ValuePredicate {
  const ic = c.ignore_case === true;
  const v = c.value;
  switch (c.operator) {
    case "exists":
      return (a) => a !== undefined && a !== null;
    case "is_true":
      return (a) => a === true;
    case "is_false":
      return (a) => a === false;
    case "eq":
    case "in": {
      const wanted = (Array.isArray(v) ? v : [v]) as (string | number)[];
      const nums = wanted.filter((w): w is number => typeof w === "number");
      const strs = new Set(wanted.filter((w): w is string => typeof w === "string").map((w) => fold(w, ic)));
      if (wanted.length === 1 && typeof v === "number") return (a) => a === v;
      return (a) =>
        typeof a === "string" ? strs.has(fold(a, ic)) : typeof a === "number" && nums.includes(a);
    }
    case "contains":
    case "starts_with":
    case "ends_with":
      return textPredicate(c.operator, fold(v as string, ic), ic);
    case "gt":
      return (a) => typeof a === "number" && a > (v as number);
    case "gte":
      return (a) => typeof a === "number" && a >= (v as number);
    case "lt":
      return (a) => typeof a === "number" && a < (v as number);
    case "lte":
      return (a) => typeof a === "number" && a <= (v as number);
    case "between":
      return betweenPredicate(v as [number, number] | [string, string]);
    case "before": {
      const x = parseIsoDate(v as string) as number;
      return (_a, d) => d < x;
    }
    case "after": {
      const x = parseIsoDate(v as string) as number;
      return (_a, d) => d >= x;
    }
    case "within_last": {
      const ms = durationMs(v as Duration);
      return (_a, d, now) => now - ms <= d && d <= now;
    }
    case "more_than_ago": {
      const ms = durationMs(v as Duration);
      return (_a, d, now) => d < now - ms;
    }
    case "within_next": {
      const ms = durationMs(v as Duration);
      return (_a, d, now) => now <= d && d <= now + ms;
    }
    case "includes":
    case "includes_any":
    case "includes_all":
      return arrayPredicate(c.operator, (Array.isArray(v) ? v : [v]) as string[], ic);
    case "not_exists":
    case "neq":
    case "not_in":
    case "not_contains":
    case "not_includes":
      throw new Error(`negative operator ${c.operator} reached the positive compiler`);
    default:
      return assertNever(c.operator);
  }
}

function textPredicate(op: "contains" | "starts_with" | "ends_with", v: string, ic: boolean): ValuePredicate {
  if (op === "contains") return (a) => typeof a === "string" && fold(a, ic).includes(v);
  if (op === "starts_with") return (a) => typeof a === "string" && fold(a, ic).startsWith(v);
  return (a) => typeof a === "string" && fold(a, ic).endsWith(v);
}

function betweenPredicate([lo, hi]: [number, number] | [string, string]): ValuePredicate {
  if (typeof lo === "number") return (a) => typeof a === "number" && lo <= a && a <= (hi as number);
  const a0 = parseIsoDate(lo) as number;
  const b0 = parseIsoDate(hi as string) as number;
  return (_a, d) => a0 <= d && d < b0;
}

function arrayPredicate(
  op: "includes" | "includes_any" | "includes_all",
  v: string[],
  ic: boolean,
): ValuePredicate {
  const wanted = v.map((w) => fold(w, ic));
  const elements = (a: unknown[]) =>
    new Set(a.filter((e): e is string => typeof e === "string").map((e) => fold(e, ic)));
  const all = op === "includes_all";
  return (a) => {
    if (!Array.isArray(a)) return false;
    const have = elements(a);
    return all ? wanted.every((w) => have.has(w)) : wanted.some((w) => have.has(w));
  };
}
