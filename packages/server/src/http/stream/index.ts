import { Readable } from "node:stream";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { NotFoundError } from "../../service/errors.ts";
import { workspaceOf } from "../auth/principal.ts";
import { PROBLEM_RESPONSES } from "../errors/problem-responses.ts";
import { KEY_SECURITY } from "../openapi/register-openapi.ts";
import type { RouteDeps } from "../route-deps.ts";
import { OpenStreams } from "./open-streams.ts";
import { sseChunks } from "./sse-chunks.ts";
import { STREAM_RESPONSE, StreamHeaders, StreamQuery } from "./stream-schemas.ts";
import { STREAM_DEFAULTS, type StreamSettings } from "./stream-settings.ts";

export type StreamRouteOptions = RouteDeps & { stream?: Partial<StreamSettings> };

/** `GET /v1/stream`: the workspace's change log as Server-Sent Events, live, resumable by seq. */
export async function streamRoutes(root: FastifyInstance, options: StreamRouteOptions): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const settings = { ...STREAM_DEFAULTS, ...options.stream };
  const open = new OpenStreams();
  // Before the server stops listening: an open stream would otherwise hold the close forever.
  app.addHook("preClose", async () => open.closeAll(settings.closeGraceMs));

  app.get(
    "/stream",
    {
      schema: {
        tags: ["live changes"],
        summary: "Segment entries and exits as Server-Sent Events (resume with Last-Event-ID)",
        security: KEY_SECURITY,
        querystring: StreamQuery,
        headers: StreamHeaders,
        response: { 200: STREAM_RESPONSE, ...PROBLEM_RESPONSES },
      },
    },
    async (request, reply) => {
      const workspace = workspaceOf(request);
      const segments = request.query.segments ?? null;
      for (const id of segments ?? []) {
        if ((await options.store.getSegment(workspace.id, id)) === undefined)
          throw new NotFoundError("segment", id);
      }
      const after =
        request.headers["last-event-id"] ??
        request.query.after ??
        (await options.store.lastSeq(workspace.id));
      const feed = {
        store: options.store,
        clock: options.clock,
        workspaceId: workspace.id,
        segments: segments === null ? null : new Set(segments),
        after,
        subscribe: (wake: () => void) => workspace.pipeline.addCommitListener(wake),
      };
      return sendEvents(reply, Readable.from(sseChunks(feed, settings, open.track(reply.raw))));
    },
  );
}

/** The typed reply only knows the documented body (a string); the stream is what it is sent as. */
function sendEvents(reply: FastifyReply, body: Readable): FastifyReply {
  return reply
    .header("content-type", "text/event-stream; charset=utf-8")
    .header("cache-control", "no-cache, no-transform")
    .header("x-accel-buffering", "no")
    .send(body);
}
