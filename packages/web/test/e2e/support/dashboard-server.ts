import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyBaseLogger } from "fastify";
import { systemClock } from "../../../../server/src/clock/clock.ts";
import { hashApiKey } from "../../../../server/src/http/auth/api-key.ts";
import { buildApp } from "../../../../server/src/http/build-app.ts";
import { SegmentsService } from "../../../../server/src/service/segments-service.ts";
import { SqliteStore } from "../../../../server/src/store/sqlite/index.ts";

export const KEY_A = "key-a";

/** The real server on an ephemeral port over SQLite in a temp dir, on the wall clock. */
export interface DashboardServer {
  url: string;
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

export async function startDashboardServer(): Promise<DashboardServer> {
  const dir = mkdtempSync(join(tmpdir(), "segments-web-e2e-"));
  const store = new SqliteStore({ path: join(dir, "segments.db") });
  const service = await SegmentsService.open({ store, clock: systemClock });
  await service.createWorkspace({ id: "a", name: "A", apiKeyHash: hashApiKey(KEY_A), createdAt: Date.now() });
  const app = buildApp({ service, store, clock: systemClock, processMetrics: false, logger: errorsOnly() });
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  return {
    url,
    async api<T>(method: string, path: string, body?: unknown): Promise<T> {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${KEY_A}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
      return (text === "" ? undefined : JSON.parse(text)) as T;
    },
    async close() {
      await app.close();
      await service.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Server errors reach the test output (a 500 in the browser says nothing of its cause). */
function errorsOnly(): FastifyBaseLogger {
  const quiet = () => {};
  const logger = {
    level: "error",
    fatal: (...args: unknown[]) => console.error(...args),
    error: (...args: unknown[]) => console.error(...args),
    warn: quiet,
    info: quiet,
    debug: quiet,
    trace: quiet,
    silent: quiet,
    child: () => logger,
  };
  return logger as unknown as FastifyBaseLogger;
}
