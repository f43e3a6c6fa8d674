import { toJsonPointer } from "./json-pointer.ts";
import { quote } from "./raw-json.ts";
import type { RawReferences } from "./raw-references.ts";
import type { RuleIssue } from "./rule-issue.ts";
import type { ValidationContext } from "./validation-context.ts";

/**
 * Relative dates in filters, and references to segments or lists the workspace does not have.
 * A reference to the segment being saved is a cycle (segmentCycleIssues), not an unknown segment.
 * @example referenceIssues(collectRawReferences(rule), { listExists: () => false })
 */
export function referenceIssues(refs: RawReferences, ctx: ValidationContext): RuleIssue[] {
  const issues: RuleIssue[] = refs.relativeFilters.map(({ name, path }) => ({
    code: "relative_date_in_filter",
    path: toJsonPointer(path),
    message:
      `${quote(name)} cannot be used in a where filter: an event's own time is filtered by the ` +
      "condition's “window”. Use before, after or between with fixed dates here.",
  }));
  for (const { name, path } of refs.segments) {
    if (name === ctx.selfId || ctx.segmentExists === undefined || ctx.segmentExists(name)) continue;
    issues.push({
      code: "unknown_segment",
      path: toJsonPointer(path),
      message: `Unknown segment ${quote(name)}`,
    });
  }
  for (const { name, path } of refs.lists) {
    if (ctx.listExists === undefined || ctx.listExists(name)) continue;
    issues.push({ code: "unknown_list", path: toJsonPointer(path), message: `Unknown list ${quote(name)}` });
  }
  return issues;
}
