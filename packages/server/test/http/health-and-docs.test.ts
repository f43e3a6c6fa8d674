import { describe, expect, it } from "vitest";
import { advanceTo } from "../support/flush.ts";
import { sqliteStore } from "./support/store-matrix.ts";
import { bearer, expectProblem, KEY_A } from "./support/test-app.ts";
import { useTestApp } from "./support/use-test-app.ts";

// Nothing here depends on the store.
const t = useTestApp(sqliteStore, { once: true });

describe("operations", () => {
  it("GET /healthz answers 200 without a key", async () => {
    const res = await t.app.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok" });
  });

  it("GET /metrics counts ingested messages and times requests by route", async () => {
    await t.app.inject({
      method: "POST",
      url: "/v1/batch",
      headers: bearer(KEY_A),
      payload: {
        batch: [
          { type: "track", userId: "m1", event: "e" },
          { type: "group", groupId: "g" },
        ],
      },
    });
    const res = await t.app.inject({ method: "GET", url: "/metrics" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/plain/);
    expect(res.body).toMatch(/segments_ingest_messages_total\{outcome="accepted"\} 1/);
    expect(res.body).toMatch(/segments_ingest_messages_total\{outcome="ignored"\} 1/);
    expect(res.body).toMatch(
      /segments_http_request_duration_seconds_count\{method="POST",route="\/v1\/batch",status="200"\} 1/,
    );
  });

  it("GET /metrics times evaluation and commits, timer lateness, and reads queue depths", async () => {
    const rule = {
      type: "group",
      combinator: "and",
      children: [
        {
          type: "event",
          event: "ping",
          window: { within_last: { amount: 1, unit: "hour" } },
          operator: "gte",
          value: 1,
        },
      ],
    };
    const created = await t.app.inject({
      method: "POST",
      url: "/v1/segments",
      headers: bearer(KEY_A),
      payload: { name: "Pinged", rule },
    });
    expect(created.statusCode).toBe(201);
    const at = new Date(t.clock.now()).toISOString();
    await t.app.inject({
      method: "POST",
      url: "/v1/track",
      headers: bearer(KEY_A),
      payload: { userId: "p1", event: "ping", timestamp: at },
    });
    const before = (await t.app.inject({ method: "GET", url: "/metrics" })).body;
    expect(before).toMatch(/^segments_timers_pending 1$/m);
    expect(before).toMatch(/^segments_timers_staged 0$/m);
    expect(before).toMatch(/^segments_contacts \d+$/m);
    expect(before).toMatch(/^segments_pipeline_queued_messages 0$/m);
    expect(before).toMatch(/^segments_evaluation_seconds_count [1-9]\d*$/m);
    expect(before).toMatch(/^segments_commit_seconds_count [1-9]\d*$/m);
    // The window closes an hour later: the exit's timer fires (on the fake clock, on time).
    await advanceTo(t.clock, t.service.workspace(t.a.id), t.clock.now() + 3_600_001);
    const after = (await t.app.inject({ method: "GET", url: "/metrics" })).body;
    expect(after).toMatch(/^segments_timers_fired_total 1$/m);
    expect(after).toMatch(/^segments_timer_lateness_seconds_count 1$/m);
    expect(after).toMatch(/^segments_timer_lateness_seconds_bucket\{le="0.001"\} 1$/m);
    expect(after).toMatch(/^segments_timers_pending 0$/m);
    // Evaluated ahead of its instant (the pipeline woke two seconds early), recorded at it.
    expect(t.service.workspace(t.a.id).runtime.fired).toEqual({ staged: 1, evaluated: 0 });
  });

  it("an unknown route is a 404 problem", async () => {
    expectProblem(await t.app.inject({ method: "GET", url: "/v1/nothing-here" }), 404);
    expectProblem(await t.app.inject({ method: "PATCH", url: "/healthz" }), 404);
  });
});

describe("OpenAPI", () => {
  it("GET /openapi.json is OpenAPI 3.1 generated from the route schemas", async () => {
    const res = await t.app.inject({ method: "GET", url: "/openapi.json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe("3.1.0");
    for (const path of [
      "/v1/identify",
      "/v1/track",
      "/v1/score",
      "/v1/batch",
      "/v1/contacts/{id}",
      "/v1/workspaces",
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.paths["/metrics"].get.tags).toEqual(["operations"]);
    const identify = doc.components.schemas.IdentifyMessageInput;
    expect(identify.properties.userId).toMatchObject({ type: "string", maxLength: 256 });
    const batch = doc.paths["/v1/batch"].post;
    expect(batch.requestBody.content["application/json"].schema.properties.batch.maxItems).toBe(10_000);
    expect(batch.responses["4XX"].content["application/problem+json"].schema.$ref).toBe(
      "#/components/schemas/Problem",
    );
    expect(batch.security).toEqual([{ bearer: [] }, { basic: [] }]);
  });

  it("GET /docs serves Swagger UI", async () => {
    const res = await t.app.inject({ method: "GET", url: "/docs" });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Swagger UI");
  });
});
