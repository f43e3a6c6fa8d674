import { describe, expect, it } from "vitest";
import { type AudienceQuery, SegmentsClient } from "../../../client/src/index.ts";
import { encodeCursor } from "../../src/http/segments/member-cursor.ts";
import { type Client, client, ids, only, planIs, plans } from "./support/api-client.ts";
import { forEachStore } from "./support/store-matrix.ts";
import { expectProblem, KEY_A, KEY_B } from "./support/test-app.ts";
import { useTestApp } from "./support/use-test-app.ts";

forEachStore((backend) => {
  /** The client outreach modules use, over a real socket. */
  let modules: SegmentsClient;
  const t = useTestApp(backend, {
    setup: async () => {
      const url = await t.app.listen({ port: 0, host: "127.0.0.1" });
      modules = new SegmentsClient({ baseUrl: url, apiKey: KEY_A });
    },
  });
  const api = client(t);

  type Row = { contact_id: string; segments: string[] };
  const country = (value: string) => only({ type: "property", property: "country", operator: "eq", value });
  const resolve = (body: Record<string, unknown>, c: Client = api) => c.post("/v1/audiences/resolve", body);

  /** Every page of the audience through the client, `limit` contacts a page at most. */
  async function walkAudience(query: AudienceQuery, limit: number): Promise<Row[]> {
    const rows: Row[] = [];
    for await (const page of modules.resolveAudience({ ...query, pageSize: limit }).pages()) {
      expect(page.length).toBeLessThanOrEqual(limit);
      rows.push(...page);
    }
    return rows;
  }

  describe("POST /v1/audiences/resolve", () => {
    it("gives contacts in any include segment and in no exclude segment, once each, by id", async () => {
      // Ids whose UTF-16 order differs from their byte order, to hold the merge to the store's order.
      await api.batch([
        { type: "identify", userId: "a", traits: { plan: "pro", country: "de" } },
        { type: "identify", userId: "b", traits: { plan: "pro" } },
        { type: "identify", userId: "c", traits: { country: "de", churn: true } },
        { type: "identify", userId: "d", traits: { country: "de" } },
        { type: "identify", userId: "\uffff", traits: { plan: "pro" } },
        { type: "identify", userId: "😀", traits: { country: "de" } },
        { type: "identify", userId: "e", traits: { plan: "free" } },
      ]);
      const pro = await api.segment(planIs("pro"));
      const de = await api.segment(country("de"));
      const churn = await api.segment(only({ type: "property", property: "churn", operator: "is_true" }));
      const expected = [
        { contact_id: "a", segments: [pro, de] },
        { contact_id: "b", segments: [pro] },
        { contact_id: "d", segments: [de] },
        { contact_id: "\uffff", segments: [pro] },
        { contact_id: "😀", segments: [de] },
      ];
      const body = { include: [pro, de, pro], exclude: [churn] };
      const res = await resolve(body);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ data: expected, next_cursor: null });
      for (const limit of [1, 2, 3]) expect(await walkAudience(body, limit)).toEqual(expected);
      expect((await resolve({ include: [churn] })).json().data).toEqual([
        { contact_id: "c", segments: [churn] },
      ]);
      expect((await resolve({ include: [churn], exclude: [churn] })).json().data).toEqual([]);
    });

    it("walks without duplicates or gaps while contacts enter and leave", async () => {
      const stay = ids(90, "m").map((s) => `${s}a`);
      const flip = ids(90, "m").map((s) => `${s}b`);
      await api.batch([
        ...plans(stay, "pro"),
        ...flip.map((userId) => ({ type: "identify", userId, traits: { country: "de" } })),
      ]);
      const pro = await api.segment(planIs("pro"));
      const de = await api.segment(country("de"));
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let step = 0; ; step++) {
        const churn = flip
          .filter((_, i) => i % 4 === step % 4)
          .map((userId) => ({ type: "identify", userId, traits: { country: step % 2 ? "de" : "fr" } }));
        const [res] = await Promise.all([
          resolve({ include: [pro, de], limit: 8, ...(cursor === undefined ? {} : { cursor }) }),
          api.batch(churn),
        ]);
        const page = res.json() as { data: Row[]; next_cursor: string | null };
        seen.push(...page.data.map((r) => r.contact_id));
        if (page.next_cursor === null) break;
        cursor = page.next_cursor;
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort()).toEqual(seen);
      for (const s of stay) expect(seen).toContain(s);
    });

    it("names every unknown segment (404), at its place in the body", async () => {
      const pro = await api.segment(planIs("pro"));
      const problem = expectProblem(
        await resolve({ include: [pro, "nope"], exclude: ["gone", "nope"] }),
        404,
      );
      expect(problem.detail).toContain("nope, gone");
      expect(problem.errors.map((e) => e.path)).toEqual(["/include/1", "/exclude/0", "/exclude/1"]);
    });

    it.each([
      [{ include: [] }, "/include"],
      [{}, "/include"],
      [{ include: ["x"], limit: 0 }, "/limit"],
      [{ include: ["x"], limit: 1001 }, "/limit"],
      [{ include: ["x"], cursor: "zzz" }, "/cursor"],
      [{ include: ["x"], cursor: encodeCursor("") }, "/cursor"],
      [{ include: ["x"], extra: true }, "/extra"],
    ])("refuses %j (400)", async (body, path) => {
      const problem = expectProblem(await resolve(body), 400);
      expect(problem.errors.map((e) => e.path)).toContain(path);
    });

    it("another workspace's segments are unknown (404)", async () => {
      await api.batch(plans(["u1"], "pro"));
      const pro = await api.segment(planIs("pro"));
      const problem = expectProblem(await resolve({ include: [pro] }, client(t, KEY_B)), 404);
      expect(problem.errors.map((e) => e.path)).toEqual(["/include/0"]);
    });
  });
});
