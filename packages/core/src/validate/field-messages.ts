import type { z } from "zod";
import { CONDITION_TYPES } from "../schema/conditions.ts";
import { LIMITS } from "../schema/primitives.ts";
import type { IssueContext } from "./issue-context.ts";
import { subjectOf } from "./issue-context.ts";
import { ownerName, valueShapeMessage } from "./operator-messages.ts";
import { describeJson, listOf, ownValue, quote, shown } from "./raw-json.ts";
import type { IssueCode } from "./rule-issue.ts";

type ZodIssue = z.core.$ZodIssue;
export interface Problem {
  code: IssueCode;
  message: string;
}

const NODE_TYPES = ["group", ...CONDITION_TYPES].join(", ");

/** What a required field holds, to complete "needs “field”: …". */
const FIELD_HINTS: Readonly<Record<string, string>> = {
  property: "the name of a property",
  score: "the name of a score",
  event: "the name of an event",
  segment: "the id of a segment",
  list: "the id of a list",
  combinator: "“and” or “or”",
  children: "an array of conditions and groups",
  which: "“first” or “last”",
  steps: 'an array of steps such as [{"event": "signed_up"}]',
  percent: "a number from 0 to 100",
  amount: `a whole number from 1 to ${LIMITS.maxDurationAmount}`,
  unit: "minute, hour, day or week",
  salt: "any text, such as the name of the test",
};

const EXPECTED: Readonly<Record<string, string>> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "an array",
  tuple: "an array",
  object: "an object",
};

const ITEMS: Readonly<Record<string, string>> = {
  children: "Each child of a group must be a group or a condition (an object with a “type”)",
  where: 'Each where filter must be an object such as {"property": "plan", "operator": "eq", "value": "pro"}',
  steps: 'Each sequence step must be an object such as {"event": "signed_up"}',
};

/** A node's `type` that is absent, not text, or not a known kind. */
export function typeProblem(ctx: IssueContext): Problem {
  if (ctx.value === undefined) {
    return { code: "missing_field", message: `Every child needs a “type”: one of ${NODE_TYPES}` };
  }
  if (typeof ctx.value !== "string") {
    return { code: "invalid_type", message: `“type” must be text, not ${describeJson(ctx.value)}` };
  }
  return {
    code: "unknown_condition_type",
    message: `Unknown condition type ${quote(ctx.value)}. Use one of: ${NODE_TYPES}`,
  };
}

/** A required field is absent; says who needs it and what it holds. */
export function missingProblem(ctx: IssueContext, path: readonly PropertyKey[]): Problem {
  const field = String(ctx.rel.at(-1));
  const op = ownValue(ctx.owner, "operator");
  if (ctx.rel.length === 1 && field === "value" && typeof op === "string") {
    return { code: "missing_field", message: valueShapeMessage(op, subjectOf(ctx.kind) ?? "any") };
  }
  const parent = ctx.rel.length === 1 ? undefined : path.at(-2);
  const who =
    parent === undefined
      ? capital(ctx.kind === "group" ? "a group" : ownerName(ctx.kind))
      : typeof parent === "number"
        ? path.at(-3) === "steps"
          ? "A sequence step"
          : "This item"
        : quote(String(parent));
  const hint = Object.hasOwn(FIELD_HINTS, field) ? `: ${FIELD_HINTS[field]}` : "";
  return { code: "missing_field", message: `${who} needs ${quote(field)}${hint}` };
}

/** Any other problem of a single field, from the zod issue's own facts. */
export function fieldProblem(issue: ZodIssue, ctx: IssueContext, path: readonly PropertyKey[]): Problem {
  const last = path.at(-1);
  const field = quote(String(last));
  const got = describeJson(ctx.value);
  switch (issue.code) {
    case "invalid_type": {
      const parent = path.at(-2);
      if (typeof last === "number" && typeof parent === "string" && Object.hasOwn(ITEMS, parent)) {
        return { code: "invalid_type", message: `${ITEMS[parent]}, not ${got}` };
      }
      return {
        code: "invalid_type",
        message: `${field} must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${got}`,
      };
    }
    case "invalid_value":
      return {
        code: "invalid_value",
        message: `${field} must be ${listOf(issue.values.map((v) => quote(String(v))))}, not ${shown(ctx.value)}`,
      };
    case "too_small":
    case "too_big":
      return sizeProblem(issue, String(last));
    default:
      return { code: "invalid_value", message: `${field}: ${issue.message}` };
  }
}

function sizeProblem(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig, field: string): Problem {
  const small = issue.code === "too_small";
  const bound = String(small ? issue.minimum : issue.maximum);
  if (issue.origin === "array" && field === "children") {
    return small
      ? {
          code: "empty_group",
          message: "A group needs at least one condition: an empty group would never mean everyone",
        }
      : {
          code: "too_many_children",
          message: `A group can have at most ${bound} children: nest some of them in groups or another segment`,
        };
  }
  const message =
    issue.origin === "array"
      ? `${quote(field)} must have ${small ? "at least" : "at most"} ${bound} ${bound === "1" ? "item" : "items"}`
      : issue.origin === "string"
        ? small
          ? `${quote(field)} must not be empty`
          : `${quote(field)} is too long: at most ${bound} characters`
        : `${quote(field)} must be ${small ? (issue.inclusive ? "at least" : "greater than") : issue.inclusive ? "at most" : "less than"} ${bound}`;
  return { code: "invalid_value", message };
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
