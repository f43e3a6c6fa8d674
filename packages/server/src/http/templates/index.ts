import { TEMPLATES } from "@growthos/segments-core";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { workspaceOf } from "../auth/principal.ts";
import { PROBLEM_RESPONSES } from "../errors/problem-responses.ts";
import { KEY_SECURITY } from "../openapi/register-openapi.ts";
import type { RouteDeps } from "../route-deps.ts";
import { TemplateList } from "./template-schemas.ts";

/** The built-in templates, each with its rule at default params (built once: they never change). */
export async function templateRoutes(root: FastifyInstance, _deps: RouteDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const data = TEMPLATES.map((t) => ({
    id: t.id,
    name: t.name,
    description: t.description,
    params: t.params,
    rule: t.build(),
  }));
  app.get(
    "/templates",
    {
      schema: {
        tags: ["templates"],
        security: KEY_SECURITY,
        summary: "Ready-made segments to start from (POST /v1/segments with `template`)",
        response: { 200: TemplateList, ...PROBLEM_RESPONSES },
      },
    },
    async (request) => {
      workspaceOf(request);
      return { data };
    },
  );
}
