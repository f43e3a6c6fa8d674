import { LIMITS } from "../schema/primitives.ts";
import type { JsonPath } from "./json-pointer.ts";
import { toJsonPointer } from "./json-pointer.ts";
import { isRawObject, ownValue, type RawObject } from "./raw-json.ts";
import type { RuleIssue } from "./rule-issue.ts";

/**
 * The most groups a rule within the limits can have: every group of a valid rule lies on the path
 * from the root to some condition, and each such path holds the root plus at most maxDepth - 1
 * other groups. Any rule with more groups has empty groups, so we stop walking it.
 */
export const MAX_GROUPS = 1 + (LIMITS.maxDepth - 1) * LIMITS.maxConditions;

interface Frame {
  group: RawObject;
  depth: number;
  path: JsonPath;
}

function isGroupLike(v: unknown): v is RawObject {
  return isRawObject(v) && ownValue(v, "type") === "group";
}

/**
 * A cheap, iterative pass over raw JSON that enforces the depth and size limits before anything
 * recursive runs, so hostile input (depth 100,000, millions of nodes) costs a bounded amount of work:
 * it visits at most MAX_GROUPS groups and LIMITS.maxConditions conditions, then stops.
 * @example checkSizeLimits({ type: "group", combinator: "and", children: [] }) // []
 */
export function checkSizeLimits(input: unknown): RuleIssue[] {
  if (!isGroupLike(input)) return [];
  const issues: RuleIssue[] = [];
  const stack: Frame[] = [{ group: input, depth: 1, path: [] }];
  let conditions = 0;
  let groups = 1;
  while (stack.length > 0) {
    const { group, depth, path } = stack.pop()!;
    const children = ownValue(group, "children");
    if (!Array.isArray(children)) continue;
    const nested: Frame[] = [];
    for (let i = 0; i < children.length; i++) {
      const child: unknown = children[i];
      if (!isGroupLike(child)) {
        if (++conditions > LIMITS.maxConditions) return [...issues, tooManyConditions()];
        continue;
      }
      if (++groups > MAX_GROUPS) return [...issues, tooManyGroups()];
      const childPath = [...path, "children", i];
      if (depth + 1 > LIMITS.maxDepth) issues.push(tooDeep(childPath, depth + 1));
      else nested.push({ group: child, depth: depth + 1, path: childPath });
    }
    // Reversed so that groups are visited, and reported, in document order.
    stack.push(...nested.reverse());
  }
  return issues;
}

function tooDeep(path: JsonPath, depth: number): RuleIssue {
  return {
    code: "too_deep",
    path: toJsonPointer(path),
    message:
      `Groups can be nested at most ${LIMITS.maxDepth} levels deep (the rule itself is level 1); ` +
      `this group is level ${depth}. Flatten the rule or move part of it into its own segment.`,
  };
}

function tooManyConditions(): RuleIssue {
  return {
    code: "too_many_conditions",
    path: "",
    message:
      `A rule can have at most ${LIMITS.maxConditions} conditions and this one has more. ` +
      "Move part of it into its own segment and reference that segment.",
  };
}

function tooManyGroups(): RuleIssue {
  return {
    code: "too_many_groups",
    path: "",
    message:
      `The rule has more than ${MAX_GROUPS} groups, more than a rule of at most ` +
      `${LIMITS.maxConditions} conditions can need: it must contain empty groups.`,
  };
}
