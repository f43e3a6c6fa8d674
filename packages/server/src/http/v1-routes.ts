import type { FastifyInstance } from "fastify";
import { type AuthDeps, authenticator } from "./auth/authenticate.ts";
import { contactRoutes } from "./contacts/index.ts";
import { ingestRoutes } from "./ingest/index.ts";
import type { RouteDeps } from "./route-deps.ts";
import { workspaceRoutes } from "./workspaces/index.ts";

/**
 * Everything under `/v1`: one scope whose hook resolves the key before anything else runs.
 * Feature folders register their routes here (segments, lists, audiences, stream, webhooks next).
 */
export async function v1Routes(
  app: FastifyInstance,
  options: RouteDeps & Pick<AuthDeps, "adminKey">,
): Promise<void> {
  // Not `options` itself: it also carries this scope's prefix, which children would repeat.
  const deps: RouteDeps = {
    service: options.service,
    store: options.store,
    clock: options.clock,
    metrics: options.metrics,
  };
  app.decorateRequest("principal", null);
  app.addHook("onRequest", authenticator({ ...deps, adminKey: options.adminKey }));
  await app.register(ingestRoutes, deps);
  await app.register(contactRoutes, deps);
  await app.register(workspaceRoutes, deps);
}
