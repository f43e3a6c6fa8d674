import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { problemFor } from "./problem-for.ts";

export const PROBLEM_JSON = "application/problem+json; charset=utf-8";

/**
 * The one HTTP error handler (also fastify's `frameworkErrors`): every 4xx/5xx leaves here as
 * RFC 9457 problem+json. 5xx are logged with the error; 4xx are the client's and only counted.
 */
export function sendProblem(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  const body = { ...problemFor(error), request_id: request.id };
  if (body.status >= 500) request.log.error({ err: error }, "request failed");
  if (body.status === 401)
    reply.header("www-authenticate", 'Bearer realm="segments", Basic realm="segments"');
  // A string is sent as it is: no response schema applies to a problem.
  reply.code(body.status).type(PROBLEM_JSON).send(JSON.stringify(body));
}
