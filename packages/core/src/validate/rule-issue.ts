/**
 * Problems found in a rule. Codes are a stable public contract: clients (the builder, scripts)
 * branch on them, so a code is never renamed or given a new meaning; new codes may be added.
 */
export const ISSUE_CODES = {
  /** A field has the wrong JSON type (a string where a boolean is needed, a child that is not an object). */
  invalid_type: "invalid_type",
  /** A required field is absent. */
  missing_field: "missing_field",
  /** A field the rule language does not know (including `value` on operators that take none). */
  unknown_field: "unknown_field",
  /** A node's `type` is not `group` or one of the condition kinds. */
  unknown_condition_type: "unknown_condition_type",
  /** An `operator` that is not an operator of the rule language at all. */
  unknown_operator: "unknown_operator",
  /** An operator of the language that this condition kind does not take (`contains` on a score). */
  unsupported_operator: "unsupported_operator",
  /** `value` does not fit its operator, or a field is outside its allowed options or range. */
  invalid_value: "invalid_value",
  /** A string that must be an ISO 8601 date is not one (`2026-02-30`). */
  invalid_date: "invalid_date",
  /** A duration is not `{ amount: 1..100000 (whole), unit: minute|hour|day|week }`. */
  invalid_duration: "invalid_duration",
  /** A window is not exactly one of within_last / after / before / between, or ends before it starts. */
  invalid_window: "invalid_window",
  /** A group with no children: an empty audience never means "everyone". */
  empty_group: "empty_group",
  /** A group with more than LIMITS.maxChildren children. */
  too_many_children: "too_many_children",
  /** A group nested deeper than LIMITS.maxDepth (the root group is depth 1). */
  too_deep: "too_deep",
  /** More than LIMITS.maxConditions conditions in the whole rule. */
  too_many_conditions: "too_many_conditions",
  /**
   * More groups than a rule within the limits can hold without an empty group
   * (see MAX_GROUPS): the rule is too large to examine further.
   */
  too_many_groups: "too_many_groups",
  /** A relative-date operator (within_last, more_than_ago, within_next) inside a `where` filter. */
  relative_date_in_filter: "relative_date_in_filter",
  /** A segment condition names a segment that does not exist. */
  unknown_segment: "unknown_segment",
  /** A list condition names a list that does not exist. */
  unknown_list: "unknown_list",
  /** Segment references lead back to the segment being saved. */
  segment_cycle: "segment_cycle",
} as const;

export type IssueCode = keyof typeof ISSUE_CODES;

/** One problem in a rule, at a JSON Pointer relative to the rule root (`""` is the root). */
export interface RuleIssue {
  code: IssueCode;
  path: string;
  message: string;
}
