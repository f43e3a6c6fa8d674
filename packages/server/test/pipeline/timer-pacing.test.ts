/**
 * An expiry wave through the real pipeline on a store whose commits take time in proportion to
 * their changes: the timers per turn follow the store's speed, and every exit is still recorded.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { FakeClock } from "../../src/clock/fake-clock.ts";
import type { IngestMessage } from "../../src/runtime/ingest-message.ts";
import { SegmentsService } from "../../src/service/segments-service.ts";
import { SqliteStore } from "../../src/store/sqlite/index.ts";
import { advanceTo } from "../support/flush.ts";
import { joinedWithin } from "../support/webinar.ts";

const T0 = Date.UTC(2026, 0, 10);
const MINUTE = 60_000;
const joined = joinedWithin(1);

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** `contacts` join at T0, so all leave at T0 + 1 min + 1 ms; each commit waits `msPerChange` per change. */
async function wave(contacts: number, msPerChange: number) {
  const store = new SqliteStore({ path: ":memory:" });
  const commit = store.commit.bind(store);
  const exitsPerCommit: number[] = [];
  // The entries are committed at full speed: only the wave's turns feed the pacer.
  const slow = { msPerChange: 0 };
  store.commit = async (batch) => {
    const exits = batch.changes.filter((c) => c.change === "exited").length;
    if (exits > 0) exitsPerCommit.push(exits);
    await sleep(batch.changes.length * slow.msPerChange);
    return commit(batch);
  };
  const clock = new FakeClock(T0);
  const service = await SegmentsService.open({ store, clock });
  cleanups.push(() => service.close());
  const ws = await service.createWorkspace({ id: "ws_wave", name: "wave", apiKeyHash: "k", createdAt: T0 });
  await ws.createSegment({ id: "joined", name: "Joined", rule: joined });
  const messages: IngestMessage[] = Array.from({ length: contacts }, (_, i) => ({
    type: "track",
    userId: `u${i}`,
    event: "webinar.joined",
    properties: {},
    timestamp: T0,
    messageId: `m${i}`,
  }));
  await ws.ingest(messages);
  slow.msPerChange = msPerChange;
  expect(ws.pipeline.timerCap).toBe(1_000);
  await advanceTo(clock, ws, T0 + MINUTE + 1);
  const members = await store.memberCount("ws_wave", "joined");
  return { exitsPerCommit, members, cap: ws.pipeline.timerCap };
}

describe("timer pacing in the pipeline", () => {
  it("takes fewer timers a turn when the store is slow, and records every exit", async () => {
    // 0.14 ms a change: 1,000 exits take 140 ms, 250 fit the 35 ms budget.
    const { exitsPerCommit, members, cap } = await wave(3_000, 0.14);
    expect(members).toBe(0);
    expect(exitsPerCommit.reduce((a, b) => a + b, 0)).toBe(3_000);
    // The second turn is evaluated while the first commits: the third is the first one paced.
    expect(exitsPerCommit.slice(0, 2)).toEqual([1_000, 1_000]);
    expect(Math.max(...exitsPerCommit.slice(2))).toBeLessThan(700);
    expect(cap).toBeLessThan(500);
  }, 30_000);

  it("takes more timers a turn when the store keeps up", async () => {
    const { exitsPerCommit, members, cap } = await wave(12_000, 0);
    expect(members).toBe(0);
    expect(exitsPerCommit.reduce((a, b) => a + b, 0)).toBe(12_000);
    expect(exitsPerCommit[0]).toBe(1_000);
    expect(Math.max(...exitsPerCommit)).toBeGreaterThan(1_000);
    expect(cap).toBeGreaterThan(1_000);
  }, 30_000);
});
