import type { Problem } from "./types.ts";

/** A failed API call, carrying the server's problem details (paths are JSON Pointers). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
  ) {
    super(problem?.detail ?? `the server answered ${status}`);
  }
}
