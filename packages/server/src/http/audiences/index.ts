import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Workspace } from "../../service/workspace.ts";
import { workspaceOf } from "../auth/principal.ts";
import { HttpProblem } from "../errors/http-errors.ts";
import type { ProblemDetail } from "../errors/problem.ts";
import { PROBLEM_RESPONSES } from "../errors/problem-responses.ts";
import { KEY_SECURITY } from "../openapi/register-openapi.ts";
import type { RouteDeps } from "../route-deps.ts";
import { encodeCursor } from "../segments/member-cursor.ts";
import { Audience, ResolveBody } from "./audience-schemas.ts";
import { resolveAudience } from "./resolve-audience.ts";

/** Targeting for outreach modules: set algebra over segments, paginated like members. */
export async function audienceRoutes(root: FastifyInstance, deps: RouteDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.post(
    "/audiences/resolve",
    {
      schema: {
        tags: ["audiences"],
        security: KEY_SECURITY,
        summary: "Contacts in any include segment and in no exclude segment, a page at a time",
        body: ResolveBody,
        response: { 200: Audience, ...PROBLEM_RESPONSES },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const { include, exclude = [], limit, cursor } = request.body;
      requireSegments(ws, { include, exclude });
      const excluded = [...new Set(exclude)];
      // Exclusion reads the live memberships in memory: the stored ones, bar a commit in flight.
      const isExcluded = (id: string) => excluded.some((s) => ws.runtime.isMember(id, s));
      const page = await resolveAudience(deps.store, {
        workspaceId: ws.id,
        include: [...new Set(include)],
        isExcluded,
        limit,
        after: cursor,
      });
      return {
        data: page.data.map((c) => ({ contact_id: c.contactId, segments: c.segments })),
        next_cursor: page.next === null ? null : encodeCursor(page.next),
      };
    },
  );
}

/** 404 naming every unknown segment id, each at its place in the body. */
function requireSegments(ws: Workspace, named: Record<"include" | "exclude", string[]>): void {
  const known = new Set(ws.listSegments().map((s) => s.id));
  const missing = new Set<string>();
  const errors: ProblemDetail[] = [];
  for (const [field, ids] of Object.entries(named)) {
    for (const [i, id] of ids.entries()) {
      if (known.has(id)) continue;
      missing.add(id);
      errors.push({ path: `/${field}/${i}`, message: `no segment ${id} in this workspace` });
    }
  }
  if (missing.size > 0)
    throw new HttpProblem("not-found", `segments not found: ${[...missing].join(", ")}`, errors);
}
