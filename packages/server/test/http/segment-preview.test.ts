import { describe, expect, it } from "vitest";
import { snapshot } from "../store/conformance/snapshot.ts";
import { client, only, planIs, plans, seg } from "./support/api-client.ts";
import { forEachStore } from "./support/store-matrix.ts";
import { expectProblem, KEY_B } from "./support/test-app.ts";
import { useTestApp } from "./support/use-test-app.ts";

forEachStore((backend) => {
  const t = useTestApp(backend, {
    setup: async (app) => {
      await client(app).batch([
        ...plans(["u1", "u2", "u3"], "pro"),
        ...plans(["u4", "u5"], "free"),
        { type: "track", userId: "u2", event: "purchase" },
        { type: "track", userId: "u4", event: "purchase" },
      ]);
    },
  });
  const api = client(t);

  const bought = only({ type: "event", event: "purchase", operator: "gte", value: 1 });
  const probe = (segments: string[]) => ({
    contacts: ["u1", "u2", "u3", "u4", "u5"],
    segments,
    messages: [],
  });

  describe("POST /v1/segments/preview", () => {
    it("counts and samples the contacts a rule matches, saving nothing", async () => {
      const before = await snapshot(t.store, "a", probe([]));
      const res = await api.post("/v1/segments/preview", { rule: bought });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ count: 2, total: 5, sample: ["u2", "u4"], exact: true });
      expect((await api.post("/v1/segments/preview", { rule: planIs("pro"), sample: 2 })).json()).toEqual({
        count: 3,
        total: 5,
        sample: ["u1", "u2"],
        exact: true,
      });
      expect(
        (await api.post("/v1/segments/preview", { rule: planIs("pro"), sample: 0 })).json().sample,
      ).toEqual([]);
      expect(await snapshot(t.store, "a", probe([]))).toEqual(before);
      expect((await api.get("/v1/segments")).json()).toEqual({ data: [] });
    });

    it("evaluates referenced segments, nested ones too", async () => {
      const pros = await api.segment(planIs("pro"), "Pros");
      const buyers = await api.segment(
        { type: "group", combinator: "and", children: [seg(pros), bought] },
        "Buyers",
      );
      const res = await api.post("/v1/segments/preview", {
        rule: { type: "group", combinator: "or", children: [seg(buyers), planIs("free")] },
      });
      expect(res.json()).toMatchObject({ count: 3, sample: ["u2", "u4", "u5"] });
    });

    it.each([
      ["no rule", { sample: 3 }, "/rule", "validation"],
      ["an unknown field", { rule: bought, extra: 1 }, "/extra", "validation"],
      ["a sample too large", { rule: bought, sample: 101 }, "/sample", "validation"],
      [
        "an invalid rule",
        {
          rule: {
            type: "group",
            combinator: "and",
            children: [{ type: "score", score: "nps", operator: "contains", value: "x" }],
          },
        },
        "/rule/children/0/operator",
        "invalid-rule",
      ],
      ["an unknown segment", { rule: seg("nope") }, "/rule/children/0/segment", "invalid-rule"],
    ])("refuses %s (400)", async (_name, body, path, type) => {
      const problem = expectProblem(await api.post("/v1/segments/preview", body), 400);
      expect(problem.type).toMatch(new RegExp(`${type}$`));
      expect(problem.errors.map((e) => e.path)).toContain(path);
    });

    it("sees only the workspace's own contacts and segments", async () => {
      const pros = await api.segment(planIs("pro"));
      const other = client(t, KEY_B);
      expect((await other.post("/v1/segments/preview", { rule: planIs("pro") })).json()).toMatchObject({
        count: 0,
        total: 0,
      });
      expectProblem(await other.post("/v1/segments/preview", { rule: seg(pros) }), 400);
    });
  });

  describe("POST /v1/segments/{id}/preview", () => {
    it("tells who would enter and who would exit, saving nothing", async () => {
      const id = await api.segment(planIs("pro"));
      const before = await snapshot(t.store, "a", probe([id]));
      const res = await api.post(`/v1/segments/${id}/preview`, { rule: bought });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        count: 2,
        entering: 1,
        exiting: 2,
        entering_sample: ["u4"],
        exiting_sample: ["u1", "u3"],
        total: 5,
      });
      expect(await snapshot(t.store, "a", probe([id]))).toEqual(before);
    });

    it("shows at most 10 ids each way", async () => {
      const many = Array.from({ length: 15 }, (_, i) => `n${String(i).padStart(2, "0")}`);
      await api.batch(plans(many, "trial"));
      const id = await api.segment(planIs("pro"));
      const body = (await api.post(`/v1/segments/${id}/preview`, { rule: planIs("trial") })).json();
      expect(body).toMatchObject({ count: 15, entering: 15, exiting: 3 });
      expect(body.entering_sample).toEqual(many.slice(0, 10));
    });

    it("refuses a rule that would form a cycle (400) and an unknown segment (404)", async () => {
      const a = await api.segment(planIs("pro"), "A");
      const b = await api.segment(seg(a), "B");
      const cycle = expectProblem(await api.post(`/v1/segments/${a}/preview`, { rule: seg(b) }), 400);
      expect(cycle.errors.map((e) => e.path)).toEqual(["/rule/children/0/segment"]);
      expectProblem(await api.post("/v1/segments/nope/preview", { rule: bought }), 404);
    });
  });
});
