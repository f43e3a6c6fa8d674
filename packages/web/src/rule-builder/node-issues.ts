import type { RuleIssue } from "@growthos/segments-core";

/**
 * The issues that belong to one node: for a condition, everything under its pointer; for a
 * group, its own fields (`/combinator`, `/children` when empty) but not its children's issues.
 */
export function issuesAt(issues: readonly RuleIssue[], pointer: string, isGroup: boolean): RuleIssue[] {
  return issues.filter((issue) => {
    if (issue.path === pointer) return true;
    if (!issue.path.startsWith(`${pointer}/`)) return false;
    if (!isGroup) return true;
    return !/^\/children\/\d+/.test(issue.path.slice(pointer.length));
  });
}

/** Whether a field of a condition (`value`, `operator`, `window`...) has an issue of its own. */
export function fieldHasIssue(issues: readonly RuleIssue[], pointer: string, field: string): boolean {
  const at = `${pointer}/${field}`;
  return issues.some((i) => i.path === at || i.path.startsWith(`${at}/`));
}
