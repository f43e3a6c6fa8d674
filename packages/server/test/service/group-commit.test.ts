/**
 * A turn evaluated while the previous one commits is refused if that commit fails, and memory is
 * reloaded from the store: nothing of either turn is stored or kept, and their ids are free again.
 */
import { setImmediate as nextMacrotask } from "node:timers/promises";
import type { Group } from "@growthos/segments-core";
import { afterEach, describe, expect, it } from "vitest";
import { FakeClock } from "../../src/clock/fake-clock.ts";
import type { PipelineOptions } from "../../src/pipeline/workspace-pipeline.ts";
import type { IngestMessage } from "../../src/runtime/ingest-message.ts";
import { SegmentsService } from "../../src/service/segments-service.ts";
import { SqliteStore } from "../../src/store/sqlite/index.ts";
import type { WriteBatch } from "../../src/store/write-batch.ts";

const T0 = Date.UTC(2026, 0, 10);
const WS = "ws_group";
const pro: Group = {
  type: "group",
  combinator: "and",
  children: [{ type: "property", property: "plan", operator: "eq", value: "pro" }],
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A store whose commits can be held and failed, recording each batch it was asked to commit. */
async function gatedService(pipeline: Partial<PipelineOptions> = {}, clock = new FakeClock(T0)) {
  const store = new SqliteStore({ path: ":memory:" });
  const commit = store.commit.bind(store);
  const gate = { held: null as Promise<void> | null, fail: false, batches: [] as WriteBatch[] };
  store.commit = async (batch) => {
    gate.batches.push(batch);
    if (gate.held !== null) await gate.held;
    if (gate.fail) {
      gate.fail = false;
      throw new Error("disk full");
    }
    return commit(batch);
  };
  const service = await SegmentsService.open({ store, clock, pipeline });
  cleanups.push(() => service.close());
  const ws = await service.createWorkspace({ id: WS, name: "group", apiKeyHash: "k", createdAt: T0 });
  await ws.createSegment({ id: "pro", name: "Pro", rule: pro });
  let release = () => {};
  const hold = () => {
    gate.held = new Promise<void>((r) => {
      release = () => {
        gate.held = null;
        r();
      };
    });
    gate.batches = [];
  };
  return { store, ws, gate, hold, release: () => release() };
}

const identify = (userId: string, messageId: string, plan = "pro"): IngestMessage => ({
  type: "identify",
  userId,
  traits: { plan },
  timestamp: T0,
  messageId,
});

/** Lets the pipeline run its turns up to the held commit. */
async function turns(): Promise<void> {
  for (let i = 0; i < 5; i++) await nextMacrotask();
}

describe("a failed commit", () => {
  it("refuses the turns evaluated on top of a failed commit and reloads their contacts", async () => {
    const { store, ws, gate, hold, release } = await gatedService();
    await ws.ingest([identify("dan", "m0")]);
    hold();
    gate.fail = true;
    const a = ws.ingest([identify("ann", "m1")]);
    await turns();
    const b = ws.ingest([identify("bob", "m2"), identify("dan", "m3", "free")]);
    await turns();
    release();
    const [ra, rb] = await Promise.allSettled([a, b]);
    expect(ra.status === "rejected" && String(ra.reason)).toMatch("disk full");
    expect(rb.status === "rejected" && String(rb.reason)).toMatch("an earlier commit failed");
    // Nothing of either is stored, and memory agrees with the store.
    expect(await store.getContact(WS, "ann")).toBeUndefined();
    expect(await store.getContact(WS, "bob")).toBeUndefined();
    expect(ws.runtime.contacts.has("ann")).toBe(false);
    expect(ws.runtime.contacts.has("bob")).toBe(false);
    expect(ws.runtime.isMember("dan", "pro")).toBe(true);
    expect((await store.members(WS, "pro", 10)).data.map((m) => m.contactId)).toEqual(["dan"]);
    // The refused message ids are free again: a retry is processed, not taken for a duplicate.
    expect(await ws.ingest([identify("bob", "m2")])).toEqual({ accepted: 1, duplicates: 0 });
    expect((await store.members(WS, "pro", 10)).data.map((m) => m.contactId)).toEqual(["bob", "dan"]);
    expect((await store.changes(WS, 0, 10, "pro")).map((x) => [x.seq, x.contactId])).toEqual([
      [1, "dan"],
      [2, "bob"],
    ]);
  });
});

describe("a contact deleted and written again", () => {
  it("ends the group at the deletion, so that the writes after it survive, in one call or across calls", async () => {
    const { store, ws, gate, hold, release } = await gatedService();
    const del = (userId: string, messageId: string): IngestMessage => ({ type: "delete", userId, messageId });
    await ws.ingest([identify("ann", "m0"), identify("bob", "m1")]);

    // One call: written, deleted, written again.
    const one = await ws.ingest([identify("ann", "m2", "free"), del("ann", "m3"), identify("ann", "m4")]);
    expect(one).toEqual({ accepted: 3, duplicates: 0 });

    // Three calls queued behind a held commit, so that they would share a group.
    hold();
    const held = ws.ingest([identify("cy", "m5")]);
    await turns();
    const calls = [
      ws.ingest([identify("bob", "m6", "free")]),
      ws.ingest([del("bob", "m7")]),
      ws.ingest([identify("bob", "m8")]),
    ];
    await turns();
    release();
    await Promise.all([held, ...calls]);
    // The deletion closed its group: the write after it was committed in a later batch.
    const deleting = gate.batches.findIndex((b) => b.deletedContacts.includes("bob"));
    expect(deleting).toBeGreaterThanOrEqual(0);
    expect(gate.batches[deleting].traits.filter((t) => t.contactId === "bob").map((t) => t.value)).toEqual([
      "free",
    ]);

    for (const id of ["ann", "bob"]) {
      const stored = await store.getContact(WS, id);
      expect(stored?.traits, id).toEqual([{ key: "plan", value: "pro", ts: T0 }]);
      expect(ws.runtime.contacts.has(id), id).toBe(true);
      expect(ws.runtime.isMember(id, "pro"), id).toBe(true);
    }
    expect((await store.members(WS, "pro", 10)).data.map((m) => m.contactId)).toEqual(["ann", "bob", "cy"]);
    // Each was in, left with the deletion, and came back.
    const log = (id: string) =>
      store.changes(WS, 0, 100, "pro").then((cs) => cs.filter((c) => c.contactId === id));
    expect((await log("ann")).map((c) => c.change)).toEqual(["entered", "exited", "entered"]);
    // Bob left "pro" with his "free" write, before the deletion.
    expect((await log("bob")).map((c) => c.change)).toEqual(["entered", "exited", "entered"]);
  });
});

describe("the turns of a group commit", () => {
  const ids = (b: WriteBatch) => b.messageIds.join(",");

  it("takes half of what waits when no commit is in flight, so the rest is evaluated during that commit", async () => {
    const { ws, gate, hold, release } = await gatedService();
    hold();
    // Four calls queued at once, with the pipeline idle: as closed-loop senders arrive.
    const calls = ["a", "b", "c", "d"].map((k) =>
      ws.ingest([identify(`u_${k}`, `${k}1`), identify(k, `${k}2`)]),
    );
    await turns();
    // The first turn took two calls; the second was evaluated while the first commit was held.
    expect(gate.batches.map(ids)).toEqual(["a1,a2,b1,b2"]);
    expect(ws.runtime.contacts.has("c")).toBe(true);
    release();
    await Promise.all(calls);
    expect(gate.batches.map(ids)).toEqual(["a1,a2,b1,b2", "c1,c2,d1,d2"]);
  });

  it("takes every waiting call, up to maxBatchMessages, while a commit is in flight", async () => {
    const { ws, gate, hold, release } = await gatedService({ maxBatchMessages: 5 });
    hold();
    const first = ws.ingest([identify("x", "x1")]);
    await turns();
    const calls = ["a", "b", "c", "d"].map((k) => ws.ingest([identify(k, `${k}1`), identify(k, `${k}2`)]));
    await turns();
    // The turn evaluated during the held commit took the calls that fit in 5 messages, not half.
    expect(gate.batches.map(ids)).toEqual(["x1"]);
    expect(["a", "b", "c"].map((k) => ws.runtime.contacts.has(k))).toEqual([true, true, false]);
    release();
    await Promise.all([first, ...calls]);
    expect(gate.batches.map(ids).slice(0, 2)).toEqual(["x1", "a1,a2,b1,b2"]);
    expect(gate.batches.flatMap((b) => b.messageIds)).toHaveLength(9);
  });

  it("still takes a lone call whole, however large", async () => {
    const { ws, gate } = await gatedService();
    const many = Array.from({ length: 40 }, (_, i) => identify(`u${i}`, `m${i}`));
    expect(await ws.ingest(many)).toEqual({ accepted: 40, duplicates: 0 });
    const ingested = gate.batches.filter((b) => b.messageIds.length > 0);
    expect(ingested.map((b) => b.messageIds.length)).toEqual([40]);
  });
});

describe("a messageId sent again", () => {
  /** Answers each store lookup as it stood when asked, but only once `open()` was called. */
  function lateLookups(store: SqliteStore) {
    const seen = store.seenMessageIds.bind(store);
    let open = () => {};
    const opened = new Promise<void>((r) => {
      open = r;
    });
    store.seenMessageIds = async (ws, ids) => {
      const answer = await seen(ws, ids);
      await opened;
      return answer;
    };
    return () => open();
  }

  it("is a duplicate while the first one commits, even when the store's answer predates that commit", async () => {
    const { store, ws, hold, release } = await gatedService();
    hold();
    const first = ws.ingest([identify("ann", "m1")]);
    await turns();
    const open = lateLookups(store);
    const again = ws.ingest([identify("ann", "m1", "free")]);
    await turns();
    release();
    expect(await first).toEqual({ accepted: 1, duplicates: 0 });
    open();
    expect(await again).toEqual({ accepted: 0, duplicates: 1 });
    expect((await store.getContact(WS, "ann"))?.traits).toEqual([{ key: "plan", value: "pro", ts: T0 }]);
    expect(ws.runtime.isMember("ann", "pro")).toBe(true);
  });

  it("is a duplicate when both were queued and the first one's turn came and went before the second's", async () => {
    const { store, ws, gate, hold, release } = await gatedService({ maxBatchMessages: 1 });
    hold();
    const held = ws.ingest([identify("cy", "m0")]);
    await turns();
    // Both looked up now, while neither is stored: one turn each, the first evaluated during the held commit.
    const first = ws.ingest([identify("bob", "m5")]);
    const second = ws.ingest([identify("bob", "m5", "free")]);
    await turns();
    release();
    expect(await held).toEqual({ accepted: 1, duplicates: 0 });
    expect(await first).toEqual({ accepted: 1, duplicates: 0 });
    expect(await second).toEqual({ accepted: 0, duplicates: 1 });
    expect(gate.batches.map((b) => b.messageIds.join(","))).toEqual(["m0", "m5"]);
    expect((await store.getContact(WS, "bob"))?.traits).toEqual([{ key: "plan", value: "pro", ts: T0 }]);
  });

  it("is taken again once the turn that had it failed to commit", async () => {
    const { store, ws, gate, hold, release } = await gatedService({ maxBatchMessages: 1 });
    hold();
    gate.fail = true;
    const failed = ws.ingest([identify("dee", "m7")]);
    await turns();
    // Queued (and looked up) while the turn holding m7 commits; that commit then fails.
    const retry = ws.ingest([identify("dee", "m7")]);
    await turns();
    release();
    expect(String(await failed.catch((e: unknown) => e))).toMatch("disk full");
    expect(await retry.catch((e: unknown) => String(e))).toMatch("an earlier commit failed");
    expect(await ws.ingest([identify("dee", "m7")])).toEqual({ accepted: 1, duplicates: 0 });
    expect((await store.getContact(WS, "dee"))?.traits).toEqual([{ key: "plan", value: "pro", ts: T0 }]);
  });
});
