import { toJsonPointer } from "@growthos/segments-core";
import type { z } from "zod";
import type { ProblemDetail } from "../errors/problem.ts";

export type RequestPart = "body" | "querystring" | "params" | "headers";

/** A request that failed its schema: zod's issues as JSON Pointers into the part they concern. */
export class RequestValidationError extends Error {
  readonly errors: ProblemDetail[];

  constructor(
    readonly part: RequestPart,
    issues: readonly z.core.$ZodIssue[],
  ) {
    const errors = issues.flatMap((i) => details(i, part));
    const first = errors[0];
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
    super(
      `the request ${part} is invalid: ${first?.path || "the value"} ${first?.message ?? ""}${more}`.trim(),
    );
    this.errors = errors;
  }
}

function details(issue: z.core.$ZodIssue, part: RequestPart): ProblemDetail[] {
  const where = part === "body" ? {} : { in: part };
  // A strict object names every unknown key in one issue: give each its own path.
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({
      path: toJsonPointer([...issue.path, key]),
      message: "is not a known field",
      ...where,
    }));
  }
  return [{ path: toJsonPointer(issue.path), message: messageOf(issue), ...where }];
}

/** zod's type messages ("Invalid input: expected string, received undefined") in plainer words. */
function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code !== "invalid_type") return issue.message;
  if (issue.message.endsWith("received undefined")) return "is required";
  const expected = issue.expected === "record" ? "object" : issue.expected;
  return `must be ${/^[aeiou]/.test(expected) ? "an" : "a"} ${expected}${received(issue.message)}`;
}

function received(message: string): string {
  const at = message.lastIndexOf("received ");
  return at < 0 ? "" : ` (got ${message.slice(at + "received ".length)})`;
}
