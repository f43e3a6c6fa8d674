/**
 * Start-up from a snapshot: a service closed cleanly writes each workspace's derived state; the
 * next start loads it when nothing was committed since, and must then behave exactly as a start
 * that rebuilds from the store: same memberships, same timers, same catch-up changes, same
 * previews, same changes as time goes on. A stale or damaged snapshot is ignored.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, truncateSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { evaluateSet, type Group } from "@growthos/segments-core";
import { afterEach, describe, expect, it } from "vitest";
import { FakeClock } from "../../src/clock/fake-clock.ts";
import type { IngestMessage } from "../../src/runtime/ingest-message.ts";
import { SegmentsService } from "../../src/service/segments-service.ts";
import { SqliteStore } from "../../src/store/sqlite/index.ts";
import { emptyBatch } from "../../src/store/write-batch.ts";
import { advanceTo } from "../support/flush.ts";

const T0 = Date.UTC(2026, 0, 10);
const DAY = 86_400_000;
const WS = "ws_snap";
const CONTACTS = 60;

const and = (...children: Group["children"]): Group => ({ type: "group", combinator: "and", children });
const SEGMENTS: { id: string; rule: Group }[] = [
  { id: "pro", rule: and({ type: "property", property: "plan", operator: "eq", value: "pro" }) },
  {
    id: "recent_buyer",
    rule: and({
      type: "event",
      event: "purchase",
      window: { within_last: { amount: 5, unit: "day" } },
      operator: "gte",
      value: 1,
    }),
  },
  { id: "promoter", rule: and({ type: "score", score: "nps", operator: "gte", value: 9 }) },
  {
    id: "pro_recent",
    rule: and(
      { type: "segment", segment: "pro", operator: "in" },
      { type: "segment", segment: "recent_buyer", operator: "in" },
    ),
  },
];

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "segments-snapshot-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Deterministic history: plans, scores and purchases spread over the last ten days. */
function history(): IngestMessage[] {
  const out: IngestMessage[] = [];
  for (let i = 0; i < CONTACTS; i++) {
    const userId = `u${String(i).padStart(3, "0")}`;
    out.push({
      type: "identify",
      userId,
      traits: { plan: i % 3 === 0 ? "pro" : "free" },
      timestamp: T0 - 9 * DAY,
    });
    if (i % 4 !== 1)
      out.push({ type: "score", userId, score: "nps", value: i % 11, timestamp: T0 - 8 * DAY });
    for (let k = 0; k < i % 5; k++) {
      out.push({
        type: "track",
        userId,
        event: "purchase",
        properties: { amount: k * 10 },
        timestamp: T0 - ((i * 7 + k * 13) % 10) * DAY - i * 3_600_000,
      });
    }
    if (i % 7 === 0) out.push({ type: "list", userId, list: "vip", member: true });
  }
  return out.map((m, n) => ({ ...m, messageId: `h${n}` }));
}

async function open(path: string, clock: FakeClock, snapshotDir?: string) {
  const store = new SqliteStore({ path });
  const service = await SegmentsService.open({ store, clock, ...(snapshotDir ? { snapshotDir } : {}) });
  return { store, service, ws: service.workspace(WS) };
}

/** A database with the history, closed with a snapshot; and a copy of that database. */
async function prepared() {
  const dir = tempDir();
  const db = join(dir, "a.db");
  const snapshots = join(dir, "snapshots");
  const clock = new FakeClock(T0);
  const store = new SqliteStore({ path: db });
  const service = await SegmentsService.open({ store, clock, snapshotDir: snapshots });
  const ws = await service.createWorkspace({ id: WS, name: "snap", apiKeyHash: "k", createdAt: T0 });
  for (const s of SEGMENTS) await ws.createSegment({ id: s.id, name: s.id, rule: s.rule });
  await ws.ingest(history());
  await service.close();
  await store.close();
  expect(readdirSync(snapshots)).toHaveLength(1);
  const copy = join(dir, "b.db");
  for (const suffix of ["", "-wal"]) if (existsSync(db + suffix)) copyFileSync(db + suffix, copy + suffix);
  return { db, copy, snapshots };
}

type Opened = Awaited<ReturnType<typeof open>>;

