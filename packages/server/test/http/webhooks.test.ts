import { afterEach, describe, expect, it } from "vitest";
import { Receiver } from "../deliveries/support/receiver.ts";
import { verified } from "../deliveries/support/verify.ts";
import { planIs } from "./support/api-client.ts";
import { forEachStore } from "./support/store-matrix.ts";
import { bearer, expectProblem, KEY_A, KEY_B } from "./support/test-app.ts";
import { useTestApp } from "./support/use-test-app.ts";

forEachStore((backend) => {
  let receiver: Receiver;
  const t = useTestApp(backend, {
    at: () => Date.now(),
    setup: async () => {
      receiver = await Receiver.start();
      // Real time on a fake clock: receivers check signature timestamps against their own clock.
      await t.a.createSegment({
        id: "pros",
        name: "Pros",
        rule: planIs("pro"),
      });
    },
  });
  afterEach(async () => {
    await receiver.close();
  });

  const create = (payload: unknown, key = KEY_A) =>
    t.app.inject({ method: "POST", url: "/v1/webhooks", headers: bearer(key), payload: payload as object });
  const list = (key = KEY_A) => t.app.inject({ method: "GET", url: "/v1/webhooks", headers: bearer(key) });
  const remove = (id: string, key = KEY_A) =>
    t.app.inject({ method: "DELETE", url: `/v1/webhooks/${id}`, headers: bearer(key) });

  describe("POST /v1/webhooks", () => {
    it("answers 201 with the id and a whsec_ secret, shown only then", async () => {
      const res = await create({
        url: "https://hooks.example.com/segments?token=x",
        segments: ["pros", "pros"],
      });
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json();
      expect(body).toEqual({
        id: expect.stringMatching(/^wh_[0-9a-f]{16}$/),
        secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/),
        url: "https://hooks.example.com/segments?token=x",
        segments: ["pros"],
        created_at: new Date(t.service.clock.now()).toISOString(),
      });
      const listed = await list();
      expect(listed.json()).toEqual({
        data: [
          {
            id: body.id,
            url: body.url,
            segments: ["pros"],
            created_at: body.created_at,
            status: "active",
            disabled_at: null,
            disabled_reason: null,
            delivered_seq: 0,
            failures: 0,
            last_error: null,
            next_attempt_at: null,
          },
        ],
      });
      expect(listed.body).not.toContain(body.secret);
    });

    it("refuses URLs that are not http(s), carry credentials or are not URLs (400 at /url)", async () => {
      for (const url of [
        "ftp://example.com/x",
        "javascript:alert(1)",
        "https://user:pw@example.com/",
        "/relative",
      ]) {
        const problem = expectProblem(await create({ url }), 400);
        expect(problem.errors, url).toEqual([{ path: "/url", message: expect.any(String) }]);
      }
      expectProblem(await create({ url: `https://example.com/${"x".repeat(2048)}` }), 400);
    });

    it("refuses an empty segment list, unknown segments and unknown fields", async () => {
      const url = receiver.url;
      expect(expectProblem(await create({ url, segments: [] }), 400).errors[0].path).toBe("/segments");
      expect(expectProblem(await create({ url, segments: ["nope"] }), 404).detail).toMatch(/nope/);
      expect(expectProblem(await create({ url, secret: "mine" }), 400).errors[0].path).toBe("/secret");
      expectProblem(await create({ url: "https://example.com/", segments: ["pros"] }, KEY_B), 404);
      expect((await list()).json().data).toEqual([]);
    });
  });

  describe("DELETE /v1/webhooks/{id}", () => {
    it("deletes (204), then 404; another workspace's id is 404 and stays", async () => {
      const a = (await create({ url: receiver.url })).json();
      expectProblem(await remove(a.id, KEY_B), 404);
      expect((await list(KEY_B)).json().data).toEqual([]);
      expect((await list()).json().data).toHaveLength(1);
      const res = await remove(a.id);
      expect(res.statusCode).toBe(204);
      expectProblem(await remove(a.id), 404);
      expect((await list()).json().data).toEqual([]);
    });
  });

  describe("deliveries through the API", () => {
    it("POSTs each entry and exit to the webhook, signed with its secret", async () => {
      const { id, secret } = (await create({ url: receiver.url })).json();
      const identify = (plan: string) =>
        t.app.inject({
          method: "POST",
          url: "/v1/identify",
          headers: bearer(KEY_A),
          payload: { userId: "u1", traits: { plan } },
        });
      await identify("pro");
      await identify("free");
      await receiver.until(2);
      expect(receiver.ids()).toEqual([`${id}_1`, `${id}_2`]);
      const [entered, exited] = receiver.received.map((r) => verified(secret, r));
      expect(entered).toMatchObject({
        type: "segment.entered",
        data: { seq: 1, segment_id: "pros", contact_id: "u1" },
      });
      expect(exited).toMatchObject({ type: "segment.exited", data: { seq: 2, segment_version: 1 } });
      await expect.poll(async () => (await list()).json().data[0].delivered_seq).toBe(2);
    });

    it("shows a failing webhook's state and counts the failure in /metrics", async () => {
      receiver.script = () => 500;
      await create({ url: receiver.url });
      await t.app.inject({
        method: "POST",
        url: "/v1/identify",
        headers: bearer(KEY_A),
        payload: { userId: "u1", traits: { plan: "pro" } },
      });
      await receiver.until(1);
      await expect.poll(async () => (await list()).json().data[0].failures).toBe(1);
      expect((await list()).json().data[0]).toMatchObject({
        status: "active",
        delivered_seq: 0,
        last_error: "HTTP 500",
        next_attempt_at: new Date(t.service.clock.now() + 5_000).toISOString(),
      });
      const metrics = await t.app.inject({ method: "GET", url: "/metrics" });
      expect(metrics.body).toContain('segments_webhook_failures_total{reason="status"} 1');
    });
  });

  describe("OpenAPI", () => {
    it("documents the stream and the webhook calls", async () => {
      const doc = (await t.app.inject({ method: "GET", url: "/openapi.json" })).json();
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(["/v1/stream", "/v1/webhooks", "/v1/webhooks/{id}"]),
      );
      expect(Object.keys(doc.paths["/v1/stream"].get.responses["200"].content)).toEqual([
        "text/event-stream",
      ]);
    });
  });
});
