import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FakeClock } from "../../src/clock/fake-clock.ts";
import { buildApp } from "../../src/http/build-app.ts";
import { SegmentsService } from "../../src/service/segments-service.ts";
import { SqliteStore } from "../../src/store/sqlite/index.ts";
import { snapshot } from "../store/conformance/snapshot.ts";
import { client, inList, plans } from "./support/api-client.ts";
import { forEachStore } from "./support/store-matrix.ts";
import { bearer, expectProblem, KEY_A, KEY_B, startTestApp, T0 } from "./support/test-app.ts";
import { useTestApp } from "./support/use-test-app.ts";

forEachStore((backend) => {
  const t = useTestApp(backend, {
    setup: async (app) => {
      await client(app).batch(plans(["u1", "u2", "u3"], "pro"));
    },
  });
  const api = client(t);

  async function newList(name = "VIPs"): Promise<string> {
    const res = await api.post("/v1/lists", { name });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }
  const memberIds = async (segment: string) =>
    (await api.get(`/v1/segments/${segment}/members`))
      .json()
      .data.map((m: { contact_id: string }) => m.contact_id);
  const csv = (list: string, body: string) =>
    t.app.inject({
      method: "PUT",
      url: `/v1/lists/${list}/members`,
      headers: { ...bearer(KEY_A), "content-type": "text/csv" },
      payload: body,
    });

  describe("POST /v1/lists, GET /v1/lists", () => {
    it("creates a list (201) and lists it", async () => {
      const res = await api.post("/v1/lists", { name: "VIPs" });
      expect(res.statusCode).toBe(201);
      const list = res.json();
      expect(list).toEqual({
        id: expect.stringMatching(/^lst_[0-9a-f]{16}$/),
        name: "VIPs",
        size: 0,
        created_at: new Date(T0).toISOString(),
      });
      expect((await api.get("/v1/lists")).json()).toEqual({
        data: [{ id: list.id, name: "VIPs", created_at: list.created_at }],
      });
    });

    it.each([
      [{}, "/name"],
      [{ name: "" }, "/name"],
      [{ name: "x", size: 3 }, "/size"],
    ])("refuses %j (400)", async (body, path) => {
      const problem = expectProblem(await api.post("/v1/lists", body), 400);
      expect(problem.errors.map((e) => e.path)).toContain(path);
      expect((await api.get("/v1/lists")).json()).toEqual({ data: [] });
    });
  });

  describe("list members", () => {
    it("add and remove go through ingestion: segments reading the list follow", async () => {
      const list = await newList();
      const segment = await api.segment(inList(list));
      const added = await api.post(`/v1/lists/${list}/members`, { add: ["u1", "u2", "new", "u1"] });
      expect(added.statusCode, added.body).toBe(200);
      expect(added.json()).toMatchObject({ id: list, name: "VIPs" });
      expect(await memberIds(segment)).toEqual(["new", "u1", "u2"]);
      expect(await t.store.getContact("a", "new")).toMatchObject({ lists: [list] });
      await api.post(`/v1/lists/${list}/members`, { remove: ["u1", "ghost"] });
      expect(await memberIds(segment)).toEqual(["new", "u2"]);
      expect(await t.store.getContact("a", "ghost")).toBeUndefined();
      const exits = (await t.store.changes("a", 0, 100, segment)).filter((c) => c.change === "exited");
      expect(exits.map((c) => c.contactId)).toEqual(["u1"]);
    });

    it("PUT replaces the whole list, from JSON", async () => {
      const list = await newList();
      const segment = await api.segment(inList(list));
      await api.post(`/v1/lists/${list}/members`, { add: ["u1", "u2"] });
      const res = await api.put(`/v1/lists/${list}/members`, { ids: ["u2", "u3", "u3"] });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ id: list, size: 2 });
      expect(await memberIds(segment)).toEqual(["u2", "u3"]);
      await api.put(`/v1/lists/${list}/members`, { ids: [] });
      expect(await memberIds(segment)).toEqual([]);
    });

    it("PUT replaces the whole list, from text/csv (header, quotes, blank rows, other columns)", async () => {
      const list = await newList();
      const segment = await api.segment(inList(list));
      await api.post(`/v1/lists/${list}/members`, { add: ["u1"] });
      const res = await csv(
        list,
        '\uFEFFcontact_id,since\r\nu2,2026-01-01\r\n"u,""4"""\r\n\r\n"multi\nline",x\nu3',
      );
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ size: 4 });
      expect(await memberIds(segment)).toEqual(["multi\nline", 'u,"4"', "u2", "u3"]);
    });

    it.each([
      ['"unclosed\r\n', 400, "malformed-body"],
      ['"a"b\r\n', 400, "malformed-body"],
      [",second-column-only\r\n", 400, "validation"],
    ])("refuses the CSV %j", async (body, status, type) => {
      const list = await newList();
      const before = await snapshot(t.store, "a", { contacts: ["u1"], segments: [], messages: [] });
      const problem = expectProblem(await csv(list, body), status);
      expect(problem.type).toMatch(new RegExp(`${type}$`));
      expect(await snapshot(t.store, "a", { contacts: ["u1"], segments: [], messages: [] })).toEqual(before);
    });

    it.each([
      [{ add: ["u1"], remove: ["u2", "u1"] }, "/remove/1"],
      [{ add: [""] }, "/add/0"],
      [{ add: "u1" }, "/add"],
      [{ add: ["u\u0000"] }, "/add/0"],
      [{ members: ["u1"] }, "/members"],
    ])("refuses the edit %j (400) and changes nothing", async (body, path) => {
      const list = await newList();
      const before = await snapshot(t.store, "a", { contacts: ["u1", "u2"], segments: [], messages: [] });
      const problem = expectProblem(await api.post(`/v1/lists/${list}/members`, body), 400);
      expect(problem.errors.map((e) => e.path)).toContain(path);
      expect(await snapshot(t.store, "a", { contacts: ["u1", "u2"], segments: [], messages: [] })).toEqual(
        before,
      );
    });

    it("an unknown list is 404", async () => {
      expectProblem(await api.post("/v1/lists/nope/members", { add: ["u1"] }), 404);
      expectProblem(await api.put("/v1/lists/nope/members", { ids: ["u1"] }), 404);
      expectProblem(await api.del("/v1/lists/nope"), 404);
      expect(await t.store.getContact("a", "u1")).toMatchObject({ lists: [] });
    });
  });

  describe("DELETE /v1/lists/{id}", () => {
    it("is refused (409) while a segment reads the list; then deletes it (204)", async () => {
      const list = await newList();
      await api.post(`/v1/lists/${list}/members`, { add: ["u1"] });
      const segment = await api.segment(inList(list));
      expectProblem(await api.del(`/v1/lists/${list}`), 409);
      expect((await api.get("/v1/lists")).json().data).toHaveLength(1);
      expect((await api.del(`/v1/segments/${segment}`)).statusCode).toBe(204);
      const res = await api.del(`/v1/lists/${list}`);
      expect(res.statusCode).toBe(204);
      expect((await api.get("/v1/lists")).json()).toEqual({ data: [] });
      expect(await t.store.getContact("a", "u1")).toMatchObject({ lists: [] });
      expectProblem(await api.post(`/v1/lists/${list}/members`, { add: ["u1"] }), 404);
      const ref = expectProblem(await api.post("/v1/segments", { name: "x", rule: inList(list) }), 400);
      expect(ref.errors.map((e) => e.path)).toEqual(["/rule/children/0/list"]);
    });
  });

  describe("isolation between workspaces", () => {
    it("another workspace's key finds none of A's lists and changes nothing", async () => {
      const list = await newList();
      await api.post(`/v1/lists/${list}/members`, { add: ["u1"] });
      const other = client(t, KEY_B);
      const probe = { contacts: ["u1", "u2"], segments: [], messages: [] };
      const before = await snapshot(t.store, "a", probe);
      expectProblem(await other.post(`/v1/lists/${list}/members`, { add: ["u2"] }), 404);
      expectProblem(await other.put(`/v1/lists/${list}/members`, { ids: [] }), 404);
      expectProblem(await other.del(`/v1/lists/${list}`), 404);
      expectProblem(await other.post("/v1/segments", { name: "x", rule: inList(list) }), 400);
      expect((await other.get("/v1/lists")).json()).toEqual({ data: [] });
      expect(await snapshot(t.store, "a", probe)).toEqual(before);
    });
  });
});

describe("persistence", () => {
  it("lists and their members survive a restart; rules may name them after it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "segments-lists-"));
    const path = join(dir, "segments.db");
    try {
      const first = await startTestApp(new FakeClock(T0), new SqliteStore({ path }));
      const a = client(first);
      const res = await a.post("/v1/lists", { name: "Kept" });
      const list = res.json().id as string;
      await a.post(`/v1/lists/${list}/members`, { add: ["k1", "k2"] });
      await first.close();

      const store = new SqliteStore({ path });
      const clock = new FakeClock(T0 + 1000);
      const service = await SegmentsService.open({ store, clock });
      const app = buildApp({ service, store, clock, processMetrics: false });
      try {
        const call = { headers: bearer(KEY_A) };
        const lists = await app.inject({ method: "GET", url: "/v1/lists", ...call });
        expect(lists.json().data).toEqual([expect.objectContaining({ id: list, name: "Kept" })]);
        const created = await app.inject({
          method: "POST",
          url: "/v1/segments",
          ...call,
          payload: { name: "In list", rule: inList(list) },
        });
        expect(created.statusCode, created.body).toBe(201);
        expect(created.json()).toMatchObject({ size: 2 });
      } finally {
        await app.close();
        await service.close();
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
