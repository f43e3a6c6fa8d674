import RudderAnalytics from "@rudderstack/rudder-sdk-node";
import { Analytics as SegmentAnalytics } from "@segment/analytics-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/clock/clock.ts";
import { bearer, KEY_A, startTestApp, type TestApp } from "./support/test-app.ts";

/**
 * The real analytics SDKs, pointed at a listening app by their `host`, with their own path
 * conventions (both post `{ batch, sentAt }` to /v1/batch with Basic auth; RudderStack gzips).
 */
let t: TestApp;
let host: string;

beforeAll(async () => {
  t = await startTestApp(systemClock);
  const address = await t.app.listen({ host: "127.0.0.1", port: 0 });
  host = address;
  await t.a.createSegment({
    id: "pro_buyers",
    name: "Pro buyers",
    rule: {
      type: "group",
      combinator: "and",
      children: [
        { type: "property", property: "plan", operator: "eq", value: "pro" },
        { type: "event", event: "purchase", operator: "gte", value: 1 },
      ],
    },
  });
});
afterAll(() => t.close());

async function contact(id: string) {
  const res = await t.app.inject({ method: "GET", url: `/v1/contacts/${id}`, headers: bearer(KEY_A) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe("@segment/analytics-node", () => {
  it("delivers identify and track, and the contact enters the segment", async () => {
    const analytics = new SegmentAnalytics({ writeKey: KEY_A, host, flushInterval: 50, maxRetries: 0 });
    const statuses: number[] = [];
    const errors: unknown[] = [];
    analytics.on("http_response", (r) => statuses.push(r.status));
    analytics.on("error", (e) => errors.push(e));
    analytics.identify({ userId: "segment-user", traits: { plan: "pro", email: "a@example.com" } });
    analytics.track({ userId: "segment-user", event: "purchase", properties: { total: 42 } });
    analytics.page({ userId: "segment-user", name: "Pricing" });
    analytics.group({ userId: "segment-user", groupId: "acme" });
    await analytics.closeAndFlush({ timeout: 10_000 });
    expect(errors).toEqual([]);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const c = await contact("segment-user");
    expect(c.properties).toMatchObject({ plan: "pro", email: "a@example.com" });
    expect(c.segments.map((s: { segment_id: string }) => s.segment_id)).toEqual(["pro_buyers"]);
    const events = (await t.store.getContact("a", "segment-user"))?.events.map((e) => e.event);
    expect(events?.sort()).toEqual(["page_viewed", "purchase"]);
  });
});

describe("@rudderstack/rudder-sdk-node", () => {
  it("delivers identify and track (gzipped, form-encoded), and the contact enters the segment", async () => {
    const errors: unknown[] = [];
    const client = new RudderAnalytics(KEY_A, {
      dataPlaneUrl: host,
      flushAt: 20,
      flushInterval: 50,
      retryCount: 0,
      gzip: true,
      logLevel: "error",
      errorHandler: (e) => errors.push(e),
    });
    client.identify({ userId: "rudder-user", traits: { plan: "pro" } });
    client.track({ userId: "rudder-user", event: "purchase", properties: { total: 7 } });
    client.screen({ userId: "rudder-user", name: "Home" });
    await client.flush();
    // The first call flushes on its own; wait until every message has arrived.
    await expect
      .poll(async () => (await t.store.getContact("a", "rudder-user"))?.events.length, { timeout: 10_000 })
      .toBe(2);
    expect(errors).toEqual([]);
    const c = await contact("rudder-user");
    expect(c.properties).toEqual({ plan: "pro" });
    expect(c.segments.map((s: { segment_id: string }) => s.segment_id)).toEqual(["pro_buyers"]);
  });
});
