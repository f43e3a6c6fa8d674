import { Problem } from "./problem.ts";

/** The error answers every route documents (the handler sends them; no serializer runs on them). */
export const PROBLEM_RESPONSES = {
  "4xx": {
    description: "A client error, as RFC 9457 problem details",
    content: { "application/problem+json": { schema: Problem } },
  },
  "5xx": {
    description: "A server error, as RFC 9457 problem details",
    content: { "application/problem+json": { schema: Problem } },
  },
};
