/**
 * A segment whose rule reads facts no other segment reads is backfilled chunk by chunk while
 * ingestion goes on. Whatever arrives during the backfill (new contacts sorting before and after
 * the read position, deletes, repeated messageIds) must be counted exactly once: at the end,
 * stored membership equals the reference interpreter applied to every message sent.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ContactMessage, foldMessages, type Group, referenceMemberships } from "@growthos/segments-core";
import { afterEach, describe, expect, it } from "vitest";
import { FakeClock } from "../../src/clock/fake-clock.ts";
import type { IngestMessage } from "../../src/runtime/ingest-message.ts";
import { SegmentsService } from "../../src/service/segments-service.ts";
import { SqliteStore } from "../../src/store/sqlite/index.ts";

const T0 = Date.UTC(2026, 5, 1);
const DAY = 86_400_000;
const WS = "ws_backfill";
const PLANS = ["free", "pro", "team"];
const COUNTRIES = ["DE", "FR", "US"];

const pro: Group = {
  type: "group",
  combinator: "and",
  children: [{ type: "property", property: "plan", operator: "eq", value: "pro" }],
};
// Reads `country` and `purchase` with a sum: no state holds them before this segment exists.
const germanBuyers: Group = {
  type: "group",
  combinator: "and",
  children: [
    { type: "property", property: "country", operator: "eq", value: "DE" },
    {
      type: "event",
      event: "purchase",
      measure: { aggregate: "sum", property: "amount" },
      window: { within_last: { amount: 30, unit: "day" } },
      operator: "gte",
      value: 100,
    },
  ],
};

/** A small deterministic generator (the test must replay identically). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("backfill under ingestion", () => {
  it("ends equal to the reference, with nothing lost or counted twice", async () => {
    const dir = mkdtempSync(join(tmpdir(), "segments-backfill-"));
    dirs.push(dir);
    const store = new SqliteStore({ path: join(dir, "db.sqlite") });
    const clock = new FakeClock(T0);
    const service = await SegmentsService.open({ store, clock });
    const ws = await service.createWorkspace({ id: WS, name: "b", apiKeyHash: "k", createdAt: T0 });
    await ws.createSegment({ id: "pro", name: "Pro", rule: pro });

    const rand = lcg(42);
    const sent = new Map<string, ContactMessage[]>();
    const seenIds = new Set<string>();
    let nextId = 0;
    const ids = () => [...sent.keys()];
    const messagesFor = (userId: string): IngestMessage[] => {
      const at = T0 - Math.floor(rand() * 40 * DAY);
      if (rand() < 0.3) {
        const traits = { plan: PLANS[Math.floor(rand() * 3)], country: COUNTRIES[Math.floor(rand() * 3)] };
        return [{ type: "identify", userId, traits, timestamp: at, messageId: `m${nextId++}` }];
      }
      const amount = Math.floor(rand() * 80);
      // One in ten repeats an earlier messageId: it must be ignored.
      const messageId = rand() < 0.1 && nextId > 0 ? `m${Math.floor(rand() * nextId)}` : `m${nextId++}`;
      return [{ type: "track", userId, event: "purchase", properties: { amount }, timestamp: at, messageId }];
    };
    const send = async (batch: IngestMessage[]) => {
      await ws.ingest(batch);
      for (const m of batch) {
        if (m.type === "delete") {
          sent.delete(m.userId);
          continue;
        }
        if (m.messageId !== undefined) {
          if (seenIds.has(m.messageId)) continue;
          seenIds.add(m.messageId);
        }
        const list = sent.get(m.userId) ?? [];
        sent.set(m.userId, list);
        if (m.type === "identify") list.push({ type: "identify", traits: m.traits, timestamp: m.timestamp });
        if (m.type === "track")
          list.push({ type: "track", event: m.event, properties: m.properties, timestamp: m.timestamp });
      }
    };

    // History: 3,000 contacts with ids spread over the order the backfill reads in.
    for (let i = 0; i < 3_000; i += 100) {
      const batch: IngestMessage[] = [];
      for (let j = i; j < i + 100; j++) {
        const userId = `c${String((j * 7919) % 100_000).padStart(5, "0")}`;
        batch.push(...messagesFor(userId), ...messagesFor(userId), ...messagesFor(userId));
      }
      await send(batch);
    }

    const { segment, done } = await ws.beginCreateSegment({
      id: "de",
      name: "DE buyers",
      rule: germanBuyers,
    });
    expect(segment.status).toBe("computing");
    expect(ws.progressOf("de")).toMatchObject({ read: 0 });
    // Its first membership is there at once, from the set evaluator, while the states rebuild.
    const first = ws.previewer.members(ws.checkRule(germanBuyers), clock.now()).count();
    expect(first).toBeGreaterThan(10);
    expect(await store.memberCount(WS, "de")).toBe(first);
    let finished = false;
    void done.finally(() => {
      finished = true;
    });

    // Ingestion goes on while it runs: existing contacts, new ones before ("a…") and after ("z…")
    // every stored id, and deletes.
    let duringBackfill = 0;
    let sawProgress = false;
    while (!finished) {
      const batch: IngestMessage[] = [];
      for (let k = 0; k < 20; k++) {
        const r = rand();
        const known = ids();
        if (r < 0.05 && known.length > 0) {
          batch.push({ type: "delete", userId: known[Math.floor(rand() * known.length)] });
        } else if (r < 0.2) {
          batch.push(...messagesFor(`${rand() < 0.5 ? "a" : "z"}${nextId}`));
        } else {
          batch.push(...messagesFor(known[Math.floor(rand() * known.length)]));
        }
      }
      await send(batch);
      duringBackfill += batch.length;
      const p = ws.progressOf("de");
      if (p !== undefined && p.read > 0 && p.read < p.total) sawProgress = true;
    }
    const saved = await done;
    expect(saved.status).toBe("live");
    expect(duringBackfill).toBeGreaterThan(100);
    expect(sawProgress).toBe(true);
    expect(ws.progressOf("de")).toBeUndefined();
    // And after it, the new segment follows live changes.
    for (let k = 0; k < 5; k++)
      await send(
        ids()
          .slice(k * 10, k * 10 + 10)
          .flatMap(messagesFor),
      );

    const defs = [
      { id: "pro", rule: pro },
      { id: "de", rule: germanBuyers },
    ];
    const now = clock.now();
    expect(await store.contactCount(WS)).toBe(sent.size);
    for (const segmentId of ["pro", "de"]) {
      const stored = new Set<string>();
      for (let page = await store.members(WS, segmentId, 1000); ; ) {
        for (const m of page.data) stored.add(m.contactId);
        if (page.next === null) break;
        page = await store.members(WS, segmentId, 1000, page.next);
      }
      const expected = [...sent]
        .filter(([id, msgs]) => referenceMemberships(defs, foldMessages(id, msgs), WS, now).get(segmentId))
        .map(([id]) => id)
        .sort();
      expect([...stored].sort()).toEqual(expected);
      expect(expected.length).toBeGreaterThan(10);
      // The change log replays to the same members.
      const replay = new Set<string>();
      for (const c of await store.changes(WS, 0, 1_000_000, segmentId)) {
        if (c.change === "entered") replay.add(c.contactId);
        else replay.delete(c.contactId);
      }
      expect([...replay].sort()).toEqual(expected);
    }
    await service.close();
    await store.close();
  });
});
