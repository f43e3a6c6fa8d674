import type { FastifyInstance } from "fastify";
import type { RouteDeps } from "../route-deps.ts";
import { logRoutes } from "./log-routes.ts";
import { memberRoutes } from "./member-routes.ts";
import { membersCsvRoute } from "./members-csv-route.ts";
import { previewRoutes } from "./preview-routes.ts";
import { segmentRoutes } from "./segment-routes.ts";

/** `/v1/segments/...`: the lifecycle, previews, members (JSON and CSV), explain and the change log. */
export async function segmentsRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  segmentRoutes(app, deps);
  previewRoutes(app, deps);
  memberRoutes(app, deps);
  membersCsvRoute(app, deps);
  logRoutes(app, deps);
}
