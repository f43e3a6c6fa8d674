import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Group } from "@growthos/segments-core";
import { afterEach, describe, expect, it } from "vitest";
import { FakeClock } from "../../src/clock/fake-clock.ts";
import { ConflictError, InvalidRuleError } from "../../src/service/errors.ts";
import { SegmentsService } from "../../src/service/segments-service.ts";
import { SqliteStore } from "../../src/store/sqlite/index.ts";
import type { Store } from "../../src/store/store.ts";
import { advanceTo, settle } from "../support/flush.ts";

const T0 = Date.UTC(2026, 0, 10);
const DAY = 86_400_000;
const WS = "ws_life";
const only = (c: Group["children"][number]): Group => ({ type: "group", combinator: "and", children: [c] });
const pro = only({ type: "property", property: "plan", operator: "eq", value: "pro" });
const recentBuyer = only({
  type: "event",
  event: "purchase",
  window: { within_last: { amount: 7, unit: "day" } },
  operator: "gte",
  value: 1,
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function open(store: Store, clock: FakeClock) {
  const service = await SegmentsService.open({ store, clock });
  cleanups.push(() => service.close());
  const ws = (await store.listWorkspaces()).length
    ? service.workspace(WS)
    : await service.createWorkspace({ id: WS, name: "life", apiKeyHash: "k", createdAt: T0 });
  return { service, ws };
}

const members = async (store: Store, segment: string) =>
  (await store.members(WS, segment, 100)).data.map((m) => m.contactId).sort();

describe("segment lifecycle", () => {
  it("computes a new segment's membership before answering, and records the entries", async () => {
    const store = new SqliteStore({ path: ":memory:" });
    const clock = new FakeClock(T0);
    const { ws } = await open(store, clock);
    await ws.ingest([
      { type: "identify", userId: "ann", traits: { plan: "pro" }, timestamp: T0 },
      { type: "identify", userId: "bob", traits: { plan: "free" }, timestamp: T0 },
    ]);
    const seg = await ws.createSegment({ id: "pro", name: "Pro", rule: pro });
    expect(seg).toMatchObject({ id: "pro", version: 1, status: "live" });
    expect(await members(store, "pro")).toEqual(["ann"]);
    const log = await store.changes(WS, 0, 100, "pro");
    expect(log.map((c) => [c.contactId, c.change, c.segmentVersion])).toEqual([["ann", "entered", 1]]);
  });

  it("records entries and exits with the new version when a rule is edited", async () => {
    const store = new SqliteStore({ path: ":memory:" });
    const { ws } = await open(store, new FakeClock(T0));
    await ws.ingest([
      { type: "identify", userId: "ann", traits: { plan: "pro" }, timestamp: T0 },
      { type: "identify", userId: "bob", traits: { plan: "free" }, timestamp: T0 },
    ]);
    await ws.createSegment({ id: "s", name: "S", rule: pro });
    const edited = await ws.updateSegment("s", {
      name: "Free",
      rule: only({ type: "property", property: "plan", operator: "eq", value: "free" }),
    });
    expect(edited.version).toBe(2);
    expect(await members(store, "s")).toEqual(["bob"]);
    const log = await store.changes(WS, 1, 100, "s");
    expect(log.map((c) => [c.contactId, c.change, c.segmentVersion]).sort()).toEqual([
      ["ann", "exited", 2],
      ["bob", "entered", 2],
    ]);
  });

  it("rejects invalid rules with every problem and saves nothing", async () => {
    const store = new SqliteStore({ path: ":memory:" });
    const { ws } = await open(store, new FakeClock(T0));
    const bad = {
      type: "group",
      combinator: "and",
      children: [
        { type: "segment", segment: "nope", operator: "in" },
        { type: "score", score: "nps", operator: "gt", value: "9" },
      ],
    };
    const err = await ws.createSegment({ id: "x", name: "X", rule: bad }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidRuleError);
    expect((err as InvalidRuleError).issues.map((i) => i.path).sort()).toEqual([
      "/children/0/segment",
      "/children/1/value",
    ]);
    expect(await store.listSegments(WS)).toEqual([]);
  });

  it("refuses to delete a segment another one reads; deleting records every exit", async () => {
    const store = new SqliteStore({ path: ":memory:" });
    const { ws } = await open(store, new FakeClock(T0));
    await ws.ingest([{ type: "identify", userId: "ann", traits: { plan: "pro" }, timestamp: T0 }]);
    await ws.createSegment({ id: "pro", name: "Pro", rule: pro });
    await ws.createSegment({
      id: "pro2",
      name: "Pro too",
      rule: only({ type: "segment", segment: "pro", operator: "in" }),
    });
    await expect(ws.deleteSegment("pro")).rejects.toBeInstanceOf(ConflictError);
    await ws.deleteSegment("pro2");
    expect((await store.changes(WS, 0, 100, "pro2")).map((c) => c.change)).toEqual(["entered", "exited"]);
    expect(await members(store, "pro2")).toEqual([]);
    expect((await store.listSegments(WS)).map((s) => s.id)).toEqual(["pro"]);
  });

  it("freezes a paused segment and catches up when it resumes", async () => {
    const store = new SqliteStore({ path: ":memory:" });
    const { ws } = await open(store, new FakeClock(T0));
    await ws.createSegment({ id: "pro", name: "Pro", rule: pro });
    await ws.setStatus("pro", "paused");
    await ws.ingest([{ type: "identify", userId: "ann", traits: { plan: "pro" }, timestamp: T0 }]);
    expect(await members(store, "pro")).toEqual([]);
    await ws.setStatus("pro", "live");
    expect(await members(store, "pro")).toEqual(["ann"]);
  });

  it("expires a 7-day window at its exact instant", async () => {
    const store = new SqliteStore({ path: ":memory:" });
    const clock = new FakeClock(T0);
    const { ws } = await open(store, clock);
    await ws.createSegment({ id: "buyers", name: "Recent buyers", rule: recentBuyer });
    await ws.ingest([
      { type: "track", userId: "ann", event: "purchase", properties: {}, timestamp: T0 - DAY },
    ]);
    expect(await members(store, "buyers")).toEqual(["ann"]);
    const due = T0 - DAY + 7 * DAY + 1;
    // The pipeline wakes 2 s ahead to evaluate the exit (staging), then at the instant to record it.
    expect(clock.pending()).toContain(due - 2_000);
    await advanceTo(clock, ws, due - 1);
    expect(clock.pending()).toContain(due);
    expect(await members(store, "buyers")).toEqual(["ann"]);
    await advanceTo(clock, ws, due);
    expect(await members(store, "buyers")).toEqual([]);
    const exit = (await store.changes(WS, 0, 100, "buyers")).at(-1);
    expect(exit).toMatchObject({ contactId: "ann", change: "exited", at: due });
  });

  it("after a restart, records what fell due while it was down before taking new messages", async () => {
    const dir = mkdtempSync(join(tmpdir(), "segments-restart-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, "db.sqlite");
    const first = new SqliteStore({ path });
    const run1 = await open(first, new FakeClock(T0));
    await run1.ws.createSegment({ id: "buyers", name: "Recent buyers", rule: recentBuyer });
    await run1.ws.ingest([
      { type: "track", userId: "ann", event: "purchase", properties: {}, timestamp: T0 },
    ]);
    await settle(run1.ws);
    await run1.service.close();
    await first.close();

    const store = new SqliteStore({ path });
    cleanups.push(() => store.close());
    const later = T0 + 10 * DAY;
    await open(store, new FakeClock(later));
    expect(await members(store, "buyers")).toEqual([]);
    expect((await store.changes(WS, 0, 100, "buyers")).map((c) => [c.change, c.at])).toEqual([
      ["entered", T0],
      ["exited", later],
    ]);
  });
});
