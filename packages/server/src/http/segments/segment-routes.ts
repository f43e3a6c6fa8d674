import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { workspaceOf } from "../auth/principal.ts";
import { PROBLEM_RESPONSES } from "../errors/problem-responses.ts";
import { KEY_SECURITY } from "../openapi/register-openapi.ts";
import type { RouteDeps } from "../route-deps.ts";
import { SegmentBody, toSegmentInput } from "./segment-body.ts";
import { Segment, SegmentList, SegmentParams } from "./segment-schemas.ts";
import { segmentView } from "./segment-view.ts";
import { COMPUTE_WAIT_MS, settleWithin } from "./settle-within.ts";

const common = { tags: ["segments"], security: KEY_SECURITY };
const one = { 200: Segment, ...PROBLEM_RESPONSES };

/** The segment lifecycle: every write goes through the workspace's pipeline. */
export function segmentRoutes(root: FastifyInstance, deps: RouteDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    "/segments",
    {
      schema: {
        ...common,
        summary: "Create a segment from a rule or a template; its membership is computed first",
        body: SegmentBody,
        response: { 201: Segment, ...PROBLEM_RESPONSES },
      },
    },
    async (request, reply) => {
      const ws = workspaceOf(request);
      const { segment, done } = await ws.beginCreateSegment(toSegmentInput(request.body));
      const saved = (await settleWithin(done, COMPUTE_WAIT_MS)) ?? ws.getSegment(segment.id);
      return reply.code(201).send(await segmentView(deps.store, saved, ws.progressOf(saved.id)));
    },
  );

  app.get(
    "/segments",
    { schema: { ...common, summary: "Every segment", response: { 200: SegmentList, ...PROBLEM_RESPONSES } } },
    async (request) => {
      const ws = workspaceOf(request);
      const segments = ws.listSegments();
      return {
        data: await Promise.all(segments.map((s) => segmentView(deps.store, s, ws.progressOf(s.id)))),
      };
    },
  );

  app.get(
    "/segments/:id",
    { schema: { ...common, summary: "One segment", params: SegmentParams, response: one } },
    async (request) => {
      const ws = workspaceOf(request);
      return segmentView(deps.store, ws.getSegment(request.params.id), ws.progressOf(request.params.id));
    },
  );

  app.put(
    "/segments/:id",
    {
      schema: {
        ...common,
        summary: "Replace a segment's definition; entries and exits are recorded",
        params: SegmentParams,
        body: SegmentBody,
        response: one,
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const current = ws.getSegment(request.params.id);
      const { segment, done } = await ws.beginUpdateSegment(
        current.id,
        toSegmentInput(request.body, current),
      );
      const saved = (await settleWithin(done, COMPUTE_WAIT_MS)) ?? ws.getSegment(segment.id);
      return segmentView(deps.store, saved, ws.progressOf(saved.id));
    },
  );

  app.delete(
    "/segments/:id",
    {
      schema: {
        ...common,
        summary: "Delete a segment (its members' exits are recorded); 409 while another reads it",
        params: SegmentParams,
        response: { 204: z.undefined(), ...PROBLEM_RESPONSES },
      },
    },
    async (request, reply) => {
      await workspaceOf(request).deleteSegment(request.params.id);
      return reply.code(204).send();
    },
  );

  for (const [action, status] of [
    ["pause", "paused"],
    ["resume", "live"],
  ] as const) {
    app.post(
      `/segments/:id/${action}`,
      {
        schema: {
          ...common,
          summary:
            action === "pause"
              ? "Freeze a segment's members until it is resumed"
              : "Resume a paused segment: its members catch up at once",
          params: SegmentParams,
          response: one,
        },
      },
      async (request) =>
        segmentView(deps.store, await workspaceOf(request).setStatus(request.params.id, status)),
    );
  }
}
