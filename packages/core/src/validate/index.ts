export { toJsonPointer } from "./json-pointer.ts";
export { ISSUE_CODES, type IssueCode, type RuleIssue } from "./rule-issue.ts";
export { MAX_GROUPS } from "./size-limits.ts";
export { type ValidationResult, validateRule } from "./validate-rule.ts";
export type { ValidationContext } from "./validation-context.ts";
