import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { hashApiKey, newApiKey } from "../auth/api-key.ts";
import { requireAdmin } from "../auth/principal.ts";
import { PROBLEM_RESPONSES } from "../errors/problem-responses.ts";
import type { RouteDeps } from "../route-deps.ts";
import { CreatedWorkspace, CreateWorkspaceBody } from "./workspace-schemas.ts";

/** Administration: only the admin key (SEGMENTS_ADMIN_KEY) may create workspaces. */
export async function workspaceRoutes(root: FastifyInstance, deps: RouteDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.post(
    "/workspaces",
    {
      // Checked before the body is read: a workspace key learns nothing about the body's rules.
      onRequest: async (request) => requireAdmin(request),
      schema: {
        tags: ["workspaces"],
        summary: "Create a workspace (admin key); its API key is returned once",
        security: [{ bearer: [] }],
        body: CreateWorkspaceBody,
        response: { 201: CreatedWorkspace, ...PROBLEM_RESPONSES },
      },
    },
    async (request, reply) => {
      const apiKey = newApiKey();
      const id = `ws_${randomBytes(8).toString("hex")}`;
      await deps.service.createWorkspace({
        id,
        name: request.body.name,
        apiKeyHash: hashApiKey(apiKey),
        createdAt: deps.clock.now(),
      });
      return reply.code(201).send({ id, name: request.body.name, api_key: apiKey });
    },
  );
}
