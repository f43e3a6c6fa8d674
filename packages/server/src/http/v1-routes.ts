import type { FastifyInstance } from "fastify";
import { audienceRoutes } from "./audiences/index.ts";
import { type AuthDeps, authenticator } from "./auth/authenticate.ts";
import { catalogRoutes } from "./catalog/index.ts";
import { contactRoutes } from "./contacts/index.ts";
import { idempotencyKeys } from "./idempotency/index.ts";
import { ingestRoutes } from "./ingest/index.ts";
import { listRoutes } from "./lists/index.ts";
import { limitRates, type RateLimitSettings } from "./rate-limit/index.ts";
import type { RouteDeps } from "./route-deps.ts";
import { segmentsRoutes } from "./segments/index.ts";
import { streamRoutes } from "./stream/index.ts";
import { templateRoutes } from "./templates/index.ts";
import { webhookRoutes } from "./webhooks/index.ts";
import { workspaceRoutes } from "./workspaces/index.ts";

/**
 * Everything under `/v1`: one scope whose hook resolves the key before anything else runs.
 * Feature folders register their routes here.
 */
export async function v1Routes(
  app: FastifyInstance,
  options: RouteDeps & Pick<AuthDeps, "adminKey"> & { rateLimit?: RateLimitSettings },
): Promise<void> {
  // Not `options` itself: it also carries this scope's prefix, which children would repeat.
  const deps: RouteDeps = {
    service: options.service,
    store: options.store,
    clock: options.clock,
    metrics: options.metrics,
    webhooks: options.webhooks,
  };
  app.decorateRequest("principal", null);
  app.addHook("onRequest", authenticator({ ...deps, adminKey: options.adminKey }));
  if (options.rateLimit !== undefined) await limitRates(app, options.rateLimit);
  idempotencyKeys(app, deps);
  await app.register(ingestRoutes, deps);
  await app.register(contactRoutes, deps);
  await app.register(workspaceRoutes, deps);
  await app.register(segmentsRoutes, deps);
  await app.register(listRoutes, deps);
  await app.register(templateRoutes, deps);
  await app.register(catalogRoutes, deps);
  await app.register(audienceRoutes, deps);
  await app.register(streamRoutes, deps);
  await app.register(webhookRoutes, deps);
}
