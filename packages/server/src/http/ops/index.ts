import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { AppMetrics } from "./app-metrics.ts";
import { metricsRoute } from "./metrics-routes.ts";

const Health = z.object({ status: z.literal("ok") });

/** Health and metrics: outside `/v1`, no key needed. */
export async function opsRoutes(app: FastifyInstance, options: { metrics: AppMetrics }): Promise<void> {
  metricsRoute(app, options.metrics);
  app.get(
    "/healthz",
    {
      schema: { tags: ["operations"], summary: "200 once the service is ready", response: { 200: Health } },
    },
    async () => ({ status: "ok" as const }),
  );
}
