import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { expect } from "vitest";
import type { Clock } from "../../../src/clock/clock.ts";
import { FakeClock } from "../../../src/clock/fake-clock.ts";
import { hashApiKey } from "../../../src/http/auth/api-key.ts";
import { type AppDeps, buildApp } from "../../../src/http/build-app.ts";
import { SegmentsService } from "../../../src/service/segments-service.ts";
import type { Workspace } from "../../../src/service/workspace.ts";
import { SqliteStore } from "../../../src/store/sqlite/index.ts";
import type { Store } from "../../../src/store/store.ts";

export const T0 = Date.UTC(2026, 0, 1);
export const KEY_A = "key-a";
export const KEY_B = "key-b";
export const ADMIN_KEY = "admin-key";

/** An app over an in-memory store with two workspaces: "a" (KEY_A) and "b" (KEY_B). */
export interface TestApp {
  app: FastifyInstance;
  service: SegmentsService;
  store: Store;
  a: Workspace;
  b: Workspace;
  close(): Promise<void>;
}

export type TestAppOptions = Pick<AppDeps, "rateLimit" | "webhooks">;

export async function startTestApp(
  clock: Clock = new FakeClock(T0),
  store: Store = new SqliteStore({ path: ":memory:" }),
  options: TestAppOptions = {},
): Promise<TestApp> {
  const service = await SegmentsService.open({ store, clock });
  const a = await service.createWorkspace({
    id: "a",
    name: "A",
    apiKeyHash: hashApiKey(KEY_A),
    createdAt: T0,
  });
  const b = await service.createWorkspace({
    id: "b",
    name: "B",
    apiKeyHash: hashApiKey(KEY_B),
    createdAt: T0,
  });
  const app = buildApp({ service, store, clock, adminKey: ADMIN_KEY, processMetrics: false, ...options });
  await app.ready();
  return {
    app,
    service,
    store,
    a,
    b,
    async close() {
      await app.close();
      await service.close();
      await store.close();
    },
  };
}

export function bearer(key: string): Record<string, string> {
  return { authorization: `Bearer ${key}` };
}

/** How analytics SDKs send their write key: Basic base64("<key>:"). */
export function basic(key: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${key}:`).toString("base64")}` };
}

/** Asserts an RFC 9457 answer of the given status and returns its body. */
export function expectProblem(res: LightMyRequestResponse, status: number) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body).toMatchObject({ status, type: expect.stringMatching(/^https:\/\/growthos\.dev\/problems\//) });
  expect(typeof body.title).toBe("string");
  expect(typeof body.detail).toBe("string");
  expect(Array.isArray(body.errors)).toBe(true);
  return body as { type: string; detail: string; errors: { path: string; message: string }[] };
}
