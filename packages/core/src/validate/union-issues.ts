import type { z } from "zod";
import { Measure } from "../schema/conditions.ts";
import { Window } from "../schema/primitives.ts";
import type { IssueContext } from "./issue-context.ts";
import { toJsonPointer } from "./json-pointer.ts";
import { describeJson, isRawObject, listOf, oneOf, ownValue } from "./raw-json.ts";
import type { RuleIssue } from "./rule-issue.ts";

type ZodIssue = z.core.$ZodIssue;
/** Maps zod issues (with absolute paths) back through the main mapper. */
export type MapIssues = (issues: readonly ZodIssue[]) => RuleIssue[];

const WINDOW_KEYS = Window.options.map((o) => Object.keys(o.shape)[0]);
const WINDOW_SHAPE =
  `A window needs exactly one of ${listOf(WINDOW_KEYS)}, ` +
  'such as {"within_last": {"amount": 30, "unit": "day"}} or {"after": "2026-01-01"}';
const AGGREGATES = "count, sum, min, max or avg";

/** The issues of one union branch, with paths made absolute. */
function branch(issue: ZodIssue, index: number): ZodIssue[] {
  const errors = issue.code === "invalid_union" ? (issue.errors[index] ?? []) : [];
  return errors.map((e) => ({ ...e, path: [...issue.path, ...e.path] }));
}

/**
 * A window failed: when it names exactly one kind of window, report that branch's own problems
 * (a bad date, a bad duration); otherwise say which shapes a window can take.
 */
export function windowIssues(issue: ZodIssue, ctx: IssueContext, map: MapIssues): RuleIssue[] {
  const at = (message: string): RuleIssue[] => [
    { code: "invalid_window", path: toJsonPointer(issue.path), message },
  ];
  if (ctx.rel.length === 1 && issue.code === "invalid_union") {
    const w = ctx.value;
    const keys = isRawObject(w) ? WINDOW_KEYS.filter((k) => Object.hasOwn(w, k)) : [];
    if (keys.length === 1) return map(branch(issue, WINDOW_KEYS.indexOf(keys[0])));
    return at(keys.length > 1 ? `${WINDOW_SHAPE}, not ${listOf(keys, "and")} together` : WINDOW_SHAPE);
  }
  if (issue.code === "custom") {
    return at("The window ends before it starts: “between” needs [start, end] with start no later than end");
  }
  if (ctx.rel[1] === "between") return at("“between” needs [start, end], two ISO 8601 dates");
  return at(WINDOW_SHAPE);
}

/** A measure failed: pick the branch its `aggregate` selects, or say what aggregates exist. */
export function measureIssues(issue: ZodIssue, ctx: IssueContext, map: MapIssues): RuleIssue[] | undefined {
  if (ctx.rel.length !== 1 || issue.code !== "invalid_union") return undefined;
  if (!isRawObject(ctx.value)) {
    const message =
      '“measure” must be an object such as {"aggregate": "count"} or ' +
      `{"aggregate": "sum", "property": "amount"}, not ${describeJson(ctx.value)}`;
    return [{ code: "invalid_type", path: toJsonPointer(issue.path), message }];
  }
  const aggregate = ownValue(ctx.value, "aggregate");
  const index = Measure.options.findIndex((o) => o.shape.aggregate.safeParse(aggregate).success);
  if (index >= 0) return map(branch(issue, index));
  const path = toJsonPointer([...issue.path, "aggregate"]);
  if (aggregate === undefined) {
    return [{ code: "missing_field", path, message: `“measure” needs “aggregate”: ${AGGREGATES}` }];
  }
  const message = oneOf("aggregate", aggregate, AGGREGATES);
  return [{ code: "invalid_value", path, message }];
}
