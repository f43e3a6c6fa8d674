import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { NotFoundError } from "../../service/errors.ts";
import { workspaceOf } from "../auth/principal.ts";
import { PROBLEM_RESPONSES } from "../errors/problem-responses.ts";
import { KEY_SECURITY } from "../openapi/register-openapi.ts";
import type { RouteDeps } from "../route-deps.ts";
import { Explanation } from "./explain-schemas.ts";
import { encodeCursor } from "./member-cursor.ts";
import { MemberAtQuery, MemberCheck, MemberPage, PageQuery, SegmentContactParams } from "./member-schemas.ts";
import { SegmentParams } from "./segment-schemas.ts";

const common = { tags: ["segments"], security: KEY_SECURITY };
const iso = (t: number) => new Date(t).toISOString();

/** Who is in a segment, whether one contact is (now or then), and why. */
export function memberRoutes(root: FastifyInstance, deps: RouteDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/segments/:id/members",
    {
      schema: {
        ...common,
        summary: "Members by contact id, a page at a time (keyset: no duplicates, no gaps)",
        params: SegmentParams,
        querystring: PageQuery,
        response: { 200: MemberPage, ...PROBLEM_RESPONSES },
      },
    },
    async (request): Promise<MemberPage> => {
      const segment = workspaceOf(request).getSegment(request.params.id);
      const { limit, cursor } = request.query;
      const page = await deps.store.members(segment.workspaceId, segment.id, limit, cursor);
      return {
        data: page.data.map((m) => ({ contact_id: m.contactId, since: iso(m.since) })),
        next_cursor: page.next === null ? null : encodeCursor(page.next),
      };
    },
  );

  app.get(
    "/segments/:id/members/:contactId",
    {
      schema: {
        ...common,
        summary: "Whether a contact is a member, now or as of `at`",
        params: SegmentContactParams,
        querystring: MemberAtQuery,
        response: { 200: MemberCheck, ...PROBLEM_RESPONSES },
      },
    },
    async (request) => {
      const segment = workspaceOf(request).getSegment(request.params.id);
      const { contactId } = request.params;
      const { at } = request.query;
      if (at !== undefined) {
        const then = await deps.store.membershipAt(segment.workspaceId, segment.id, contactId, at);
        return then.since === undefined
          ? { member: then.member }
          : { member: then.member, since: iso(then.since) };
      }
      const now = await deps.store.contactMemberships(segment.workspaceId, contactId);
      const m = now.find((x) => x.segmentId === segment.id);
      return m === undefined ? { member: false } : { member: true, since: iso(m.since) };
    },
  );

  app.get(
    "/segments/:id/explain/:contactId",
    {
      schema: {
        ...common,
        summary: "Why a contact is in or out: every rule node's result and the values it compared",
        params: SegmentContactParams,
        response: { 200: Explanation, ...PROBLEM_RESPONSES },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const segment = ws.getSegment(request.params.id);
      const { contactId } = request.params;
      // The live state in memory: the same one membership is computed from.
      const state = ws.runtime.contacts.get(contactId);
      if (state === undefined) throw new NotFoundError("contact", contactId);
      const now = deps.clock.now();
      const tree = ws.runtime.segmentEngine.explain(segment.id, state, now);
      return { ...tree, segment_id: segment.id, contact_id: contactId, evaluated_at: iso(now) };
    },
  );
}
