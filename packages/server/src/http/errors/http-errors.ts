import type { ProblemClass, ProblemDetail } from "./problem.ts";

/**
 * An expected failure found by the HTTP layer itself (bad credentials, an unreadable body, a
 * request that fails its schema). It carries its problem class and details as data; the one
 * error handler turns it into problem+json.
 */
export class HttpProblem extends Error {
  constructor(
    readonly kind: ProblemClass,
    message: string,
    readonly errors: ProblemDetail[] = [],
  ) {
    super(message);
  }
}

export function unauthorized(detail: string): HttpProblem {
  return new HttpProblem("unauthorized", detail);
}

export function forbidden(detail: string): HttpProblem {
  return new HttpProblem("forbidden", detail);
}
