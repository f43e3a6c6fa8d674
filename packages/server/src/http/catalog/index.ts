import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Store } from "../../store/store.ts";
import { workspaceOf } from "../auth/principal.ts";
import { PROBLEM_RESPONSES } from "../errors/problem-responses.ts";
import { KEY_SECURITY } from "../openapi/register-openapi.ts";
import type { RouteDeps } from "../route-deps.ts";
import { CatalogBuilder } from "./catalog-builder.ts";
import { Catalog } from "./catalog-schemas.ts";

/** The scan stops after the chunk that reaches either limit (docs/api-notes.md: its cost). */
export const CATALOG_LIMITS = { contacts: 10_000, events: 500_000 };

/** `GET /v1/catalog`: what a rule builder offers, read from a sample of the stored contacts. */
export async function catalogRoutes(root: FastifyInstance, deps: RouteDeps): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/catalog",
    {
      schema: {
        tags: ["catalog"],
        security: KEY_SECURITY,
        summary: "Properties (with inferred types), events (with their properties), scores, module fields",
        response: { 200: Catalog, ...PROBLEM_RESPONSES },
      },
    },
    async (request) => scanCatalog(deps.store, workspaceOf(request).id),
  );
}

async function scanCatalog(store: Store, ws: string): Promise<Catalog> {
  const builder = new CatalogBuilder();
  for await (const chunk of store.streamContacts(ws)) {
    for (const c of chunk) builder.add(c);
    if (builder.contacts >= CATALOG_LIMITS.contacts || builder.events >= CATALOG_LIMITS.events) {
      return builder.build(false);
    }
  }
  return builder.build(true);
}
