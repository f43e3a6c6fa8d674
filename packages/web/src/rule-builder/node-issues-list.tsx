import type { RuleIssue } from "@growthos/segments-core";

/** The problems of one node, right at the node; the node points at this list. */
export function NodeIssuesList({ id, issues }: { id: string; issues: RuleIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <ul id={id} className="node-issues">
      {issues.map((issue) => (
        <li key={`${issue.path}:${issue.code}:${issue.message}`} data-path={issue.path}>
          {issue.message}
        </li>
      ))}
    </ul>
  );
}
