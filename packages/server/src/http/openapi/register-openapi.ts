import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { createJsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";

/**
 * OpenAPI 3.1 generated from the routes' zod schemas (the same ones that validate requests),
 * served at /openapi.json, with Swagger UI at /docs. Call it before registering the routes.
 */
export function registerOpenApi(app: FastifyInstance): void {
  // In the caller's scope (not a child plugin's), so that swagger sees every route.
  app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "GrowthOS Segments API",
        version: "1",
        description: "Live audience segments. Every 4xx/5xx answer is RFC 9457 application/problem+json.",
      },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer", description: "The workspace's API key" },
          basic: { type: "http", scheme: "basic", description: "The API key as user name, empty password" },
        },
      },
      tags: [
        { name: "ingestion", description: "Segment-spec compatible ingestion" },
        { name: "contacts" },
        { name: "workspaces", description: "Administration (SEGMENTS_ADMIN_KEY)" },
        { name: "operations" },
      ],
    },
    transform: createJsonSchemaTransform({ skipList: ["/openapi.json"] }),
    transformObject: jsonSchemaTransformObject,
  });
  app.register(swaggerUi, { routePrefix: "/docs" });
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
}

/** Either credential works for every `/v1` call. */
export const KEY_SECURITY: { [scheme: string]: string[] }[] = [{ bearer: [] }, { basic: [] }];
