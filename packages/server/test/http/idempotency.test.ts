import type { LightMyRequestResponse } from "fastify";
import { describe, expect, it } from "vitest";
import { IDEMPOTENCY_TTL_MS } from "../../src/http/idempotency/index.ts";
import { requestFingerprint } from "../../src/http/idempotency/request-fingerprint.ts";
import type { Store } from "../../src/store/store.ts";
import { planIs } from "./support/api-client.ts";
import { forEachStore } from "./support/store-matrix.ts";
import { ADMIN_KEY, bearer, expectProblem, KEY_A, KEY_B, T0, type TestApp } from "./support/test-app.ts";
import { useTestApp } from "./support/use-test-app.ts";

type Method = "POST" | "PUT" | "DELETE";

/** Calls as `apiKey`, with the Idempotency-Key `key` unless it is undefined. */
const caller =
  (t: TestApp) =>
  (method: Method, url: string, key: string | undefined, payload?: object, apiKey = KEY_A) =>
    t.app.inject({
      method,
      url,
      headers: { ...bearer(apiKey), ...(key === undefined ? {} : { "idempotency-key": key }) },
      ...(payload === undefined ? {} : { payload }),
    });

forEachStore((backend) => {
  const t = useTestApp(backend);
  const call = caller(t);
  const segmentCount = async () => (await t.store.listSegments("a")).length;
  const expectReplay = (again: LightMyRequestResponse, first: LightMyRequestResponse) => {
    expect(again.statusCode).toBe(first.statusCode);
    expect(again.body).toBe(first.body);
    expect(again.headers["content-type"]).toBe(first.headers["content-type"]);
    expect(again.headers["idempotent-replayed"]).toBe("true");
  };

  describe("a repeated request with the same Idempotency-Key", () => {
    it("gets the first response again, and the call runs once", async () => {
      const body = { name: "Pros", rule: planIs("pro") };
      const first = await call("POST", "/v1/segments", "k-1", body);
      expect(first.statusCode, first.body).toBe(201);
      expect(first.headers["idempotent-replayed"]).toBeUndefined();
      t.clock.advanceBy(60_000);
      expectReplay(await call("POST", "/v1/segments", "k-1", body), first);
      expect(await segmentCount()).toBe(1);
      // Without a key, or with another one, the call runs again.
      expect((await call("POST", "/v1/segments", undefined, body)).statusCode).toBe(201);
      expect((await call("POST", "/v1/segments", "k-2", body)).statusCode).toBe(201);
      expect(await segmentCount()).toBe(3);
    });

    it("matches a body whose fields come in another order", async () => {
      const first = await call("POST", "/v1/lists", "k", { name: "VIPs" });
      await call("POST", `/v1/lists/${first.json().id}/members`, "m", { add: ["u1"], remove: ["u2"] });
      const again = await call("POST", `/v1/lists/${first.json().id}/members`, "m", {
        remove: ["u2"],
        add: ["u1"],
      });
      expect(again.headers["idempotent-replayed"]).toBe("true");
    });

    it("replays an error answer and a 204 too", async () => {
      const missing = await call("DELETE", "/v1/segments/nope", "del-1");
      expectProblem(missing, 404);
      expectReplay(await call("DELETE", "/v1/segments/nope", "del-1"), missing);
      const id = (await call("POST", "/v1/segments", undefined, { name: "S", rule: planIs("x") })).json().id;
      const deleted = await call("DELETE", `/v1/segments/${id}`, "del-2");
      expect(deleted.statusCode).toBe(204);
      const again = await call("DELETE", `/v1/segments/${id}`, "del-2");
      expect([again.statusCode, again.body, again.headers["idempotent-replayed"]]).toEqual([204, "", "true"]);
    });

    it("runs again once the first response has expired (24 h)", async () => {
      const first = await call("POST", "/v1/lists", "k", { name: "One" });
      t.clock.advanceBy(IDEMPOTENCY_TTL_MS - 1);
      expectReplay(await call("POST", "/v1/lists", "k", { name: "One" }), first);
      t.clock.advanceBy(1);
      const later = await call("POST", "/v1/lists", "k", { name: "Two" });
      expect([later.statusCode, later.json().name]).toEqual([201, "Two"]);
    });
  });

  describe("the same key with a different request", () => {
    it("is refused with 422 (another body, path or method), and nothing runs", async () => {
      await call("POST", "/v1/segments", "k", { name: "Pros", rule: planIs("pro") });
      const reused = [
        await call("POST", "/v1/segments", "k", { name: "Pros", rule: planIs("free") }),
        await call("POST", "/v1/lists", "k", { name: "Pros" }),
        await call("PUT", "/v1/segments/x", "k", { name: "Pros", rule: planIs("pro") }),
      ];
      for (const res of reused) {
        expect(expectProblem(res, 422).type).toBe("https://growthos.dev/problems/idempotency-key-reused");
      }
      expect(await segmentCount()).toBe(1);
      expect(await t.store.listLists("a")).toEqual([]);
    });
  });

  describe("a repeat while the first is still running", () => {
    it("gets 409 with Retry-After", async () => {
      const body = { name: "VIPs" };
      const fingerprint = requestFingerprint("POST", "/v1/lists", body);
      // Another process (or request) holds the key and has not answered yet.
      await t.store.claimIdempotency(
        { workspaceId: "a", key: "k", fingerprint, createdAt: T0, expiresAt: T0 + IDEMPOTENCY_TTL_MS },
        T0,
        0,
      );
      const res = await call("POST", "/v1/lists", "k", body);
      expect(expectProblem(res, 409).type).toBe("https://growthos.dev/problems/idempotency-key-in-use");
      expect(res.headers["retry-after"]).toBe("1");
      expect(await t.store.listLists("a")).toEqual([]);
    });

    it("runs the call once when the same request comes several times at once", async () => {
      const body = { name: "Pros", rule: planIs("pro") };
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => call("POST", "/v1/segments", "k", body)),
      );
      const created = answers.filter((r) => r.statusCode === 201);
      expect(created.length).toBeGreaterThanOrEqual(1);
      for (const r of created) expect(r.body).toBe(created[0].body);
      for (const r of answers) expect([201, 409]).toContain(r.statusCode);
      expect(await segmentCount()).toBe(1);
    });
  });

  describe("what is not stored", () => {
    it("a request its schema rejects: the corrected retry may use the key", async () => {
      expectProblem(await call("POST", "/v1/lists", "k", { title: "typo" }), 400);
      expect((await call("POST", "/v1/lists", "k", { name: "VIPs" })).statusCode).toBe(201);
    });

    it("ingestion: it dedupes by messageId and ignores the key", async () => {
      const batch = (userId: string) =>
        call("POST", "/v1/batch", "k", { batch: [{ type: "identify", userId }] });
      expect((await batch("u1")).statusCode).toBe(200);
      expect((await batch("u2")).statusCode).toBe(200);
      expect(await t.store.contactCount("a")).toBe(2);
    });
  });

  describe("scope", () => {
    it("keeps each workspace's keys apart", async () => {
      const body = { name: "VIPs" };
      const inA = await call("POST", "/v1/lists", "k", body);
      const inB = await call("POST", "/v1/lists", "k", body, KEY_B);
      expect([inA.statusCode, inB.statusCode]).toEqual([201, 201]);
      expect(inB.headers["idempotent-replayed"]).toBeUndefined();
      expect(inB.json().id).not.toBe(inA.json().id);
    });

    it("replays a created workspace's key without storing it readable", async () => {
      const first = await call("POST", "/v1/workspaces", "ws-1", { name: "New" }, ADMIN_KEY);
      expect(first.statusCode, first.body).toBe(201);
      expectReplay(await call("POST", "/v1/workspaces", "ws-1", { name: "New" }, ADMIN_KEY), first);
      expect((await t.store.listWorkspaces()).length).toBe(3);
      const fingerprint = requestFingerprint("POST", "/v1/workspaces", { name: "New" });
      const held = await t.store.claimIdempotency(
        { workspaceId: "", key: "ws-1", fingerprint, createdAt: T0, expiresAt: T0 + 1 },
        T0,
        0,
      );
      expect(held?.response?.status).toBe(201);
      expect(held?.response?.body).not.toContain(first.json().api_key);
    });

    it("checks the key's form (400, in headers)", async () => {
      for (const bad of ["x".repeat(256), "with space", "é"]) {
        const problem = expectProblem(await call("POST", "/v1/lists", bad, { name: "L" }), 400);
        expect(problem.errors[0]).toMatchObject({ path: "/idempotency-key", in: "headers" });
      }
      expect(await t.store.listLists("a")).toEqual([]);
    });
  });
});

forEachStore((backend) => {
  let failures = 0;
  const t = useTestApp(backend, { wrapStore: (store) => flakyStore(store, () => failures-- > 0) });
  const call = caller(t);

  it("stores no 5xx: the key is released and the retry runs", async () => {
    const hook = (await call("POST", "/v1/webhooks", undefined, { url: "http://127.0.0.1:9/h" })).json();
    failures = 1;
    expectProblem(await call("DELETE", `/v1/webhooks/${hook.id}`, "k"), 500);
    expect((await call("DELETE", `/v1/webhooks/${hook.id}`, "k")).statusCode).toBe(204);
  });
});

/** The store, with `deleteWebhook` failing while `fail()` says so. */
function flakyStore(store: Store, fail: () => boolean): Store {
  return new Proxy(store, {
    get(target, name) {
      if (name === "deleteWebhook" && fail()) return async () => Promise.reject(new Error("disk on fire"));
      const value = Reflect.get(target, name, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
