import { describe, expect, it } from "vitest";
import type { RateLimitSettings } from "../../src/http/rate-limit/index.ts";
import { sqliteStore } from "./support/store-matrix.ts";
import { bearer, expectProblem, KEY_A, KEY_B } from "./support/test-app.ts";
import { useTestApp } from "./support/use-test-app.ts";

const MINUTE = 60_000;

/** An app with these budgets (on SQLite: counting is the plugin's, in memory, whatever the store). */
function appWith(rateLimit: RateLimitSettings) {
  const t = useTestApp(sqliteStore, { rateLimit });
  return {
    t,
    read: (key = KEY_A) => t.app.inject({ method: "GET", url: "/v1/segments", headers: bearer(key) }),
    ingest: (key = KEY_A) =>
      t.app.inject({ method: "POST", url: "/v1/identify", headers: bearer(key), payload: { userId: "u1" } }),
  };
}

describe("per-workspace rate limit", () => {
  const { t, read, ingest } = appWith({
    api: { max: 3, windowMs: MINUTE },
    ingest: { max: 2, windowMs: MINUTE },
  });

  it("throttles one workspace (429 problem, Retry-After, RateLimit-*) while another goes on", async () => {
    for (let i = 0; i < 3; i++) {
      const ok = await read();
      expect(ok.statusCode).toBe(200);
      expect(ok.headers).toMatchObject({ "ratelimit-limit": "3", "ratelimit-remaining": String(2 - i) });
    }
    const refused = await read();
    const problem = expectProblem(refused, 429);
    expect(problem.type).toBe("https://growthos.dev/problems/rate-limited");
    expect(problem.detail).toMatch(/API rate \(3 per 60 s\); retry in/);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(refused.headers["retry-after"])).toBeLessThanOrEqual(60);
    expect(refused.headers).toMatchObject({ "ratelimit-limit": "3", "ratelimit-remaining": "0" });
    expect((await read(KEY_B)).statusCode).toBe(200);
  });

  it("gives ingestion its own budget: neither starves the other", async () => {
    for (let i = 0; i < 3; i++) await read();
    expect((await read()).statusCode).toBe(429);
    expect((await ingest()).statusCode).toBe(200);
    expect((await ingest()).statusCode).toBe(200);
    expect(expectProblem(await ingest(), 429).detail).toMatch(/ingestion rate/);
    expect((await ingest(KEY_B)).statusCode).toBe(200);
  });

  it("counts only requests with a valid key, and refuses a throttled one before reading its body", async () => {
    for (let i = 0; i < 5; i++) {
      expect(
        (await t.app.inject({ method: "GET", url: "/v1/segments", headers: bearer("nope") })).statusCode,
      ).toBe(401);
    }
    for (let i = 0; i < 3; i++) expect((await read()).statusCode).toBe(200);
    const bad = await t.app.inject({
      method: "POST",
      url: "/v1/segments",
      headers: { ...bearer(KEY_A), "content-type": "application/json" },
      payload: "{not json",
    });
    expectProblem(bad, 429);
  });

  it("leaves /healthz, /metrics and /openapi.json alone", async () => {
    for (let i = 0; i < 5; i++) {
      for (const url of ["/healthz", "/openapi.json"])
        expect((await t.app.inject({ url })).statusCode).toBe(200);
    }
  });
});

describe("an unlimited budget", () => {
  const { read, ingest } = appWith({ api: null, ingest: { max: 1, windowMs: MINUTE } });

  it("never throttles, and the other budget still applies", async () => {
    for (let i = 0; i < 10; i++) expect((await read()).statusCode).toBe(200);
    expect((await ingest()).statusCode).toBe(200);
    expectProblem(await ingest(), 429);
  });
});
