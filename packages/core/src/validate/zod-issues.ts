import type { z } from "zod";
import { LIMITS } from "../schema/primitives.ts";
import { isIsoDate } from "../values/dates.ts";
import { fieldProblem, missingProblem, type Problem, typeProblem } from "./field-messages.ts";
import { type IssueContext, locate, subjectOf } from "./issue-context.ts";
import { toJsonPointer } from "./json-pointer.ts";
import { familyOf, operatorProblem, valueShapeMessage } from "./operator-messages.ts";
import { describeJson, oneOf, ownValue, quote, shown, valueAt } from "./raw-json.ts";
import type { RuleIssue } from "./rule-issue.ts";
import { measureIssues, windowIssues } from "./union-issues.ts";

type ZodIssue = z.core.$ZodIssue;

/**
 * Turns zod's issues for a rule into RuleIssues with stable codes and messages a marketer can act
 * on, reading the raw input to tell "absent" from "wrong" and to find the operator a value is for.
 * @example mapZodIssues(Group.safeParse(input).error.issues, input)
 */
export function mapZodIssues(issues: readonly ZodIssue[], raw: unknown): RuleIssue[] {
  const out = withoutStraySizeIssues(issues).flatMap((issue) => mapIssue(issue, raw));
  const seen = new Set<string>();
  return out.filter((i) => {
    const key = `${i.code} ${i.path} ${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function mapIssue(issue: ZodIssue, raw: unknown): RuleIssue[] {
  const at = ({ code, message }: Problem, path = issue.path): RuleIssue[] => [
    { code, path: toJsonPointer(path), message },
  ];
  if (issue.code === "unrecognized_keys") {
    return issue.keys.flatMap((key) => at(unknownField(valueAt(raw, issue.path), key), [...issue.path, key]));
  }
  const ctx = locate(raw, issue.path);
  const field = ctx.rel.length === 1 ? ctx.rel[0] : undefined;
  if (field === "type") return at(typeProblem(ctx));
  if (field === "operator") return at(operatorProblem(ctx, optionsOf(issue)));
  if (ctx.value === undefined) return at(missingProblem(ctx, issue.path));
  const duration = durationProblem(ctx);
  if (duration !== undefined) return at(duration);
  if (issue.code === "custom" && typeof ctx.value === "string" && !isIsoDate(ctx.value)) {
    return at(notADate(ctx.value));
  }
  const map = (more: readonly ZodIssue[]) => mapZodIssues(more, raw);
  if (ctx.rel[0] === "window") return windowIssues(issue, ctx, map);
  if (ctx.rel[0] === "measure")
    return measureIssues(issue, ctx, map) ?? at(fieldProblem(issue, ctx, issue.path));
  if (ctx.rel[0] === "value") return valueIssues(issue, ctx);
  return at(fieldProblem(issue, ctx, issue.path));
}

/**
 * Zod also runs a size check on a value of the wrong type when that value has a length
 * (`steps: ""` fails both `array` and `min(1)`, the latter as a string); the type issue says it all.
 */
function withoutStraySizeIssues(issues: readonly ZodIssue[]): ZodIssue[] {
  const mistyped = new Set(issues.filter((i) => i.code === "invalid_type").map((i) => toJsonPointer(i.path)));
  return issues.filter(
    (i) => !((i.code === "too_small" || i.code === "too_big") && mistyped.has(toJsonPointer(i.path))),
  );
}

/** The allowed operators, as zod lists them for a discriminated union or an enum. */
function optionsOf(issue: ZodIssue): readonly unknown[] {
  if (issue.code === "invalid_union" && "options" in issue) return issue.options ?? [];
  if (issue.code === "invalid_value") return issue.values;
  return [];
}

function unknownField(owner: unknown, key: string): Problem {
  const op = ownValue(owner, "operator");
  const family = familyOf(op);
  if (key === "value" && (family === "presence" || family === "boolean")) {
    return { code: "unknown_field", message: `${quote(String(op))} takes no value: remove “value”` };
  }
  return { code: "unknown_field", message: `Unknown field ${quote(key)}` };
}

function notADate(s: string): Problem {
  return {
    code: "invalid_date",
    message: `${quote(s)} is not a date: use ISO 8601 such as 2026-01-31 or 2026-01-31T12:00:00Z`,
  };
}

/** How much of `rel` leads to a duration: `within`, `window.within_last`, a relative operator's `value`. */
function durationDepth(ctx: IssueContext): number | undefined {
  const [first, second] = ctx.rel;
  if (first === "within") return 1;
  if (first === "window" && second === "within_last") return 2;
  if (first === "value" && familyOf(ownValue(ctx.owner, "operator")) === "relativeDate") return 1;
  return undefined;
}

function durationProblem(ctx: IssueContext): Problem | undefined {
  const depth = durationDepth(ctx);
  if (depth === undefined) return undefined;
  const part = ctx.rel[depth];
  const got = shown(ctx.value);
  let message: string;
  if (part === "amount") {
    message = `A duration's amount must be a whole number from 1 to ${LIMITS.maxDurationAmount}, not ${got}`;
  } else if (part === "unit") {
    message = oneOf("unit", ctx.value, "minute, hour, day or week");
  } else if (ctx.rel[0] === "value") {
    message = valueShapeMessage(String(ownValue(ctx.owner, "operator")), "date");
  } else {
    message = `${quote(String(ctx.rel[depth - 1]))} must be a duration such as {"amount": 7, "unit": "day"}, not ${describeJson(ctx.value)}`;
  }
  return { code: "invalid_duration", message };
}

/** `value` does not fit its operator: one issue per bad date, else the operator's value shape. */
function valueIssues(issue: ZodIssue, ctx: IssueContext): RuleIssue[] {
  const op = String(ownValue(ctx.owner, "operator"));
  const at = (code: RuleIssue["code"], message: string, path = issue.path): RuleIssue => ({
    code,
    path: toJsonPointer(path),
    message,
  });
  const v = ctx.value;
  if (issue.code === "invalid_union" && familyOf(op) === "between" && isStringPair(v)) {
    const bad = v.flatMap((s, i) =>
      isIsoDate(s) ? [] : [at("invalid_date", notADate(s).message, [...issue.path, i])],
    );
    if (bad.length > 0) return bad;
  }
  if (issue.code === "custom") return [at("invalid_value", `${quote(op)}: ${issue.message}`)];
  if (issue.code === "too_big" && issue.origin === "string") {
    return [at("invalid_value", `The value is too long: at most ${String(issue.maximum)} characters`)];
  }
  const sized = issue.code === "too_small" || issue.code === "too_big";
  if (sized && issue.origin === "array" && familyOf(op) !== "between") {
    return [at("invalid_value", `${quote(op)} needs 1 to ${LIMITS.maxArrayValueItems} values`)];
  }
  return [at("invalid_value", valueShapeMessage(op, subjectOf(ctx.kind) ?? "any"))];
}

function isStringPair(v: unknown): v is [string, string] {
  return Array.isArray(v) && v.length === 2 && v.every((s) => typeof s === "string");
}
