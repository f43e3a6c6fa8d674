import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { HttpProblem } from "../errors/http-errors.ts";
import type { Rate, RateLimitSettings } from "./rate.ts";

export type { RateLimitSettings } from "./rate.ts";

// Separate budgets: a backfill posting batches as fast as it can must not lock out the outreach
// modules that resolve audiences and check members at send time, nor the other way round.
const INGESTION = /^\/v1\/(identify|track|score|batch)$/;

type Budget = keyof RateLimitSettings;

function budgetOf(request: FastifyRequest): Budget {
  return INGESTION.test(request.routeOptions.url ?? "") ? "ingest" : "api";
}

/** One counter per workspace and budget: `<budget>:<workspace id>` (`<budget>:` for the admin key). */
function counterKey(request: FastifyRequest): string {
  const p = request.principal;
  return `${budgetOf(request)}:${p?.kind === "workspace" ? p.workspace.id : ""}`;
}

/**
 * Bounds each workspace's request rate (@fastify/rate-limit, counting in this process). Its hook
 * runs per route after the `/v1` scope's key check, so it counts by workspace, never by IP, and a
 * throttled request is refused before its body is read: 429 problem+json with Retry-After and
 * the RateLimit-* headers (which every answer carries).
 */
export async function limitRates(app: FastifyInstance, settings: RateLimitSettings): Promise<void> {
  const rateOf = (key: string): Rate | null => settings[key.slice(0, key.indexOf(":")) as Budget];
  await app.register(rateLimit, {
    hook: "onRequest",
    keyGenerator: counterKey,
    allowList: (_request, key) => rateOf(key) === null,
    max: (_request, key) => rateOf(key)?.max ?? 0,
    timeWindow: (_request, key) => rateOf(key)?.windowMs ?? 1000,
    enableDraftSpec: true,
    errorResponseBuilder: (request, context) => {
      const budget = budgetOf(request);
      const rate = settings[budget];
      const per = rate === null ? "" : ` (${rate.max} per ${rate.windowMs / 1000} s)`;
      return new HttpProblem(
        "rate-limited",
        `this workspace is over its ${budget === "ingest" ? "ingestion" : "API"} rate${per}; retry in ${context.after}`,
      );
    },
  });
}
