import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webRoutes } from "../../server/src/http/web/index.ts";

/** How the server serves the dashboard's files (packages/server/src/http/web). */
describe("serving the dashboard", () => {
  let dist: string;
  let app: FastifyInstance;
  let missing: FastifyInstance;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), "segments-web-dist-"));
    mkdirSync(join(dist, "assets"));
    writeFileSync(join(dist, "index.html"), "<!doctype html><title>dashboard</title>");
    writeFileSync(join(dist, "assets", "app-1234.js"), "console.log(1)");
    app = await withWeb(dist);
    missing = await withWeb(join(dist, "nothing-here"));
  });
  afterAll(async () => {
    await app.close();
    await missing.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it("answers / and the page's own paths with index.html, never cached", async () => {
    for (const url of ["/", "/segments/seg_1", "/segments/seg_1/edit?x=1"]) {
      const res = await app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain("<title>dashboard</title>");
      expect(res.headers["cache-control"]).toBe("no-cache");
      expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
    }
  });

  it("serves hashed assets for good, and a missing one is a 404, not the page", async () => {
    const res = await app.inject({ method: "GET", url: "/assets/app-1234.js" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toContain("immutable");
    expect((await app.inject({ method: "GET", url: "/assets/gone.js" })).statusCode).toBe(404);
    // A file next to dist, reached by an encoded "..": never served.
    const secret = join(dist, "..", `${basename(dist)}-secret.txt`);
    writeFileSync(secret, "SECRET");
    try {
      const answer = await app.inject({ method: "GET", url: `/assets/%2e%2e/%2e%2e/${basename(secret)}` });
      expect(answer.body).not.toContain("SECRET");
    } finally {
      rmSync(secret);
    }
  });

  it("leaves /v1 to the API: an unknown API path is still a 404", async () => {
    const res = await app.inject({ method: "GET", url: "/v1/nothing" });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ notFound: "/v1/nothing" });
  });

  it("says how to build the dashboard when it is not built", async () => {
    const res = await missing.inject({ method: "GET", url: "/" });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain("npm run build:web");
  });
});

async function withWeb(dist: string): Promise<FastifyInstance> {
  const app = Fastify();
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ notFound: request.url }));
  await app.register(webRoutes, { dist });
  await app.ready();
  return app;
}
