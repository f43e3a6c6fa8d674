import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { AppMetrics } from "./app-metrics.ts";

/** Times every request by its route pattern (never the raw URL: ids would explode the label set). */
export function timeRequests(app: FastifyInstance, metrics: AppMetrics): void {
  app.addHook("onResponse", async (request, reply) => {
    metrics.requestDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? "unmatched",
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
}

export function metricsRoute(app: FastifyInstance, metrics: AppMetrics): void {
  const schema = {
    tags: ["operations"],
    summary: "Prometheus metrics: ingestion, evaluation latency, timers, queues, webhook failures",
    response: {
      200: { description: "Prometheus text format", content: { "text/plain": { schema: z.string() } } },
    },
  };
  app.get("/metrics", { schema }, async (_request, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
