import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { planIs } from "../../server/test/http/support/api-client.ts";
import { KEY_B } from "../../server/test/http/support/test-app.ts";
import { SegmentsApiError, SegmentsClient } from "../src/index.ts";
import { type LiveApp, startLiveApp } from "./support/live-app.ts";

let live: LiveApp;
beforeEach(async () => {
  live = await startLiveApp();
});
afterEach(() => live.close());

async function caught(call: () => Promise<unknown>): Promise<SegmentsApiError> {
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SegmentsApiError);
  return error as SegmentsApiError;
}

describe("SegmentsApiError", () => {
  it("carries the problem+json fields of an unknown segment (404)", async () => {
    const error = await caught(() => live.segments.isMember("nope", "jane"));
    expect(error).toMatchObject({
      status: 404,
      type: "https://growthos.dev/problems/not-found",
      kind: "not-found",
      title: expect.any(String),
      detail: expect.stringContaining("nope"),
    });
    expect(error.message).toContain("404");
  });

  it("names each invalid field by its path (400)", async () => {
    const error = await caught(() => live.segments.resolveAudience({ include: [] }).toArray());
    expect(error.status).toBe(400);
    expect(error.errors.map((e) => e.path)).toContain("/include");
    const rule = await caught(() =>
      live.segments.createSegment({
        name: "bad",
        rule: { type: "group", combinator: "and", children: [{ type: "score", score: "nps" }] },
      }),
    );
    expect(rule.status).toBe(400);
    expect(rule.errors.length).toBeGreaterThan(0);
    expect(rule.errors[0].path).toMatch(/^\/rule\/children\/0/);
  });

  it("refuses a wrong key (401) and another workspace's segment (404)", async () => {
    const pro = await live.api.segment(planIs("pro"));
    const wrong = new SegmentsClient({ baseUrl: live.url, apiKey: "wrong" });
    expect((await caught(() => wrong.segmentsOf("jane"))).status).toBe(401);
    const b = new SegmentsClient({ baseUrl: `${live.url}/`, apiKey: KEY_B });
    expect((await caught(() => b.isMember(pro, "jane"))).status).toBe(404);
  });

  it("reads an unknown contact as in no segment, but a wrong base URL as an error", async () => {
    expect(await live.segments.segmentsOf("nobody")).toEqual([]);
    const misplaced = new SegmentsClient({
      baseUrl: live.url,
      apiKey: "k",
      fetch: async () => new Response("<!doctype html><title>Dashboard</title>", { status: 200 }),
    });
    const error = await caught(() => misplaced.segmentsOf("nobody"));
    expect(error).toMatchObject({ title: "Not an API answer", type: "about:blank" });
    expect(error.detail).toContain("GET /v1/contacts/nobody");
    const lost = new SegmentsClient({ baseUrl: `${live.url}/v1`, apiKey: "key-a" });
    expect((await caught(() => lost.segmentsOf("nobody"))).status).toBe(404);
  });

  it("ends a stream the API refuses, reporting it as fatal", async () => {
    const reported = new Promise<{ error: unknown; fatal: boolean }>((resolve) => {
      live.segments.onChange(() => {}, {
        segmentId: "nope",
        onError: (error, { fatal }) => resolve({ error, fatal }),
      });
    });
    const { error, fatal } = await reported;
    expect(fatal).toBe(true);
    expect(error).toBeInstanceOf(SegmentsApiError);
    expect((error as SegmentsApiError).status).toBe(404);
  });

  it("turns an answer that is not problem+json (a proxy's page) into one", async () => {
    const proxy = new SegmentsClient({
      baseUrl: "http://segments.invalid",
      apiKey: "k",
      fetch: async () => new Response("<html>Bad gateway</html>", { status: 502, statusText: "Bad Gateway" }),
    });
    const error = await caught(() => proxy.segments());
    expect(error).toMatchObject({ status: 502, type: "about:blank", title: "Bad Gateway", errors: [] });
    expect(error.detail).toContain("Bad gateway");
  });
});
