import { TEMPLATES, validateRule } from "@growthos/segments-core";
import { describe, expect, it } from "vitest";
import { client } from "./support/api-client.ts";
import { forEachStore } from "./support/store-matrix.ts";
import { ADMIN_KEY, expectProblem, KEY_B } from "./support/test-app.ts";
import { useTestApp } from "./support/use-test-app.ts";

forEachStore((backend) => {
  const t = useTestApp(backend);
  const api = client(t);

  describe("GET /v1/templates", () => {
    it("lists every template with its params and its rule at default params", async () => {
      const res = await api.get("/v1/templates");
      expect(res.statusCode).toBe(200);
      const { data } = res.json();
      expect(data.map((d: { id: string }) => d.id)).toEqual(TEMPLATES.map((x) => x.id));
      for (const [i, d] of data.entries()) {
        expect(d).toEqual({
          id: TEMPLATES[i].id,
          name: TEMPLATES[i].name,
          description: TEMPLATES[i].description,
          params: TEMPLATES[i].params,
          rule: TEMPLATES[i].build(),
        });
        expect(validateRule(d.rule).ok).toBe(true);
      }
    });

    it("is a workspace call: the admin key gets 403", async () => {
      expectProblem(await client(t, ADMIN_KEY).get("/v1/templates"), 403);
    });
  });

  describe("GET /v1/catalog", () => {
    it("offers properties with types and examples, events with their properties, scores, module fields", async () => {
      await api.batch([
        {
          type: "identify",
          userId: "u1",
          traits: {
            plan: "pro",
            seats: 5,
            trial: true,
            signed_up_at: "2026-01-01T10:00:00Z",
            tags: ["a", "b"],
            referrals: { count: 2, code: "X1" },
            "billing.mrr": 49,
            gone: "x",
          },
        },
        { type: "identify", userId: "u1", traits: { gone: null } },
        { type: "identify", userId: "u2", traits: { plan: "free", seats: "many" } },
        { type: "track", userId: "u1", event: "purchase", properties: { amount: 30, currency: "EUR" } },
        { type: "track", userId: "u1", event: "purchase", properties: { amount: 12 } },
        { type: "track", userId: "u2", event: "purchase", properties: { amount: 5 } },
        { type: "track", userId: "u2", event: "login" },
        { type: "score", userId: "u1", score: "nps", value: 9 },
        { type: "score", userId: "u2", score: "nps", value: 3 },
      ]);
      const res = await api.get("/v1/catalog");
      expect(res.statusCode, res.body).toBe(200);
      const catalog = res.json();
      const prop = (name: string) => catalog.properties.find((p: { name: string }) => p.name === name);
      expect(catalog.properties.map((p: { name: string }) => p.name)).toEqual([
        "plan",
        "referrals",
        "seats",
        "signed_up_at",
        "tags",
        "trial",
      ]);
      expect(prop("plan")).toEqual({
        name: "plan",
        type: "string",
        types: ["string"],
        examples: ["pro", "free"],
        contacts: 2,
      });
      expect(prop("seats")).toMatchObject({
        types: expect.arrayContaining(["number", "string"]),
        contacts: 2,
      });
      expect(prop("signed_up_at")).toMatchObject({ type: "date" });
      expect(prop("tags")).toMatchObject({ type: "array", examples: [["a", "b"]] });
      expect(prop("trial")).toMatchObject({ type: "boolean" });
      expect(prop("referrals")).toMatchObject({ type: "object" });
      expect(catalog.module_fields).toEqual([
        {
          name: "billing.mrr",
          module: "billing",
          type: "number",
          types: ["number"],
          examples: [49],
          contacts: 1,
        },
        {
          name: "referrals.code",
          module: "referrals",
          type: "string",
          types: ["string"],
          examples: ["X1"],
          contacts: 1,
        },
        {
          name: "referrals.count",
          module: "referrals",
          type: "number",
          types: ["number"],
          examples: [2],
          contacts: 1,
        },
      ]);
      expect(catalog.events).toEqual([
        { name: "login", count: 1, contacts: 1, properties: [] },
        {
          name: "purchase",
          count: 3,
          contacts: 2,
          properties: [
            { name: "amount", type: "number", types: ["number"], examples: [30, 12, 5], count: 3 },
            { name: "currency", type: "string", types: ["string"], examples: ["EUR"], count: 1 },
          ],
        },
      ]);
      expect(catalog.scores).toEqual([{ name: "nps", contacts: 2, min: 3, max: 9 }]);
      expect(catalog.sample).toEqual({ contacts: 2, events: 4, complete: true });
    });

    it("shows only the workspace's own data", async () => {
      await api.batch([{ type: "identify", userId: "u1", traits: { secret: "a" } }]);
      expect((await client(t, KEY_B).get("/v1/catalog")).json()).toEqual({
        properties: [],
        events: [],
        scores: [],
        module_fields: [],
        sample: { contacts: 0, events: 0, complete: true },
      });
    });
  });
});
