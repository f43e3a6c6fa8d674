import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { createJsonSchemaTransform } from "fastify-type-provider-zod";
import { z } from "zod";
import { API_TAGS } from "./api-tags.ts";
import { transformDocument } from "./shared-refs.ts";
import { WEBHOOKS } from "./webhook-docs.ts";

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
      tags: API_TAGS,
      webhooks: WEBHOOKS,
    },
    transform: createJsonSchemaTransform({ skipList: [] }),
    transformObject: transformDocument,
  });
  app.register(swaggerUi, { routePrefix: "/docs" });
  const schema = {
    tags: ["operations"],
    summary: "This document: OpenAPI 3.1",
    response: {
      200: { description: "OpenAPI 3.1", content: { "application/json": { schema: z.looseObject({}) } } },
    },
  };
  // A plugin, so that it loads after swagger and is itself documented. Sent as text: the
  // document is not to go through a response serializer.
  app.register(async (scope) => {
    scope.get("/openapi.json", { schema }, async (_request, reply) =>
      reply.type("application/json; charset=utf-8").send(JSON.stringify(app.swagger())),
    );
  });
}

/** Either credential works for every `/v1` call. */
export const KEY_SECURITY: { [scheme: string]: string[] }[] = [{ bearer: [] }, { basic: [] }];
