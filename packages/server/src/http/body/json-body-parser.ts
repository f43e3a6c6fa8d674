import type { FastifyInstance, FastifyRequest } from "fastify";
import { HttpProblem } from "../errors/http-errors.ts";
import { protoKeyPointer } from "./proto-keys.ts";

/** Bodies elsewhere than ingestion are small: rules, names, id lists. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/**
 * Parses a body as JSON whatever the declared type (text/plain and form-encoded bodies from
 * analytics SDKs are JSON too). Syntax errors are the client's, with the parser's own words.
 */
export function parseJsonBody(_request: FastifyRequest, body: string): unknown {
  if (body.trim().length === 0) throw new HttpProblem("malformed-body", "the request body is empty");
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    throw new HttpProblem("malformed-body", `the request body is not valid JSON: ${(e as Error).message}`);
  }
  const proto = protoKeyPointer(body, value);
  if (proto !== undefined) {
    throw new HttpProblem("validation", "the request body is invalid", [
      { path: proto, message: "the name __proto__ is not allowed" },
    ]);
  }
  return value;
}

/** Reads `types` as JSON in `app`'s scope (and the scopes it registers). */
export function acceptJson(app: FastifyInstance, types: string[]): void {
  app.addContentTypeParser(
    types,
    { parseAs: "string" },
    async (request: FastifyRequest, body: string | Buffer) => parseJsonBody(request, body.toString()),
  );
}
