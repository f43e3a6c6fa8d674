import type { Problem, ProblemDetail } from "./api-types.ts";

/**
 * A 4xx/5xx answer of the API, with its problem+json fields. An answer that is not problem+json
 * (a proxy's error page) still becomes one: `type` "about:blank" and the body's start as `detail`.
 */
export class SegmentsApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: ProblemDetail[];
  readonly requestId?: string;

  constructor(problem: Problem) {
    super(`${problem.status} ${problem.title}: ${problem.detail}`);
    this.name = "SegmentsApiError";
    this.status = problem.status;
    this.type = problem.type;
    this.title = problem.title;
    this.detail = problem.detail;
    this.errors = problem.errors;
    this.requestId = problem.request_id;
  }

  /** The problem's class, the last segment of its `type` URI ("not-found", "validation", ...). */
  get kind(): string {
    return this.type.slice(this.type.lastIndexOf("/") + 1);
  }

  /** A 2xx answer that is not JSON, so not the API's: named after what it was. */
  static async notJson(response: Response, call: string): Promise<SegmentsApiError> {
    const text = await response.text().catch(() => "");
    const type = response.headers.get("content-type") ?? "no content type";
    return new SegmentsApiError({
      type: "about:blank",
      title: "Not an API answer",
      status: response.status,
      detail: `${call} answered ${type}, not JSON (is the base URL right?): ${text.slice(0, 200)}`,
      errors: [],
    });
  }

  /** Reads a failed response's body into an error (never throws). */
  static async from(response: Response): Promise<SegmentsApiError> {
    const text = await response.text().catch(() => "");
    return new SegmentsApiError(toProblem(response, text));
  }
}

function toProblem(response: Response, text: string): Problem {
  const fallback: Problem = {
    type: "about:blank",
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    detail: text.slice(0, 500),
    errors: [],
  };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return fallback;
  }
  if (typeof body !== "object" || body === null) return fallback;
  const b = body as Partial<Record<keyof Problem, unknown>>;
  return {
    type: typeof b.type === "string" ? b.type : fallback.type,
    title: typeof b.title === "string" ? b.title : fallback.title,
    status: typeof b.status === "number" ? b.status : response.status,
    detail: typeof b.detail === "string" ? b.detail : "",
    errors: Array.isArray(b.errors) ? (b.errors as ProblemDetail[]) : [],
    ...(typeof b.request_id === "string" ? { request_id: b.request_id } : {}),
  };
}
