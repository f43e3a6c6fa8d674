import { describe, expect, it } from "vitest";
import { hashApiKey } from "../../src/http/auth/api-key.ts";
import { presentedKey } from "../../src/http/auth/credentials.ts";
import { forEachStore } from "./support/store-matrix.ts";
import { ADMIN_KEY, basic, bearer, expectProblem, KEY_A, KEY_B } from "./support/test-app.ts";
import { useTestApp } from "./support/use-test-app.ts";

forEachStore((backend) => {
  const t = useTestApp(backend, { once: true });

  const identify = (headers: Record<string, string>, userId = "auth-user") =>
    t.app.inject({
      method: "POST",
      url: "/v1/identify",
      headers,
      payload: { userId, traits: { plan: "pro" } },
    });

  describe("workspace keys", () => {
    it("accepts the key as a Bearer token", async () => {
      expect((await identify(bearer(KEY_A))).statusCode).toBe(200);
    });

    it("accepts the key as Basic base64(<key>:), as analytics SDKs send it", async () => {
      expect((await identify(basic(KEY_A))).statusCode).toBe(200);
      // The scheme name is case-insensitive; a key sent as the password is taken too.
      const asPassword = `basic ${Buffer.from(`:${KEY_A}`).toString("base64")}`;
      expect((await identify({ authorization: asPassword })).statusCode).toBe(200);
    });

    it("a missing key is 401 with a WWW-Authenticate challenge", async () => {
      const res = await identify({});
      expectProblem(res, 401);
      expect(res.headers["www-authenticate"]).toMatch(/Bearer/);
    });

    it.each([
      ["an unknown key", { authorization: "Bearer nope" }],
      ["an unknown Basic key", basic("nope")],
      ["another scheme", { authorization: `Token ${KEY_A}` }],
      ["a scheme without a value", { authorization: "Bearer" }],
      ["an empty Basic credential", { authorization: `Basic ${Buffer.from(":").toString("base64")}` }],
      ["the key's hash instead of the key", bearer(hashApiKey(KEY_A))],
    ])("%s is 401", async (_name, headers) => {
      expectProblem(await identify(headers), 401);
    });

    it("the key decides the workspace", async () => {
      await identify(bearer(KEY_B), "only-in-b");
      expect((await t.store.getContact("b", "only-in-b"))?.traits).toHaveLength(1);
      expect(await t.store.getContact("a", "only-in-b")).toBeUndefined();
    });

    it("401 comes before the body is looked at", async () => {
      const res = await t.app.inject({
        method: "POST",
        url: "/v1/track",
        headers: { "content-type": "application/xml" },
        payload: "<not-json/>",
      });
      expectProblem(res, 401);
    });
  });

  describe("the admin key", () => {
    it("creates a workspace whose key then works (201 {id, name, api_key})", async () => {
      const res = await t.app.inject({
        method: "POST",
        url: "/v1/workspaces",
        headers: bearer(ADMIN_KEY),
        payload: { name: "Growth team" },
      });
      expect(res.statusCode).toBe(201);
      const created = res.json();
      expect(created).toMatchObject({ id: expect.stringMatching(/^ws_/), name: "Growth team" });
      expect(created.api_key).toMatch(/^seg_[A-Za-z0-9_-]{43}$/);
      // Only the hash is stored.
      const stored = (await t.store.listWorkspaces()).find((w) => w.id === created.id);
      expect(stored?.apiKeyHash).toBe(hashApiKey(created.api_key));
      expect(JSON.stringify(await t.store.listWorkspaces())).not.toContain(created.api_key);
      expect((await identify(bearer(created.api_key), "new-ws-user")).statusCode).toBe(200);
      expect(await t.store.getContact(created.id, "new-ws-user")).toBeDefined();
    });

    it("a workspace key may not create workspaces (403)", async () => {
      const before = await t.store.listWorkspaces();
      const res = await t.app.inject({
        method: "POST",
        url: "/v1/workspaces",
        headers: bearer(KEY_A),
        payload: { name: "x" },
      });
      expectProblem(res, 403);
      expect(await t.store.listWorkspaces()).toEqual(before);
    });

    it("without any key creating a workspace is 401", async () => {
      expectProblem(
        await t.app.inject({ method: "POST", url: "/v1/workspaces", payload: { name: "x" } }),
        401,
      );
    });

    it("the admin key cannot act on a workspace's data (403)", async () => {
      expectProblem(await identify(bearer(ADMIN_KEY)), 403);
    });

    it("workspace creation reads JSON only (415 for text/plain)", async () => {
      const res = await t.app.inject({
        method: "POST",
        url: "/v1/workspaces",
        headers: { ...bearer(ADMIN_KEY), "content-type": "text/plain" },
        payload: JSON.stringify({ name: "x" }),
      });
      expectProblem(res, 415);
    });

    it("a workspace name is required and unknown fields are refused", async () => {
      const res = await t.app.inject({
        method: "POST",
        url: "/v1/workspaces",
        headers: bearer(ADMIN_KEY),
        payload: { title: "x" },
      });
      const body = expectProblem(res, 400);
      expect(body.errors.map((e) => e.path).sort()).toEqual(["/name", "/title"]);
    });
  });

  describe("presentedKey", () => {
    it("reads Bearer and Basic credentials, and nothing else", () => {
      expect(presentedKey("Bearer abc")).toBe("abc");
      expect(presentedKey(`Basic ${Buffer.from("abc:").toString("base64")}`)).toBe("abc");
      expect(presentedKey(`Basic ${Buffer.from("abc").toString("base64")}`)).toBe("abc");
      expect(presentedKey(undefined)).toBeUndefined();
      expect(presentedKey("Digest abc")).toBeUndefined();
      expect(presentedKey("Bearer a b")).toBeUndefined();
    });
  });
});
