import { describe, expect, it } from "vitest";
import { snapshot } from "../store/conformance/snapshot.ts";
import { planIs } from "./support/api-client.ts";
import { forEachStore } from "./support/store-matrix.ts";
import { bearer, expectProblem, KEY_A, KEY_B, T0 } from "./support/test-app.ts";
import { useTestApp } from "./support/use-test-app.ts";

forEachStore((backend) => {
  const t = useTestApp(backend, {
    setup: async () => {
      await t.a.createSegment({
        id: "pros",
        name: "Pros",
        rule: planIs("pro"),
      });
      const batch = [
        { type: "identify", userId: "u1", traits: { plan: "pro", name: "Ada" } },
        { type: "score", userId: "u1", score: "nps", value: 10 },
        { type: "track", userId: "u1", event: "purchase" },
      ];
      await t.app.inject({ method: "POST", url: "/v1/batch", headers: bearer(KEY_A), payload: { batch } });
    },
  });

  const get = (id: string, key = KEY_A) =>
    t.app.inject({ method: "GET", url: `/v1/contacts/${encodeURIComponent(id)}`, headers: bearer(key) });
  const del = (id: string, key = KEY_A) =>
    t.app.inject({ method: "DELETE", url: `/v1/contacts/${encodeURIComponent(id)}`, headers: bearer(key) });

  describe("GET /v1/contacts/{id}", () => {
    it("shows properties, scores and segments with since", async () => {
      const res = await get("u1");
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        id: "u1",
        properties: { name: "Ada", plan: "pro" },
        scores: { nps: 10 },
        segments: [{ segment_id: "pros", since: new Date(T0).toISOString() }],
        created_at: new Date(T0).toISOString(),
      });
    });

    it("follows membership as traits change", async () => {
      await t.app.inject({
        method: "POST",
        url: "/v1/identify",
        headers: bearer(KEY_A),
        payload: { userId: "u1", traits: { plan: null } },
      });
      expect((await get("u1")).json()).toMatchObject({ properties: { name: "Ada" }, segments: [] });
    });

    it("an unknown contact is 404", async () => {
      expectProblem(await get("nobody"), 404);
    });

    it("ids with slashes and unicode round-trip", async () => {
      const id = "user/42 ünï";
      await t.app.inject({
        method: "POST",
        url: "/v1/identify",
        headers: bearer(KEY_A),
        payload: { userId: id },
      });
      expect((await get(id)).json()).toMatchObject({ id });
    });
  });

  describe("DELETE /v1/contacts/{id}", () => {
    it("removes the contact with its facts and records its exits (204)", async () => {
      const res = await del("u1");
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe("");
      expectProblem(await get("u1"), 404);
      expect(await t.store.getContact("a", "u1")).toBeUndefined();
      const changes = await t.store.changes("a", 0, 10, "pros");
      expect(changes.map((c) => [c.contactId, c.change])).toEqual([
        ["u1", "entered"],
        ["u1", "exited"],
      ]);
    });

    it("an unknown contact is 404", async () => {
      expectProblem(await del("nobody"), 404);
    });
  });

  describe("isolation between workspaces", () => {
    it("another workspace's key sees no such contact and changes nothing", async () => {
      const probe = { contacts: ["u1"], segments: ["pros"], messages: [] };
      const before = await snapshot(t.store, "a", probe);
      expectProblem(await get("u1", KEY_B), 404);
      expectProblem(await del("u1", KEY_B), 404);
      // The same id in B is B's own contact.
      await t.app.inject({
        method: "POST",
        url: "/v1/identify",
        headers: bearer(KEY_B),
        payload: { userId: "u1", traits: { plan: "free" } },
      });
      expect((await get("u1", KEY_B)).json()).toMatchObject({ properties: { plan: "free" }, segments: [] });
      expect((await del("u1", KEY_B)).statusCode).toBe(204);
      expect(await snapshot(t.store, "a", probe)).toEqual(before);
      expect((await get("u1")).json()).toMatchObject({ properties: { plan: "pro" } });
    });
  });
});
