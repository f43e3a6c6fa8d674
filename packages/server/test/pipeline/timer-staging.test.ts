/**
 * Timers evaluated ahead of their instants: an expiry wave is staged while the pipeline is idle,
 * each exit is still recorded at its own instant, and a contact that changes in between, or a
 * segment edited in between, is evaluated afresh. Staging changes no outcome: the change log
 * is the same with it off.
 */
import type { Group } from "@growthos/segments-core";
import { afterEach, describe, expect, it } from "vitest";
import { FakeClock } from "../../src/clock/fake-clock.ts";
import type { PipelineOptions } from "../../src/pipeline/workspace-pipeline.ts";
import type { IngestMessage } from "../../src/runtime/ingest-message.ts";
import { SegmentsService } from "../../src/service/segments-service.ts";
import { SqliteStore } from "../../src/store/sqlite/index.ts";
import { advanceTo } from "../support/flush.ts";
import { joinedWithin } from "../support/webinar.ts";

const T0 = Date.UTC(2026, 0, 10);
const MINUTE = 60_000;
const within = joinedWithin;
/** A segment of a segment: its exit is settled in the same staged pass. */
const notJoined: Group = {
  type: "group",
  combinator: "and",
  children: [{ type: "segment", segment: "joined", operator: "not_in" }],
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const join = (i: number, at: number): IngestMessage => ({
  type: "track",
  userId: `u${i}`,
  event: "webinar.joined",
  properties: {},
  timestamp: at,
  messageId: `m${i}@${at}`,
});

async function open(staging?: PipelineOptions["staging"]) {
  const store = new SqliteStore({ path: ":memory:" });
  const clock = new FakeClock(T0);
  const service = await SegmentsService.open({ store, clock, ...(staging && { pipeline: { staging } }) });
  cleanups.push(() => service.close());
  const ws = await service.createWorkspace({ id: "ws_stage", name: "stage", apiKeyHash: "k", createdAt: T0 });
  await ws.createSegment({ id: "joined", name: "Joined", rule: within(1) });
  await ws.createSegment({ id: "absent", name: "Absent", rule: notJoined });
  return { store, clock, ws };
}

/** 200 contacts join at T0 + i ms, so they leave one a millisecond from T0 + 1 min + 1 ms. */
async function scenario(staging?: PipelineOptions["staging"]) {
  const t = await open(staging);
  // Sent a second later: every join lies in the past (a future one would fire as it enters).
  await advanceTo(t.clock, t.ws, T0 + 1_000);
  await t.ws.ingest(Array.from({ length: 200 }, (_, i) => join(i, T0 + (i % 200))));
  const due = T0 + MINUTE + 1;
  await advanceTo(t.clock, t.ws, due - 1_000);
  await t.ws.pipeline.whenIdle();
  const stagedBefore = t.ws.runtime.timers.stagedCount;
  // Between staging and the wave: u5 joins again (stays in), u3 sends a late join (its exit stays
  // due at the same instant, but its state changed), u7 is deleted, u9 changes a trait no rule reads.
  await t.ws.ingest([
    join(5, t.clock.now()),
    join(3, T0 - 10_000),
    { type: "delete", userId: "u7" },
    { type: "identify", userId: "u9", traits: { plan: "pro" }, timestamp: t.clock.now() },
  ]);
  await advanceTo(t.clock, t.ws, due + 2 * MINUTE);
  const changes = (await t.store.changes("ws_stage", 0, 10_000)).map((c) => ({
    segment: c.segmentId,
    contact: c.contactId,
    change: c.change,
    at: c.at,
  }));
  return { changes, stagedBefore, fired: { ...t.ws.runtime.fired } };
}

describe("timers staged ahead of their instants", () => {
  it("stages a wave while idle and records each exit at its instant", async () => {
    const { changes, stagedBefore, fired } = await scenario();
    expect(stagedBefore).toBe(200);
    const exits = changes.filter((c) => c.segment === "joined" && c.change === "exited");
    expect(exits).toHaveLength(200);
    for (const e of exits) {
      const i = Number(e.contact.slice(1));
      // u7 left when deleted; u5 joined again at due − 1 s: it leaves a minute and 1 ms after that.
      const due =
        i === 7 ? T0 + MINUTE + 1 - 1_000 : i === 5 ? T0 + 2 * (MINUTE + 1) - 1_000 : T0 + MINUTE + 1 + i;
      expect(e.at).toBe(due);
    }
    // Every contact that went absent did so in the same pass as its exit.
    const absent = changes.filter(
      (c) => c.segment === "absent" && c.change === "entered" && c.at > T0 + MINUTE,
    );
    expect(absent.map((c) => c.at).sort()).toEqual(
      exits
        .filter((e) => e.contact !== "u7")
        .map((e) => e.at)
        .sort(),
    );
    // u3 was evaluated afresh; the others took what was staged (u5 at its new instant too).
    expect(fired).toEqual({ staged: 198, evaluated: 1 });
  });

  it("records the same change log as with staging off", async () => {
    const on = await scenario();
    const off = await scenario({ aheadMs: 0, slice: 500, max: 250_000 });
    expect(off.stagedBefore).toBe(0);
    expect(off.fired.staged).toBe(0);
    expect(on.changes).toEqual(off.changes);
  });

  it("evaluates afresh after a segment is edited between staging and the instant", async () => {
    const t = await open();
    await t.ws.ingest(Array.from({ length: 20 }, (_, i) => join(i, T0)));
    await advanceTo(t.clock, t.ws, T0 + MINUTE - 500);
    await t.ws.pipeline.whenIdle();
    expect(t.ws.runtime.timers.stagedCount).toBe(20);
    // Now a 2-minute window: nobody leaves at the first instant.
    await t.ws.updateSegment("joined", { name: "Joined", rule: within(2) });
    await advanceTo(t.clock, t.ws, T0 + MINUTE + 10);
    expect(await t.store.memberCount("ws_stage", "joined")).toBe(20);
    expect(t.ws.runtime.fired.staged).toBe(0);
    await advanceTo(t.clock, t.ws, T0 + 2 * MINUTE + 1);
    expect(await t.store.memberCount("ws_stage", "joined")).toBe(0);
  });

  it("evaluates afresh when the clock has passed a later change of the staged contact", async () => {
    const run = async (staging?: PipelineOptions["staging"]) => {
      const t = await open(staging);
      await t.ws.createSegment({ id: "joined2", name: "Joined 2 min", rule: within(2) });
      await advanceTo(t.clock, t.ws, T0 + 1_000);
      await t.ws.ingest([join(1, T0 + 500)]);
      await advanceTo(t.clock, t.ws, T0 + MINUTE);
      await t.ws.pipeline.whenIdle();
      const staged = t.ws.runtime.timers.stagedCount;
      // One jump past both exits (a busy or suspended process): the turn runs at the later instant.
      t.clock.advanceTo(T0 + 3 * MINUTE);
      await t.ws.pipeline.whenIdle();
      await t.ws.pipeline.exclusive(() => {});
      const changes = (await t.store.changes("ws_stage", 0, 100)).map((c) => [c.segmentId, c.change, c.at]);
      return { staged, changes, fired: { ...t.ws.runtime.fired } };
    };
    const on = await run();
    expect(on.staged).toBe(1);
    expect(on.fired).toEqual({ staged: 0, evaluated: 1 });
    expect(on.changes.filter(([, change]) => change === "exited")).toEqual([
      ["joined", "exited", T0 + 3 * MINUTE],
      ["joined2", "exited", T0 + 3 * MINUTE],
    ]);
    expect(on.changes).toEqual((await run({ aheadMs: 0, slice: 1, max: 1 })).changes);
  });

  it("keeps no more than `max` staged and stages the rest as they are taken", async () => {
    const t = await open({ aheadMs: 5_000, slice: 7, max: 30 });
    await advanceTo(t.clock, t.ws, T0 + 1_000);
    await t.ws.ingest(Array.from({ length: 100 }, (_, i) => join(i, T0 + i)));
    await advanceTo(t.clock, t.ws, T0 + MINUTE - 1_000);
    await t.ws.pipeline.whenIdle();
    expect(t.ws.runtime.timers.stagedCount).toBe(30);
    await advanceTo(t.clock, t.ws, T0 + MINUTE + 200);
    expect(await t.store.memberCount("ws_stage", "joined")).toBe(0);
    expect(t.ws.runtime.fired.staged + t.ws.runtime.fired.evaluated).toBe(100);
    expect(t.ws.runtime.fired.staged).toBeGreaterThanOrEqual(30);
  });
});
