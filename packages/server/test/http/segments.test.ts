import { findTemplate } from "@growthos/segments-core";
import { describe, expect, it } from "vitest";
import { snapshot } from "../store/conformance/snapshot.ts";
import { client, planIs, plans, seg } from "./support/api-client.ts";
import { forEachStore } from "./support/store-matrix.ts";
import { expectProblem, KEY_B, T0 } from "./support/test-app.ts";
import { useTestApp } from "./support/use-test-app.ts";

forEachStore((backend) => {
  const t = useTestApp(backend, {
    setup: async (app) => {
      await client(app).batch([...plans(["u1", "u2"], "pro"), ...plans(["u3"], "free")]);
    },
  });
  const api = client(t);

  const probe = (segments: string[]) => ({ contacts: ["u1", "u2", "u3"], segments, messages: [] });

  describe("POST /v1/segments", () => {
    it("creates a segment from a rule, with its membership computed (201)", async () => {
      const res = await api.post("/v1/segments", {
        name: "Pros",
        description: "Paying",
        rule: planIs("pro"),
      });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body).toEqual({
        id: expect.stringMatching(/^seg_[0-9a-f]{16}$/),
        name: "Pros",
        description: "Paying",
        rule: planIs("pro"),
        size: 2,
        status: "live",
        version: 1,
        created_at: new Date(T0).toISOString(),
        updated_at: new Date(T0).toISOString(),
      });
      expect((await api.get(`/v1/segments/${body.id}`)).json()).toEqual(body);
    });

    it("creates a segment from a template, named after it unless a name is given", async () => {
      const template = findTemplate("promoters");
      expect(template).toBeDefined();
      const res = await api.post("/v1/segments", { template: "promoters" });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ name: template?.name, rule: template?.build() });
      const named = await api.post("/v1/segments", {
        name: "Fans",
        template: "new_signups",
        params: { days: 14 },
      });
      expect(named.json()).toMatchObject({
        name: "Fans",
        rule: findTemplate("new_signups")?.build({ days: 14 }),
      });
    });

    it("reports every rule problem at /rule/... and saves nothing", async () => {
      const before = await snapshot(t.store, "a", probe([]));
      const res = await api.post("/v1/segments", {
        name: "Bad",
        rule: {
          type: "group",
          combinator: "and",
          children: [
            { type: "property", property: "plan", operator: "gt", value: "x" },
            { type: "segment", segment: "nope", operator: "in" },
            { type: "list", list: "nolist", operator: "in" },
          ],
        },
      });
      const problem = expectProblem(res, 400);
      expect(problem.type).toMatch(/invalid-rule$/);
      const paths = problem.errors.map((e) => e.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          "/rule/children/0/value",
          "/rule/children/1/segment",
          "/rule/children/2/list",
        ]),
      );
      expect((await api.get("/v1/segments")).json()).toEqual({ data: [] });
      expect(await snapshot(t.store, "a", probe([]))).toEqual(before);
    });

    it.each([
      ["a rule that is not a group", { name: "x", rule: { type: "property" } }, "/rule/type"],
      [
        "an empty group",
        { name: "x", rule: { type: "group", combinator: "and", children: [] } },
        "/rule/children",
      ],
      ["no rule and no template", { name: "x" }, "/rule"],
      ["a rule without a name", { rule: planIs("pro") }, "/name"],
      ["both a rule and a template", { name: "x", rule: planIs("pro"), template: "promoters" }, "/template"],
      ["params without a template", { name: "x", rule: planIs("pro"), params: {} }, "/params"],
      ["an unknown field", { name: "x", rule: planIs("pro"), colour: "red" }, "/colour"],
      ["an unknown template", { template: "nope" }, "/template"],
      [
        "a template param of the wrong type",
        { template: "new_signups", params: { days: "7" } },
        "/params/days",
      ],
      ["an unknown template param", { template: "new_signups", params: { weeks: 1 } }, "/params/weeks"],
      ["params that are not an object", { template: "new_signups", params: [7] }, "/params"],
      ["an empty name", { name: "", rule: planIs("pro") }, "/name"],
    ])("refuses %s (400 at %s)", async (_name, body, path) => {
      const problem = expectProblem(await api.post("/v1/segments", body), 400);
      expect(problem.errors.map((e) => e.path)).toContain(path);
      expect((await api.get("/v1/segments")).json()).toEqual({ data: [] });
    });
  });

  describe("GET /v1/segments", () => {
    it("lists every segment with its size", async () => {
      const pros = await api.segment(planIs("pro"), "Pros");
      const free = await api.segment(planIs("free"), "Free");
      const { data } = (await api.get("/v1/segments")).json();
      expect(data.map((s: { id: string; size: number }) => [s.id, s.size])).toEqual([
        [pros, 2],
        [free, 1],
      ]);
    });

    it("an unknown segment is 404", async () => {
      expectProblem(await api.get("/v1/segments/nope"), 404);
    });
  });

  describe("PUT /v1/segments/{id}", () => {
    it("replaces the definition, bumps the version and records entries and exits", async () => {
      const id = await api.segment(planIs("pro"), "Pros");
      t.clock.advanceBy(1000);
      const res = await api.put(`/v1/segments/${id}`, { name: "Free", rule: planIs("free") });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        name: "Free",
        version: 2,
        size: 1,
        updated_at: new Date(T0 + 1000).toISOString(),
        created_at: new Date(T0).toISOString(),
      });
      const changes = (await api.get(`/v1/segments/${id}/changes`)).json().data;
      expect(
        changes.map((c: { contact_id: string; change: string }) => `${c.contact_id}:${c.change}`).sort(),
      ).toEqual(["u1:entered", "u1:exited", "u2:entered", "u2:exited", "u3:entered"]);
    });

    it("with a template and no name keeps the current name", async () => {
      const id = await api.segment(planIs("pro"), "Mine");
      const res = await api.put(`/v1/segments/${id}`, { template: "promoters" });
      expect(res.json()).toMatchObject({ name: "Mine", rule: findTemplate("promoters")?.build() });
    });

    it("refuses a cycle and an invalid rule, changing nothing", async () => {
      const a = await api.segment(planIs("pro"), "A");
      const b = await api.segment(seg(a), "B");
      const before = await snapshot(t.store, "a", probe([a, b]));
      const cycle = expectProblem(await api.put(`/v1/segments/${a}`, { name: "A", rule: seg(b) }), 400);
      expect(cycle.errors.map((e) => e.path)).toEqual(["/rule/children/0/segment"]);
      const bucket = { type: "group", combinator: "and", children: [{ type: "bucket", percent: 500 }] };
      expectProblem(await api.put(`/v1/segments/${a}`, { name: "A", rule: bucket }), 400);
      expect(await snapshot(t.store, "a", probe([a, b]))).toEqual(before);
    });

    it("an unknown segment is 404", async () => {
      expectProblem(await api.put("/v1/segments/nope", { name: "x", rule: planIs("pro") }), 404);
    });
  });

  describe("DELETE /v1/segments/{id}", () => {
    it("deletes (204) and records the members' exits", async () => {
      const id = await api.segment(planIs("pro"));
      const res = await api.del(`/v1/segments/${id}`);
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe("");
      expectProblem(await api.get(`/v1/segments/${id}`), 404);
      const exits = (await t.store.changes("a", 0, 100, id)).filter((c) => c.change === "exited");
      expect(exits.map((c) => c.contactId).sort()).toEqual(["u1", "u2"]);
    });

    it("is refused (409) while another segment reads it, changing nothing", async () => {
      const a = await api.segment(planIs("pro"), "A");
      const b = await api.segment(seg(a), "B");
      const before = await snapshot(t.store, "a", probe([a, b]));
      expectProblem(await api.del(`/v1/segments/${a}`), 409);
      expect(await snapshot(t.store, "a", probe([a, b]))).toEqual(before);
      expect((await api.del(`/v1/segments/${b}`)).statusCode).toBe(204);
      expect((await api.del(`/v1/segments/${a}`)).statusCode).toBe(204);
    });

    it("an unknown segment is 404", async () => {
      expectProblem(await api.del("/v1/segments/nope"), 404);
    });
  });

  describe("POST /v1/segments/{id}/pause and /resume", () => {
    it("a paused segment keeps its members; resumed, it catches up", async () => {
      const id = await api.segment(planIs("pro"));
      const paused = await api.post(`/v1/segments/${id}/pause`);
      expect(paused.statusCode, paused.body).toBe(200);
      expect(paused.json()).toMatchObject({ status: "paused", size: 2, version: 1 });
      await api.batch(plans(["u1"], "free"));
      expect((await api.get(`/v1/segments/${id}`)).json()).toMatchObject({ status: "paused", size: 2 });
      const resumed = await api.post(`/v1/segments/${id}/resume`);
      expect(resumed.json()).toMatchObject({ status: "live", size: 1 });
      expect((await api.post(`/v1/segments/${id}/resume`)).json()).toMatchObject({ status: "live" });
    });

    it("an unknown segment is 404", async () => {
      expectProblem(await api.post("/v1/segments/nope/pause"), 404);
      expectProblem(await api.post("/v1/segments/nope/resume"), 404);
    });
  });

  describe("isolation between workspaces", () => {
    it("another workspace's key finds none of A's segments and changes nothing", async () => {
      const a = await api.segment(planIs("pro"), "A");
      const other = client(t, KEY_B);
      await other.batch(plans(["u1"], "pro"));
      const before = await snapshot(t.store, "a", probe([a]));
      const calls = [
        other.get(`/v1/segments/${a}`),
        other.put(`/v1/segments/${a}`, { name: "x", rule: planIs("free") }),
        other.del(`/v1/segments/${a}`),
        other.post(`/v1/segments/${a}/pause`),
        other.post(`/v1/segments/${a}/resume`),
        other.post(`/v1/segments/${a}/preview`, { rule: planIs("free") }),
        other.get(`/v1/segments/${a}/members`),
        other.get(`/v1/segments/${a}/members.csv`),
        other.get(`/v1/segments/${a}/members/u1`),
        other.get(`/v1/segments/${a}/explain/u1`),
        other.get(`/v1/segments/${a}/changes`),
        other.get(`/v1/segments/${a}/history`),
      ];
      for (const res of await Promise.all(calls)) expectProblem(res, 404);
      // B cannot reference A's segment in a rule either.
      const ref = expectProblem(await other.post("/v1/segments", { name: "x", rule: seg(a) }), 400);
      expect(ref.errors.map((e) => e.path)).toEqual(["/rule/children/0/segment"]);
      expect((await other.get("/v1/segments")).json()).toEqual({ data: [] });
      expect(await snapshot(t.store, "a", probe([a]))).toEqual(before);
    });
  });
});
