import { describe, expect, it } from "vitest";
import { encodeCursor } from "../../src/http/segments/member-cursor.ts";
import { client, ids, only, planIs, plans, seg, walk } from "./support/api-client.ts";
import { forEachStore } from "./support/store-matrix.ts";
import { expectProblem, KEY_B, T0 } from "./support/test-app.ts";
import { useTestApp } from "./support/use-test-app.ts";

forEachStore((backend) => {
  const t = useTestApp(backend);
  const api = client(t);

  type Member = { contact_id: string; since: string };
  const membersOf = (id: string, limit: number) => (cursor: string | null) =>
    api.get(`/v1/segments/${id}/members?limit=${limit}${cursor === null ? "" : `&cursor=${cursor}`}`);

  describe("GET /v1/segments/{id}/members", () => {
    it("pages through every member once, in contact-id order", async () => {
      const pros = ids(250);
      await api.batch([...plans(pros, "pro"), ...plans(ids(40, "f"), "free")]);
      const id = await api.segment(planIs("pro"));
      const pages = await walk<Member>(membersOf(id, 7));
      expect(pages.length).toBe(Math.ceil(250 / 7));
      expect(pages.flat().map((m) => m.contact_id)).toEqual(pros);
      expect(pages.flat()[0].since).toBe(new Date(T0).toISOString());
      const first = (await api.get(`/v1/segments/${id}/members`)).json();
      expect(first.data).toHaveLength(100);
      const all = (await api.get(`/v1/segments/${id}/members?limit=1000`)).json();
      expect(all).toMatchObject({ next_cursor: null });
      expect(all.data).toHaveLength(250);
    });

    it("has no duplicates and no gaps while contacts enter and leave during the walk", async () => {
      // Interleaved ids: `a` stays a member, `b` flips in and out, `c` arrives during the walk.
      const n = 120;
      const stay = ids(n, "m").map((s) => `${s}a`);
      const flip = ids(n, "m").map((s) => `${s}b`);
      await api.batch([...plans(stay, "pro"), ...plans(flip, "pro")]);
      const id = await api.segment(planIs("pro"));
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let step = 0; ; step++) {
        const churn = [
          ...plans(
            flip.filter((_, i) => i % 3 === step % 3),
            step % 2 ? "pro" : "free",
          ),
          ...plans([`m${String(step * 7).padStart(4, "0")}c`], "pro"),
        ];
        const [res] = await Promise.all([membersOf(id, 9)(cursor), api.batch(churn)]);
        const body = res.json() as { data: Member[]; next_cursor: string | null };
        seen.push(...body.data.map((m) => m.contact_id));
        if (body.next_cursor === null) break;
        cursor = body.next_cursor;
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort()).toEqual(seen);
      for (const s of stay) expect(seen).toContain(s);
    });

    it.each([
      ["limit=0", "/limit"],
      ["limit=1001", "/limit"],
      ["limit=abc", "/limit"],
      ["limit=1.5", "/limit"],
      ["limit=-1", "/limit"],
      ["cursor=abc", "/cursor"],
      ["cursor=%21%21", "/cursor"],
      [`cursor=${Buffer.from("u0001").toString("base64url")}`, "/cursor"],
      [`cursor=${encodeCursor("u0001")}=`, "/cursor"],
      [`cursor=${Buffer.from([0x63, 0x31, 0x3a, 0xff]).toString("base64url")}`, "/cursor"],
    ])("refuses %s (400)", async (query, path) => {
      await api.batch(plans(["u0001"], "pro"));
      const id = await api.segment(planIs("pro"));
      const problem = expectProblem(await api.get(`/v1/segments/${id}/members?${query}`), 400);
      expect(problem.errors).toEqual([expect.objectContaining({ path, in: "querystring" })]);
    });

    it("an unknown segment is 404", async () => {
      expectProblem(await api.get("/v1/segments/nope/members"), 404);
    });
  });

  describe("GET /v1/segments/{id}/members/{contactId}", () => {
    it("answers now from the store and as of `at` from the change log", async () => {
      await api.batch(plans(["u1", "u 2/é"], "pro"));
      const id = await api.segment(planIs("pro"));
      t.clock.advanceBy(3_600_000);
      await api.batch(plans(["u1"], "free"));
      const check = (contact: string, at?: number) =>
        api.get(
          `/v1/segments/${id}/members/${encodeURIComponent(contact)}${at === undefined ? "" : `?at=${new Date(at).toISOString()}`}`,
        );
      const since = new Date(T0).toISOString();
      expect((await check("u1")).json()).toEqual({ member: false });
      expect((await check("u 2/é")).json()).toEqual({ member: true, since });
      expect((await check("u1", T0 + 1000)).json()).toEqual({ member: true, since });
      expect((await check("u1", T0 + 3_600_000)).json()).toEqual({ member: false });
      expect((await check("u1", T0 - 1)).json()).toEqual({ member: false });
      expect((await check("nobody")).json()).toEqual({ member: false });
    });

    it("refuses a bad `at` (400) and an unknown segment (404)", async () => {
      const id = await api.segment(planIs("pro"));
      const problem = expectProblem(await api.get(`/v1/segments/${id}/members/u1?at=yesterday`), 400);
      expect(problem.errors).toEqual([expect.objectContaining({ path: "/at", in: "querystring" })]);
      expectProblem(await api.get("/v1/segments/nope/members/u1"), 404);
    });
  });

  describe("GET /v1/segments/{id}/explain/{contactId}", () => {
    it("shows each node's result and the values it compared", async () => {
      await api.batch([...plans(["u1"], "pro"), { type: "score", userId: "u1", score: "nps", value: 6 }]);
      const pros = await api.segment(planIs("pro"));
      const id = await api.segment({
        type: "group",
        combinator: "or",
        children: [{ type: "score", score: "nps", operator: "gte", value: 9 }, seg(pros)],
      });
      const res = await api.get(`/v1/segments/${id}/explain/u1`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        segment_id: id,
        contact_id: "u1",
        evaluated_at: new Date(T0).toISOString(),
        type: "group",
        result: true,
        children: [
          { type: "score", path: "/children/0", result: false, observed: { kind: "value", value: 6 } },
          { type: "group", path: "/children/1", result: true, children: [{ type: "segment", result: true }] },
        ],
      });
    });

    it("an unknown contact or segment is 404", async () => {
      await api.batch(plans(["u1"], "pro"));
      const id = await api.segment(only({ type: "property", property: "plan", operator: "exists" }));
      expectProblem(await api.get(`/v1/segments/${id}/explain/nobody`), 404);
      expectProblem(await api.get("/v1/segments/nope/explain/u1"), 404);
      // B's own contact of the same id is not A's.
      await client(t, KEY_B).batch(plans(["b-only"], "pro"));
      expectProblem(await api.get(`/v1/segments/${id}/explain/b-only`), 404);
    });
  });
});
