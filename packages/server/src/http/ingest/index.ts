import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { acceptJson } from "../body/json-body-parser.ts";
import { PROBLEM_RESPONSES } from "../errors/problem-responses.ts";
import { KEY_SECURITY } from "../openapi/register-openapi.ts";
import type { RouteDeps } from "../route-deps.ts";
import { BatchBody } from "./batch-body.ts";
import { ingestParsed } from "./ingest-batch.ts";
import { INGEST_LIMITS } from "./ingest-limits.ts";
import { IngestResponse } from "./ingest-response.ts";
import { IdentifyBody, ScoreBody, TrackBody } from "./message-schemas.ts";

const responses = { 200: IngestResponse, ...PROBLEM_RESPONSES };
const INGEST_TYPES = ["application/json", "text/plain", "application/x-www-form-urlencoded"];
const common = { tags: ["ingestion"], security: KEY_SECURITY, consumes: INGEST_TYPES, response: responses };

/**
 * The Segment-spec ingestion calls. SDKs post text/plain (browsers' beacons) and RudderStack
 * posts its gzipped JSON as x-www-form-urlencoded: all of them are read as JSON here.
 */
export async function ingestRoutes(root: FastifyInstance, deps: RouteDeps): Promise<void> {
  acceptJson(root, INGEST_TYPES.slice(1));
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.post(
    "/identify",
    { schema: { ...common, summary: "Create a contact or merge its traits", body: IdentifyBody } },
    (request) => ingestParsed(deps, request, [{ ...request.body, type: "identify" }]),
  );
  app.post("/track", { schema: { ...common, summary: "Append an event", body: TrackBody } }, (request) =>
    ingestParsed(deps, request, [{ ...request.body, type: "track" }]),
  );
  app.post(
    "/score",
    { schema: { ...common, summary: "Set a score's latest value", body: ScoreBody } },
    (request) => ingestParsed(deps, request, [{ ...request.body, type: "score" }]),
  );
  app.post(
    "/batch",
    {
      bodyLimit: INGEST_LIMITS.batchBytes,
      schema: {
        ...common,
        summary: "Ingest up to 10,000 messages in order (all or nothing)",
        body: BatchBody,
      },
    },
    (request) => ingestParsed(deps, request, request.body.batch),
  );
}
