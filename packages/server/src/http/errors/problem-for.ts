import { ConflictError, InvalidRuleError, NotFoundError } from "../../service/errors.ts";
import { RequestValidationError } from "../validation/request-validation-error.ts";
import { HttpProblem } from "./http-errors.ts";
import { type Problem, problem } from "./problem.ts";

/** Where a rule sits in every request body that carries one (`POST /v1/segments`, previews). */
const RULE_POINTER = "/rule";

/** fastify's own client errors, by code. */
const FASTIFY_PROBLEMS: Record<string, () => Problem> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () =>
    problem(
      "unsupported-media-type",
      "this call reads application/json (ingestion calls also text/plain); see /openapi.json",
    ),
  FST_ERR_CTP_BODY_TOO_LARGE: () =>
    problem(
      "payload-too-large",
      "the body is larger than this call accepts (16 MiB for /v1/batch, 1 MiB elsewhere)",
    ),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => problem("malformed-body", "the request body is empty"),
  FST_ERR_CTP_INVALID_JSON_BODY: () => problem("malformed-body", "the request body is not valid JSON"),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () =>
    problem("bad-request", "the body's length does not match its Content-Length"),
  FST_ERR_BAD_URL: () => problem("bad-request", "the URL is not valid"),
  FST_ERR_NOT_FOUND: () => problem("not-found", "no such route"),
};

/**
 * The one mapping from a failure to problem details. Expected failures (service errors,
 * request problems, fastify's client errors) keep their meaning; anything else is a bug: 500,
 * with nothing of its internals shown.
 */
export function problemFor(error: unknown): Problem {
  if (error instanceof HttpProblem) return problem(error.kind, error.message, error.errors);
  if (error instanceof RequestValidationError) return problem("validation", error.message, error.errors);
  if (error instanceof InvalidRuleError) {
    const errors = error.issues.map((i) => ({
      path: `${RULE_POINTER}${i.path}`,
      message: i.message,
      code: i.code,
    }));
    return problem("invalid-rule", `the rule has ${errors.length} problem(s)`, errors);
  }
  if (error instanceof NotFoundError) return problem("not-found", `${error.kind} ${error.id} not found`);
  if (error instanceof ConflictError) return problem("conflict", error.message);
  return fastifyProblem(error) ?? problem("internal", "an unexpected error occurred; it has been logged");
}

function fastifyProblem(error: unknown): Problem | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  if (typeof code === "string" && Object.hasOwn(FASTIFY_PROBLEMS, code)) return FASTIFY_PROBLEMS[code]();
  // A body that fails to decode (corrupt gzip) surfaces as a zlib error with status 400.
  if (typeof code === "string" && code.startsWith("Z_")) {
    return problem("malformed-body", "the body could not be decoded with its Content-Encoding");
  }
  if (typeof statusCode === "number" && statusCode >= 400 && statusCode < 500) {
    return { ...problem("bad-request", (error as Error).message), status: statusCode };
  }
  return undefined;
}
