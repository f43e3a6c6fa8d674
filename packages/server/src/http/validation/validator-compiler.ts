import type { FastifySchemaCompiler } from "fastify";
import type { z } from "zod";
import { type RequestPart, RequestValidationError } from "./request-validation-error.ts";

/**
 * Validates each request part with its zod schema; a failure becomes a RequestValidationError
 * whose paths are JSON Pointers (fastify-type-provider-zod's own compiler does not escape them).
 */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    return { error: new RequestValidationError((httpPart ?? "body") as RequestPart, result.error.issues) };
  };
