/**
 * Turns evaluated while a commit is in flight are committed together once it ends; if that
 * commit fails, they are refused too and memory is reloaded from the store.
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
import { settle } from "../support/flush.ts";

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

describe("group commit across turns", () => {
  it("commits the turns evaluated during a commit in one transaction, with no message twice", async () => {
    const { store, ws, gate, hold, release } = await gatedService({ maxPendingTurns: 10 });
    hold();
    const a = ws.ingest([identify("ann", "m1")]);
    await turns();
    const b = ws.ingest([identify("bob", "m2")]);
    await turns();
    const c = ws.ingest([identify("cat", "m3"), identify("bob", "m2")]);
    await turns();
    // Only the first turn has reached the store; the other two wait behind it.
    expect(gate.batches.map((x) => x.messageIds)).toEqual([["m1"]]);
    release();
    expect(await Promise.all([a, b, c])).toEqual([
      { accepted: 1, duplicates: 0 },
      { accepted: 1, duplicates: 0 },
      { accepted: 1, duplicates: 1 },
    ]);
    expect(gate.batches.map((x) => x.messageIds)).toEqual([["m1"], ["m2", "m3"]]);
    const members = await store.members(WS, "pro", 10);
    expect(members.data.map((m) => m.contactId)).toEqual(["ann", "bob", "cat"]);
    const log = await store.changes(WS, 0, 10, "pro");
    expect(log.map((x) => [x.seq, x.contactId])).toEqual([
      [1, "ann"],
      [2, "bob"],
      [3, "cat"],
    ]);
  });

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
    await expect(a).rejects.toThrow("disk full");
    await expect(b).rejects.toThrow("an earlier commit failed");
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

  it("never lets a pending commit hold more due timers than its limit, messages or not", async () => {
    const clock = new FakeClock(T0);
    const { store, ws, gate, hold, release } = await gatedService(
      { maxPendingTurns: 10, maxTimersPerTurn: 4, maxPendingTimers: 3 },
      clock,
    );
    const recent: Group = {
      type: "group",
      combinator: "and",
      children: [
        {
          type: "event",
          event: "visit",
          window: { within_last: { amount: 1, unit: "hour" } },
          operator: "gte",
          value: 1,
        },
      ],
    };
    await ws.createSegment({ id: "recent", name: "Recent", rule: recent });
    const visits = Array.from(
      { length: 20 },
      (_, i): IngestMessage => ({
        type: "track",
        userId: `v${i}`,
        event: "visit",
        properties: {},
        timestamp: T0,
        messageId: `v${i}`,
      }),
    );
    await ws.ingest(visits);
    hold();
    clock.advanceTo(T0 + 3_600_001);
    const sent = [1, 2, 3, 4, 5].map(async (k) => {
      await turns();
      return ws.ingest([identify(`p${k}`, `p${k}`)]);
    });
    await turns();
    release();
    await Promise.all(sent);
    await settle(ws);
    const exits = gate.batches.map((b) => b.changes.filter((c) => c.change === "exited").length);
    expect(exits.reduce((a, b) => a + b, 0)).toBe(20);
    expect(Math.max(...exits)).toBeLessThanOrEqual(3);
    expect((await store.members(WS, "recent", 100)).data).toEqual([]);
  });
});
