import type { FastifyRequest } from "fastify";
import { workspaceOf } from "../auth/principal.ts";
import type { RouteDeps } from "../route-deps.ts";
import type { IngestResponse } from "./ingest-response.ts";
import type { ParsedMessage } from "./message-schemas.ts";
import { toIngestMessages } from "./to-ingest-messages.ts";

/**
 * Ingests validated messages into the request's workspace; resolves once they are durable
 * (the pipeline commits before it answers), so a 200 means the data survives a crash.
 */
export async function ingestParsed(
  deps: RouteDeps,
  request: FastifyRequest,
  parsed: readonly ParsedMessage[],
): Promise<IngestResponse> {
  const workspace = workspaceOf(request);
  const { messages, ignored } = toIngestMessages(parsed, deps.clock.now());
  const result = messages.length === 0 ? { accepted: 0, duplicates: 0 } : await workspace.ingest(messages);
  deps.metrics.countIngest("accepted", result.accepted);
  deps.metrics.countIngest("duplicate", result.duplicates);
  deps.metrics.countIngest("ignored", ignored);
  return { success: true, accepted: result.accepted, duplicates: result.duplicates, ignored };
}
