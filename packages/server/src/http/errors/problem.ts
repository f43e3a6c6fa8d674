import { z } from "zod";

/** Where problem `type` URIs live: one stable URI per class of failure, documented in docs/api-notes.md. */
const BASE = "https://growthos.dev/problems/";

/** Every class of failure the API reports, with its status and a stable `type` URI. */
export const PROBLEM_CLASSES = {
  "malformed-body": { status: 400, title: "The request body is not valid JSON" },
  validation: { status: 400, title: "The request is invalid" },
  "invalid-rule": { status: 400, title: "The rule is invalid" },
  "bad-request": { status: 400, title: "Bad request" },
  unauthorized: { status: 401, title: "A valid API key is required" },
  forbidden: { status: 403, title: "This key may not make this call" },
  "not-found": { status: 404, title: "Not found" },
  conflict: { status: 409, title: "Conflict" },
  "idempotency-key-in-use": { status: 409, title: "A request with this Idempotency-Key is in progress" },
  "payload-too-large": { status: 413, title: "The request body is too large" },
  "unsupported-media-type": { status: 415, title: "Unsupported media type" },
  "idempotency-key-reused": { status: 422, title: "This Idempotency-Key belongs to another request" },
  "rate-limited": { status: 429, title: "Too many requests" },
  internal: { status: 500, title: "Internal server error" },
  unavailable: { status: 503, title: "The service is not available" },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemClass = keyof typeof PROBLEM_CLASSES;

export function problemTypeUri(kind: ProblemClass): string {
  return `${BASE}${kind}`;
}

export const ProblemDetail = z
  .object({
    path: z.string().describe("JSON Pointer (RFC 6901) into the request body, or the named request part"),
    message: z.string(),
    code: z.string().optional().describe("A stable code, where the failure has one (rule issues)"),
    in: z.enum(["body", "querystring", "params", "headers"]).optional(),
  })
  .meta({ id: "ProblemDetail" });

/** RFC 9457 problem details, as every 4xx/5xx answer carries them (`application/problem+json`). */
export const Problem = z
  .object({
    type: z.string().describe("A stable URI naming the class of failure"),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(ProblemDetail),
    request_id: z.string().optional(),
  })
  .meta({ id: "Problem" });
export type Problem = z.infer<typeof Problem>;
export type ProblemDetail = z.infer<typeof ProblemDetail>;

export function problem(kind: ProblemClass, detail: string, errors: ProblemDetail[] = []): Problem {
  const { status, title } = PROBLEM_CLASSES[kind];
  return { type: problemTypeUri(kind), title, status, detail, errors };
}
