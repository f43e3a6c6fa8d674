import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/** Where `npm run build:web` writes the dashboard. */
export const WEB_DIST = fileURLToPath(new URL("../../../../web/dist/", import.meta.url));

/** The page may load only its own files and talk only to this server. */
const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const NOT_BUILT =
  "The dashboard is not built yet.\n\n" +
  "Build it with `npm run build:web` (`npm start` does this first), then reload this page.\n" +
  "The API is served meanwhile: see /docs.\n";

/**
 * The dashboard at `/`: hashed assets cached for good, and index.html for every other GET that is
 * not under /v1, so the page's own paths (/segments/...) work on reload. Checked per request, so
 * a build made while the server runs is picked up.
 */
export async function webRoutes(app: FastifyInstance, options: { dist?: string } = {}): Promise<void> {
  const dist = options.dist ?? WEB_DIST;
  await app.register(fastifyStatic, { root: dist, serve: false });

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    // Left encoded: `send` decodes it once and refuses anything that leaves `dist`.
    const path = request.url.split("?")[0];
    if (path === "/v1" || path.startsWith("/v1/")) return reply.callNotFound();
    if (!existsSync(join(dist, "index.html"))) {
      return reply.code(503).type("text/plain; charset=utf-8").send(NOT_BUILT);
    }
    if (path.startsWith("/assets/")) {
      return reply.sendFile(path.slice(1), { immutable: true, maxAge: "365d" });
    }
    return reply
      .header("cache-control", "no-cache")
      .header("content-security-policy", PAGE_CSP)
      .header("x-content-type-options", "nosniff")
      .header("referrer-policy", "no-referrer")
      .sendFile("index.html", { cacheControl: false });
  };
  app.get("/", { schema: { hide: true } }, handler);
  app.get("/*", { schema: { hide: true } }, handler);
}
