import type { RuleIssue } from "@growthos/segments-core";

/** Expected failures, as data the HTTP layer maps to problem+json (one handler, one place). */
export class InvalidRuleError extends Error {
  constructor(readonly issues: RuleIssue[]) {
    super(`the rule is invalid: ${issues.map((i) => `${i.path || "/"} ${i.message}`).join("; ")}`);
  }
}

export class NotFoundError extends Error {
  constructor(
    readonly kind: "workspace" | "segment" | "list" | "contact",
    readonly id: string,
  ) {
    super(`${kind} ${id} not found`);
  }
}

export class ConflictError extends Error {}
