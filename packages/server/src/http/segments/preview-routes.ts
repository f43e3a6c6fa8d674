import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { previewRule } from "../../service/preview-rule.ts";
import type { Workspace } from "../../service/workspace.ts";
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
const STORED_PAGE = 1000;

/** What a rule would match, without saving anything. */
export function previewRoutes(root: FastifyInstance, deps: RouteDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const source = (ws: Workspace) => ({ workspaceId: ws.id, store: deps.store, segments: ws.listSegments() });

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
      const sample: string[] = [];
      const { count, total } = await previewRule(source(ws), rule, deps.clock.now(), (id) => {
        if (sample.length < request.body.sample) sample.push(id);
      });
      return { count, total, sample, exact: true };
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
      // Stored members not matched again are the ones exiting (in id order, as pages come).
      const exiting = await storedMembers(deps, ws.id, segment.id);
      const enteringSample: string[] = [];
      let entering = 0;
      const { count, total } = await previewRule(source(ws), rule, deps.clock.now(), (id) => {
        if (exiting.delete(id)) return;
        entering++;
        if (enteringSample.length < CHANGE_SAMPLE) enteringSample.push(id);
      });
      return {
        count,
        entering,
        exiting: exiting.size,
        entering_sample: enteringSample,
        exiting_sample: firstOf(exiting, CHANGE_SAMPLE),
        total,
      };
    },
  );
}

async function storedMembers(deps: RouteDeps, ws: string, segmentId: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let after: string | undefined;
  do {
    const page = await deps.store.members(ws, segmentId, STORED_PAGE, after);
    for (const m of page.data) ids.add(m.contactId);
    after = page.next ?? undefined;
  } while (after !== undefined);
  return ids;
}

function firstOf(ids: Iterable<string>, n: number): string[] {
  const out: string[] = [];
  for (const id of ids) {
    if (out.length >= n) break;
    out.push(id);
  }
  return out;
}
