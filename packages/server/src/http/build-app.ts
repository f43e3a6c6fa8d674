import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { serializerCompiler } from "fastify-type-provider-zod";
import type { Clock } from "../clock/clock.ts";
import type { SegmentsService } from "../service/segments-service.ts";
import type { Store } from "../store/store.ts";
import { decodeContentEncoding } from "./body/content-encoding.ts";
import { acceptJson, DEFAULT_BODY_LIMIT } from "./body/json-body-parser.ts";
import { sendProblem } from "./errors/error-handler.ts";
import { HttpProblem } from "./errors/http-errors.ts";
import { registerOpenApi } from "./openapi/register-openapi.ts";
import { AppMetrics } from "./ops/app-metrics.ts";
import { opsRoutes } from "./ops/index.ts";
import { timeRequests } from "./ops/metrics-routes.ts";
import type { RateLimitSettings } from "./rate-limit/index.ts";
import type { RouteDeps } from "./route-deps.ts";
import { v1Routes } from "./v1-routes.ts";
import { validatorCompiler } from "./validation/validator-compiler.ts";
import { webRoutes } from "./web/index.ts";

export interface AppDeps {
  service: SegmentsService;
  store: Store;
  clock: Clock;
  /** Allows `POST /v1/workspaces`; unset: nobody may create workspaces over HTTP. */
  adminKey?: string;
  /** A pino logger; none: silent. */
  logger?: FastifyBaseLogger;
  /** Process metrics (CPU, memory, event loop) on /metrics; default true. */
  processMetrics?: boolean;
  webhooks?: RouteDeps["webhooks"];
  /** Per-workspace request budgets (main.ts passes the configured ones); unset: unlimited. */
  rateLimit?: RateLimitSettings;
}

/**
 * The HTTP API as a fastify app, built from its ports and never listening: main.ts listens,
 * tests call `inject`. Plugins load on `ready()` (or the first `inject`).
 */
export function buildApp(deps: AppDeps): FastifyInstance {
  const app = Fastify({
    bodyLimit: DEFAULT_BODY_LIMIT,
    return503OnClosing: false,
    frameworkErrors: sendProblem,
    ...(deps.logger === undefined ? { logger: false } : { loggerInstance: deps.logger }),
  });
  const metrics = new AppMetrics({ processMetrics: deps.processMetrics, service: deps.service });
  deps.service.observe(metrics.pipelineObserver);
  const routeDeps = {
    service: deps.service,
    store: deps.store,
    clock: deps.clock,
    metrics,
    webhooks: deps.webhooks,
  };

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(sendProblem);
  app.setNotFoundHandler((request) => {
    throw new HttpProblem("not-found", `no route for ${request.method} ${request.url.split("?")[0]}`);
  });

  let closing = false;
  let inFlight = 0;
  // Once closing and nothing is in flight, connections left open (keep-alive ones, or a
  // client's spare connection that never sent a request) are closed: the close must not wait
  // for them to time out.
  const closeLeftovers = () => {
    if (closing && inFlight === 0) app.server.closeAllConnections();
  };
  const counted = new WeakSet<object>();
  const done = async (request: object) => {
    if (!counted.delete(request)) return;
    inFlight--;
    closeLeftovers();
  };
  app.addHook("onRequest", async (request) => {
    counted.add(request);
    inFlight++;
  });
  // An aborted request may or may not also reach onResponse: each is counted out once.
  app.addHook("onResponse", done);
  app.addHook("onRequestAbort", done);
  app.addHook("preClose", async () => {
    closing = true;
    closeLeftovers();
  });
  app.addHook("onRequest", async () => {
    if (closing) throw new HttpProblem("unavailable", "the server is shutting down");
  });
  // A request in flight when closing began ends its connection, rather than leaving it to idle
  // out (the keep-alive timeout) before the server can close.
  app.addHook("onSend", async (_request, reply) => {
    if (closing) reply.header("connection", "close");
  });
  app.removeAllContentTypeParsers();
  acceptJson(app, ["application/json"]);
  app.addHook("preParsing", decodeContentEncoding);
  timeRequests(app, metrics);

  registerOpenApi(app);
  app.register(opsRoutes, { metrics });
  app.register(v1Routes, { ...routeDeps, adminKey: deps.adminKey, rateLimit: deps.rateLimit, prefix: "/v1" });
  app.register(webRoutes);
  return app;
}
