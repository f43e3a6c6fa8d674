import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { workspaceOf } from "../auth/principal.ts";
import { PROBLEM_RESPONSES } from "../errors/problem-responses.ts";
import { KEY_SECURITY } from "../openapi/register-openapi.ts";
import type { RouteDeps } from "../route-deps.ts";
import {
  CHANGE_SAMPLE,
  Preview,
  PreviewBody,
  SegmentPreview,
  SegmentPreviewBody,
} from "./preview-schemas.ts";
import { SegmentParams } from "./segment-schemas.ts";

const common = { tags: ["segments"], security: KEY_SECURITY };

/** What a rule would match, without saving anything. */
export function previewRoutes(root: FastifyInstance, deps: RouteDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.post(
    "/segments/preview",
    {
      schema: {
        ...common,
        summary: "Count and sample the contacts a rule matches now, without saving it",
        body: PreviewBody,
        response: { 200: Preview, ...PROBLEM_RESPONSES },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const rule = ws.checkRule(request.body.rule);
      const r = ws.previewer.count(rule, deps.clock.now());
      const sample = r.members === undefined ? [] : ws.previewer.firstIds(r.members, request.body.sample);
      return {
        count: r.count,
        total: r.total,
        sample,
        exact: r.exact,
        ...(r.exact ? {} : { error_bound: r.errorBound }),
      };
    },
  );

  app.post(
    "/segments/:id/preview",
    {
      schema: {
        ...common,
        summary: "What saving this rule would do: who would enter and who would exit",
        params: SegmentParams,
        body: SegmentPreviewBody,
        response: { 200: SegmentPreview, ...PROBLEM_RESPONSES },
      },
    },
    async (request): Promise<SegmentPreview> => {
      const ws = workspaceOf(request);
      const segment = ws.getSegment(request.params.id);
      const rule = ws.checkRule(request.body.rule, segment.id);
      const now = deps.clock.now();
      const next = ws.previewer.members(rule, now);
      const current = ws.previewer.segmentMembers(segment.id);
      const entering = next.copy().andNot(current);
      const exiting = current.copy().andNot(next);
      const count = next.count();
      const total = ws.runtime.dataset.contactCount;
      return {
        count,
        entering: entering.count(),
        exiting: exiting.count(),
        entering_sample: ws.previewer.firstIds(entering, CHANGE_SAMPLE),
        exiting_sample: ws.previewer.firstIds(exiting, CHANGE_SAMPLE),
        total,
      };
    },
  );
}
