import { OPERATOR_FAMILIES, OPERATORS, type OperatorFamily } from "../schema/operators.ts";
import type { IssueContext, Subject } from "./issue-context.ts";
import { describeJson, quote } from "./raw-json.ts";
import type { IssueCode } from "./rule-issue.ts";

/** Every operator name of the language, including those of segment, list and sequence conditions. */
const LANGUAGE_OPERATORS: ReadonlySet<string> = new Set([...OPERATORS, "performed", "not_performed"]);

const DURATION_EXAMPLE = '{"amount": 7, "unit": "day"}';

/** What each operator family does and the `value` it needs, per subject. */
const VALUE_SHAPES: Record<OperatorFamily, (s: Subject) => string> = {
  presence: () => "checks presence: it takes no value",
  boolean: () => "checks true/false: it takes no value",
  equality: (s) =>
    s === "number"
      ? "compares numbers: value must be a number"
      : "compares values: value must be a string or a number",
  membership: (s) =>
    `matches any of a list: value must be an array of ${s === "number" ? "numbers" : "strings or numbers"}`,
  text: () => "compares text: value must be a string",
  order: () => "compares numbers: value must be a number",
  between: (s) =>
    s === "number"
      ? "takes a range: value must be [low, high], two numbers"
      : s === "date"
        ? "takes a range: value must be [start, end], two ISO 8601 dates"
        : "takes a range: value must be [low, high], two numbers, or [start, end], two ISO 8601 dates",
  absoluteDate: () => "compares dates: value must be an ISO 8601 date such as 2026-01-31",
  relativeDate: () => `measures time from now: value must be a duration such as ${DURATION_EXAMPLE}`,
  arrayOne: () => "looks for one item of a list: value must be a string",
  arrayMany: () => "looks for several items of a list: value must be an array of strings",
};

/** The family of an operator name, if it is one of the operator/value operators. */
export function familyOf(op: unknown): OperatorFamily | undefined {
  for (const [family, ops] of Object.entries(OPERATOR_FAMILIES)) {
    if ((ops as readonly unknown[]).includes(op)) return family as OperatorFamily;
  }
  return undefined;
}

/**
 * The message for a `value` that does not fit its operator.
 * @example valueShapeMessage("gt", "any") // "“gt” compares numbers: value must be a number"
 */
export function valueShapeMessage(op: string, subject: Subject): string {
  const family = familyOf(op);
  return family === undefined
    ? "value does not fit the operator"
    : `${quote(op)} ${VALUE_SHAPES[family](subject)}`;
}

const OWNER_NAMES: Readonly<Record<string, string>> = {
  property: "a property condition",
  score: "a score condition (scores are numbers)",
  event: "an event condition (it compares a count or another number)",
  event_time: "an event_time condition (it compares dates)",
  segment: "a segment condition",
  sequence: "a sequence condition",
  list: "a list condition",
  filter: "a where filter",
};

export function ownerName(kind: string | undefined): string {
  return kind !== undefined && Object.hasOwn(OWNER_NAMES, kind) ? OWNER_NAMES[kind] : "this condition";
}

/** An `operator` that is absent, not a string, unknown, or not one this condition takes. */
export function operatorProblem(
  ctx: IssueContext,
  options: readonly unknown[],
): { code: IssueCode; message: string } {
  const allowed = `Use one of: ${options.map(String).join(", ")}`;
  const op = ctx.value;
  if (op === undefined) {
    return {
      code: "missing_field",
      message: `${capital(ownerName(ctx.kind))} needs an “operator”. ${allowed}`,
    };
  }
  if (typeof op !== "string") {
    return { code: "invalid_type", message: `“operator” must be text, not ${describeJson(op)}. ${allowed}` };
  }
  if (LANGUAGE_OPERATORS.has(op)) {
    return {
      code: "unsupported_operator",
      message: `${quote(op)} does not apply to ${ownerName(ctx.kind)}. ${allowed}`,
    };
  }
  return { code: "unknown_operator", message: `Unknown operator ${quote(op)}. ${allowed}` };
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
