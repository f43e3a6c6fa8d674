import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { forEachStore } from "./support/store-matrix.ts";
import { bearer, KEY_A, T0 } from "./support/test-app.ts";
import { useTestApp } from "./support/use-test-app.ts";

forEachStore((backend) => {
  const t = useTestApp(backend);

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: "POST",
      url,
      headers: { ...bearer(KEY_A), ...headers },
      payload: payload as object,
    });

  describe("single calls", () => {
    it("identify creates the contact and merges traits; null removes one", async () => {
      const first = await post("/v1/identify", { userId: "u1", traits: { plan: "pro", seats: 3 } });
      expect(first.statusCode).toBe(200);
      expect(first.json()).toEqual({ success: true, accepted: 1, duplicates: 0, ignored: 0 });
      await post("/v1/identify", { userId: "u1", traits: { seats: null, country: "FR" } });
      const stored = await t.store.getContact("a", "u1");
      expect(stored?.traits.filter((x) => x.value !== null).map((x) => [x.key, x.value])).toEqual([
        ["country", "FR"],
        ["plan", "pro"],
      ]);
    });

    it("track appends an event at its own time, or the receive time", async () => {
      await post("/v1/track", {
        userId: "u1",
        event: "purchase",
        properties: { total: 12.5 },
        timestamp: "2025-12-31T23:00:00+01:00",
      });
      await post("/v1/track", { userId: "u1", event: "login" });
      const events = (await t.store.getContact("a", "u1"))?.events;
      expect(events).toEqual([
        { event: "purchase", timestamp: Date.UTC(2025, 11, 31, 22), properties: { total: 12.5 } },
        { event: "login", timestamp: T0, properties: {} },
      ]);
    });

    it("score sets the latest value", async () => {
      await post("/v1/score", { userId: "u1", score: "nps", value: 9 });
      await post("/v1/score", { userId: "u1", score: "nps", value: 7, type: "score" });
      const res = await t.app.inject({ method: "GET", url: "/v1/contacts/u1", headers: bearer(KEY_A) });
      expect(res.json()).toMatchObject({ id: "u1", scores: { nps: 7 } });
    });

    it("a 200 means the data is already in the store", async () => {
      const res = await post("/v1/track", { userId: "durable", event: "e", messageId: "m-durable" });
      expect(res.statusCode).toBe(200);
      expect((await t.store.getContact("a", "durable"))?.events).toHaveLength(1);
      expect(await t.store.seenMessageIds("a", ["m-durable"])).toEqual(new Set(["m-durable"]));
    });
  });

  describe("batch", () => {
    it("applies messages in order and ignores repeated messageIds", async () => {
      const batch = [
        { type: "identify", userId: "u1", traits: { plan: "free" }, messageId: "m1" },
        { type: "identify", userId: "u1", traits: { plan: "pro" }, messageId: "m2" },
        { type: "track", userId: "u2", event: "signup", messageId: "m3" },
        { type: "identify", userId: "u1", traits: { plan: "free" }, messageId: "m1" },
      ];
      const res = await post("/v1/batch", { batch, sentAt: new Date(T0).toISOString() });
      expect(res.json()).toEqual({ success: true, accepted: 3, duplicates: 1, ignored: 0 });
      const again = await post("/v1/batch", { batch });
      expect(again.json()).toEqual({ success: true, accepted: 0, duplicates: 4, ignored: 0 });
      expect((await t.store.getContact("a", "u1"))?.traits).toEqual([{ key: "plan", value: "pro", ts: T0 }]);
    });

    it("stores page and screen calls as events; other types and anonymous messages are accepted and ignored", async () => {
      const batch = [
        { type: "page", userId: "u1", name: "Pricing", category: "Docs", properties: { path: "/pricing" } },
        { type: "screen", userId: "u1", name: "Home" },
        { type: "group", userId: "u1", groupId: "g1", traits: { name: "Acme" } },
        { type: "alias", userId: "u1", previousId: "anon-1" },
        { type: "something-new", whatever: [1, 2] },
        { type: "track", anonymousId: "anon-2", event: "visit" },
      ];
      const res = await post("/v1/batch", { batch });
      expect(res.json()).toEqual({ success: true, accepted: 2, duplicates: 0, ignored: 4 });
      expect((await t.store.getContact("a", "u1"))?.events.map((e) => [e.event, e.properties])).toEqual([
        ["page_viewed", { name: "Pricing", category: "Docs", path: "/pricing" }],
        ["screen_viewed", { name: "Home" }],
      ]);
      expect(await t.store.contactCount("a")).toBe(1);
    });

    it("takes originalTimestamp when there is no timestamp (RudderStack)", async () => {
      await post("/v1/batch", {
        batch: [{ type: "track", userId: "u1", event: "e", originalTimestamp: "2025-06-01T00:00:00.000Z" }],
      });
      expect((await t.store.getContact("a", "u1"))?.events[0].timestamp).toBe(Date.UTC(2025, 5, 1));
    });

    it("reads text/plain, form-encoded (RudderStack) and gzip-compressed bodies as JSON", async () => {
      const body = (userId: string) => JSON.stringify({ batch: [{ type: "track", userId, event: "e" }] });
      const plain = await post("/v1/batch", body("p"), { "content-type": "text/plain" });
      const form = await post("/v1/batch", body("f"), {
        "content-type": "application/x-www-form-urlencoded",
      });
      const zipped = await t.app.inject({
        method: "POST",
        url: "/v1/batch",
        headers: { ...bearer(KEY_A), "content-type": "application/json", "content-encoding": "gzip" },
        payload: gzipSync(body("g")),
      });
      for (const res of [plain, form, zipped]) expect(res.statusCode, res.body).toBe(200);
      expect(await t.store.contactCount("a")).toBe(3);
    });

    it("an empty batch is fine", async () => {
      expect((await post("/v1/batch", { batch: [] })).json()).toEqual({
        success: true,
        accepted: 0,
        duplicates: 0,
        ignored: 0,
      });
    });

    it("takes 10,000 messages in one call", async () => {
      const batch = Array.from({ length: 10_000 }, (_, i) => ({
        type: "track",
        userId: `u${i % 100}`,
        event: "e",
      }));
      const res = await post("/v1/batch", { batch });
      expect(res.json()).toMatchObject({ accepted: 10_000 });
      expect(await t.store.contactCount("a")).toBe(100);
    });
  });
});