async function observe({ store, ws }: Opened, now: number) {
  const ids = [...ws.runtime.contacts.keys()].sort();
  return {
    members: SEGMENTS.map((s) => ids.filter((id) => ws.runtime.isMember(id, s.id))),
    timers: ids.map((id) => ws.runtime.dueAt(id) ?? null),
    previews: SEGMENTS.slice(0, 3).map((s) => evaluateSet(s.rule, ws.runtime.dataset, now).count()),
    // The catch-up pass may record the changes of one instant in another order (by due time rather
    // than by contact): compare the log in a canonical order, and its seqs separately.
    log: (await store.changes(WS, 0, 10_000))
      .map((c) => [c.at, c.segmentId, c.contactId, c.change] as const)
      .sort((x, y) => x[0] - y[0] || x.join().localeCompare(y.join())),
    seqs: (await store.changes(WS, 0, 10_000)).every((c, i) => c.seq === i + 1),
  };
}

describe("start-up from a snapshot", () => {
  it("behaves exactly as a start that rebuilds from the store, then and as time passes", async () => {
    const { db, copy, snapshots } = await prepared();
    // Three days later: some purchases fell out of their window while the service was down.
    const clockA = new FakeClock(T0 + 3 * DAY);
    const clockB = new FakeClock(T0 + 3 * DAY);
    const fromSnapshot = await open(db, clockA, snapshots);
    const rebuilt = await open(copy, clockB);
    cleanups.push(async () => {
      for (const o of [fromSnapshot, rebuilt]) {
        await o.service.close();
        await o.store.close();
      }
    });
    expect(fromSnapshot.service.starts.get(WS)).toMatchObject({ source: "snapshot", contacts: CONTACTS });
    expect(rebuilt.service.starts.get(WS)).toMatchObject({ source: "store", reason: "snapshots are off" });
    const a = await observe(fromSnapshot, clockA.now());
    expect(a).toEqual(await observe(rebuilt, clockB.now()));
    // The catch-up pass recorded exits, and there are members left whose windows close later.
    expect(a.log.some((c) => c[3] === "exited" && c[0] === T0 + 3 * DAY)).toBe(true);
    expect(a.seqs).toBe(true);
    expect(a.members[1].length).toBeGreaterThan(0);

    const more: IngestMessage[] = [
      {
        type: "track",
        userId: "u002",
        event: "purchase",
        properties: {},
        timestamp: T0 + 3 * DAY,
        messageId: "n1",
      },
      { type: "identify", userId: "u001", traits: { plan: "pro" }, timestamp: T0 + 3 * DAY, messageId: "n2" },
    ];
    for (const o of [fromSnapshot, rebuilt]) await o.ws.ingest(more);
    await advanceTo(clockA, fromSnapshot.ws, T0 + 9 * DAY);
    await advanceTo(clockB, rebuilt.ws, T0 + 9 * DAY);
    const later = await observe(fromSnapshot, clockA.now());
    expect(later).toEqual(await observe(rebuilt, clockB.now()));
    expect(later.members[1]).toEqual([]);
  });

  it("ignores a snapshot taken before the last commit, and a damaged one", async () => {
    const { db, snapshots } = await prepared();
    const store = new SqliteStore({ path: db });
    const batch = emptyBatch(WS);
    batch.messageIds.push("written-elsewhere");
    await store.commit(batch);
    await store.close();
    const clock = new FakeClock(T0);
    const stale = await open(db, clock, snapshots);
    expect(stale.service.starts.get(WS)).toMatchObject({
      source: "store",
      reason: "the snapshot's commits differs from the store's",
      contacts: CONTACTS,
    });
    // Closing writes a fresh snapshot; cut it short and the next start rebuilds.
    await stale.service.close();
    await stale.store.close();
    const [file] = readdirSync(snapshots);
    truncateSync(join(snapshots, file), 100);
    const damaged = await open(db, clock, snapshots);
    cleanups.push(async () => {
      await damaged.service.close();
      await damaged.store.close();
    });
    expect(damaged.service.starts.get(WS)?.source).toBe("store");
    expect(damaged.service.starts.get(WS)?.reason).toMatch(/^unreadable snapshot/);
    expect(damaged.ws.runtime.contacts.size).toBe(CONTACTS);
  });
});
