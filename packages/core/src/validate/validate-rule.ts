import { CONDITION_TYPES } from "../schema/conditions.ts";
import { Group } from "../schema/rule.ts";
import { describeJson, isRawObject, ownValue } from "./raw-json.ts";
import { collectRawReferences } from "./raw-references.ts";
import { referenceIssues } from "./reference-issues.ts";
import type { RuleIssue } from "./rule-issue.ts";
import { segmentCycleIssues } from "./segment-cycle-issues.ts";
import { checkSizeLimits } from "./size-limits.ts";
import type { ValidationContext } from "./validation-context.ts";
import { mapZodIssues } from "./zod-issues.ts";

export type ValidationResult = { ok: true; rule: Group } | { ok: false; issues: RuleIssue[] };

const GROUP_EXAMPLE = '{"type": "group", "combinator": "and", "children": [ … ]}';

/**
 * Checks untrusted JSON against the rule language and the workspace, reporting every problem
 * with a JSON Pointer relative to the rule. Never throws; bounded work on hostile input: the size
 * limits are checked first, iteratively, and a rule over them is reported by those alone.
 * @example validateRule({ type: "group", combinator: "and", children: [] })
 * // { ok: false, issues: [{ code: "empty_group", path: "/children", message: "A group needs …" }] }
 */
export function validateRule(input: unknown, ctx: ValidationContext = {}): ValidationResult {
  const root = rootIssue(input);
  if (root !== undefined) return { ok: false, issues: [root] };
  const sizeIssues = checkSizeLimits(input);
  if (sizeIssues.length > 0) return { ok: false, issues: sizeIssues };
  const parsed = Group.safeParse(input);
  const refs = collectRawReferences(input);
  const issues = [
    ...(parsed.success ? [] : mapZodIssues(parsed.error.issues, input)),
    ...referenceIssues(refs, ctx),
    ...segmentCycleIssues(refs.segments, ctx),
  ];
  if (issues.length > 0 || !parsed.success) return { ok: false, issues };
  return { ok: true, rule: parsed.data };
}

/** The root must be a group; anything else is one clear issue rather than a dozen field errors. */
function rootIssue(input: unknown): RuleIssue | undefined {
  if (!isRawObject(input)) {
    return {
      code: "invalid_type",
      path: "",
      message: `A rule must be a group such as ${GROUP_EXAMPLE}, not ${describeJson(input)}`,
    };
  }
  const type = ownValue(input, "type");
  if (type === "group") return undefined;
  if (type === undefined) {
    return {
      code: "missing_field",
      path: "/type",
      message: `A rule must be a group such as ${GROUP_EXAMPLE}`,
    };
  }
  const what =
    typeof type === "string" && (CONDITION_TYPES as readonly string[]).includes(type)
      ? `wrap this ${type} condition in a group: ${GROUP_EXAMPLE}`
      : `not ${describeJson(type)}`;
  return { code: "invalid_value", path: "/type", message: `A rule must be a group: ${what}` };
}
