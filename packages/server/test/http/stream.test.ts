import { afterEach, describe, expect, it } from "vitest";
import { planIs } from "./support/api-client.ts";
import { type SseClient as Client, SseClient } from "./support/sse-client.ts";
import { forEachStore } from "./support/store-matrix.ts";
import { bearer, expectProblem, KEY_A, KEY_B, T0 } from "./support/test-app.ts";
import { useTestApp } from "./support/use-test-app.ts";

forEachStore((backend) => {
  let url: string;
  const clients: Client[] = [];

  const t = useTestApp(backend, {
    setup: async () => {
      await t.a.createSegment({ id: "pros", name: "Pros", rule: planIs("pro") });
      await t.a.createSegment({ id: "teams", name: "Teams", rule: planIs("team") });
      await t.a.createSegment({ id: "frees", name: "Frees", rule: planIs("free") });
      await t.b.createSegment({ id: "b-pros", name: "B pros", rule: planIs("pro") });
      url = await t.app.listen({ port: 0, host: "127.0.0.1" });
    },
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });

  async function open(query = "", headers: Record<string, string> = {}, key = KEY_A): Promise<Client> {
    const client = await SseClient.connect(`${url}/v1/stream${query}`, { ...bearer(key), ...headers });
    clients.push(client);
    // The first block (retry and the start id) arrives at once: the stream is live from here.
    await client.until(() => client.lastEventId !== "");
    return client;
  }

  const identify = (userId: string, plan: string, key = KEY_A) =>
    t.app.inject({
      method: "POST",
      url: "/v1/identify",
      headers: bearer(key),
      payload: { userId, traits: { plan } },
    });

  const seqs = (c: Client) => c.events.map((e) => Number(e.id));

  describe("GET /v1/stream", () => {
    it("sends one event per change from now on, with id = seq and the change record as data", async () => {
      await identify("before", "pro");
      const client = await open();
      expect(client.status).toBe(200);
      expect(client.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
      expect(client.lastEventId).toBe("1");
      await identify("u1", "pro");
      await identify("u1", "team");
      await client.untilEvents(3);
      expect(client.events).toEqual([
        { id: "2", event: "segment.entered", data: expect.any(String) },
        { id: "3", event: "segment.exited", data: expect.any(String) },
        { id: "4", event: "segment.entered", data: expect.any(String) },
      ]);
      const at = new Date(T0).toISOString();
      expect(client.events.map((e) => JSON.parse(e.data))).toEqual([
        { seq: 2, segment_id: "pros", contact_id: "u1", change: "entered", at },
        { seq: 3, segment_id: "pros", contact_id: "u1", change: "exited", at },
        { seq: 4, segment_id: "teams", contact_id: "u1", change: "entered", at },
      ]);
    });

    it("starts after ?after= or Last-Event-ID (the header wins), replaying the log", async () => {
      for (const [i, plan] of ["pro", "team", "pro"].entries()) await identify(`u${i}`, plan);
      const fromQuery = await open("?after=1");
      await fromQuery.untilEvents(2);
      expect(seqs(fromQuery)).toEqual([2, 3]);
      const fromHeader = await open("?after=0", { "last-event-id": "2" });
      await fromHeader.untilEvents(1);
      expect(seqs(fromHeader)).toEqual([3]);
    });

    it("filters by segment, moving the resume point past other segments' changes", async () => {
      const teams = await open("?segments=teams");
      const both = await open("?segments=teams,pros");
      await identify("u1", "pro");
      await identify("u2", "team");
      await identify("u3", "free");
      await both.until(() => both.lastEventId === "3");
      await teams.untilEvents(1);
      expect(seqs(teams)).toEqual([2]);
      expect(seqs(both)).toEqual([1, 2]);
    });

    it("loses nothing and repeats nothing when resumed with Last-Event-ID while changes keep coming", async () => {
      const plans = Array.from({ length: 120 }, (_, i) => [`u${i % 7}`, i % 2 === 0 ? "pro" : "team"]);
      // A contact's first plan is one entry; a switch is an exit and an entry.
      const current = new Map<string, string>();
      let total = 0;
      for (const [user, plan] of plans) {
        total += current.get(user) === undefined ? 1 : current.get(user) === plan ? 0 : 2;
        current.set(user, plan);
      }
      let produced = false;
      const producing = (async () => {
        for (const [user, plan] of plans) await identify(user, plan);
        produced = true;
      })();
      const received: number[] = [];
      let lastId = "0";
      let resumedMidway = 0;
      while (received.length < total) {
        if (!produced) resumedMidway++;
        const client = await open("", { "last-event-id": lastId });
        await client.untilEvents(Math.min(17, total - received.length));
        await client.close();
        received.push(...seqs(client));
        lastId = client.lastEventId;
      }
      await producing;
      const log = await t.store.changes("a", 0, 1000);
      expect(received).toEqual(log.map((c) => c.seq));
      expect(new Set(received).size).toBe(received.length);
      expect(resumedMidway).toBeGreaterThan(2);
    });

    it("sends a heartbeat comment after 15 s without changes", async () => {
      const client = await open();
      expect(client.comments).toEqual([]);
      t.clock.advanceBy(15_000);
      await client.until(() => client.comments.length > 0);
      expect(client.comments).toEqual(["heartbeat"]);
    });

    it("unsubscribes when the client goes away, and ends open streams when the server closes", async () => {
      const pipeline = t.a.pipeline;
      const gone = await open();
      const staying = await open("?segments=pros");
      expect(pipeline.commitListenerCount).toBe(2);
      await gone.close();
      await identify("u1", "pro"); // wakes the stream, which finds its client gone
      await staying.untilEvents(1);
      await expect.poll(() => pipeline.commitListenerCount).toBe(1);
      await t.app.close();
      await staying.ended;
      expect(pipeline.commitListenerCount).toBe(0);
    });

    it("answers problems before streaming: unknown segment 404, bad ids or seqs 400, no key 401", async () => {
      const get = (query: string, headers: Record<string, string> = bearer(KEY_A)) =>
        t.app.inject({ method: "GET", url: `/v1/stream${query}`, headers });
      expect(expectProblem(await get("?segments=pros,nope"), 404).detail).toMatch(/nope/);
      expectProblem(await get("?segments="), 400);
      expectProblem(await get("?segments=pros,,teams"), 400);
      expectProblem(await get("?after=-1"), 400);
      expectProblem(await get("", { ...bearer(KEY_A), "last-event-id": "abc" }), 400);
      expectProblem(await get("", {}), 401);
    });

    it("keeps workspaces apart: B sees only its own changes and none of A's segments", async () => {
      expectProblem(
        await t.app.inject({ method: "GET", url: "/v1/stream?segments=pros", headers: bearer(KEY_B) }),
        404,
      );
      const b = await open("?after=0", {}, KEY_B);
      await identify("u1", "pro");
      await identify("u1", "pro", KEY_B);
      await b.untilEvents(1);
      expect(b.events.map((e) => JSON.parse(e.data).segment_id)).toEqual(["b-pros"]);
    });
  });
});
