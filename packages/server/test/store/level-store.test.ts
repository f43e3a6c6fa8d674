import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ClassicLevel } from "classic-level";
import { afterAll, describe, expect, it, vi } from "vitest";
import { buildBatch } from "../../src/store/level/apply-batch.ts";
import { RUN_MAX } from "../../src/store/level/change-runs.ts";
import { LevelStore } from "../../src/store/level/index.ts";
import { F, type Family, int, key, under } from "../../src/store/level/keys.ts";
import { emptyBatch } from "../../src/store/write-batch.ts";
import { storeConformance } from "./conformance.ts";

const dir = mkdtempSync(join(tmpdir(), "segments-level-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let dirs = 0;

/** The keys of a database written by an older schema, holding one workspace. */
function olderDatabase(schema: string, ws: string, apiKeyHash: string) {
  return [
    { type: "put" as const, key: key(F.meta, "schema"), value: schema },
    {
      type: "put" as const,
      key: key(F.workspace, ws),
      value: JSON.stringify({ id: ws, name: "W", apiKeyHash, createdAt: 1 }),
    },
    { type: "put" as const, key: key(F.workspaceByKey, apiKeyHash), value: ws },
  ];
}

storeConformance("leveldb", async () => new LevelStore({ path: join(dir, `store-${++dirs}`) }));

describe("LevelStore", () => {
  it("refuses a second store on a database this process has open, and opens it again once closed", async () => {
    const path = join(dir, "shared");
    const first = new LevelStore({ path });
    await first.migrate();
    const second = new LevelStore({ path });
    await expect(second.migrate()).rejects.toThrow(/already open in this process/);
    await second.close();
    await first.createWorkspace({ id: "w1", name: "W", apiKeyHash: "h1", createdAt: 1 });
    await first.close();
    const again = new LevelStore({ path });
    await again.migrate();
    expect((await again.listWorkspaces()).map((w) => w.id)).toEqual(["w1"]);
    await again.close();
  });
});

describe("LevelStore change log", () => {
  const ws = "w1";
  const change = (i: number) => ({
    segmentId: i % 3 === 0 ? "s0" : "s1",
    contactId: `c${i}`,
    change: i % 2 === 0 ? ("entered" as const) : ("exited" as const),
    at: 1_000 + i,
    segmentVersion: 1,
  });

  it("keeps a commit's changes as runs: one key for the log and one per segment, split past RUN_MAX", async () => {
    const path = join(dir, "runs");
    const store = new LevelStore({ path });
    await store.migrate();
    await store.createWorkspace({ id: ws, name: "W", apiKeyHash: "h-runs", createdAt: 1 });
    const changes = Array.from({ length: 2 * RUN_MAX + 10 }, (_, i) => change(i));
    await store.commit({ ...emptyBatch(ws), changes: changes.slice(0, 5) });
    await store.commit({ ...emptyBatch(ws), changes: changes.slice(5) });
    const expected = changes.map((c, i) => ({ seq: i + 1, ...c }));
    // Reads start inside runs and cross their ends.
    for (const after of [0, 3, 5, 6, RUN_MAX + 4, RUN_MAX + 5, 2 * RUN_MAX + 14, 2 * RUN_MAX + 15]) {
      expect(await store.changes(ws, after, 7)).toEqual(expected.filter((c) => c.seq > after).slice(0, 7));
      const s0 = expected.filter((c) => c.segmentId === "s0" && c.seq > after);
      expect(await store.changes(ws, after, 7, "s0")).toEqual(s0.slice(0, 7));
    }
    expect(await store.changes(ws, 0, 100_000)).toEqual(expected);
    await store.close();
    const db = new ClassicLevel<string, string>(path);
    const count = async (family: Family) => (await db.keys(under(key(family, ws))).all()).length;
    // Commit 1: one run, and one per segment. Commit 2 (2 × RUN_MAX + 5 changes): 3 runs; s0 has
    // a third of them (one run), s1 two thirds (two runs).
    expect([await count(F.changeRun), await count(F.segmentChangeRun)]).toEqual([1 + 3, 2 + 1 + 2]);
    await db.close();
  });

  it("writes a commit's runs as columns when its changes share an instant and each segment a version", async () => {
    const path = join(dir, "columns");
    const store = new LevelStore({ path });
    await store.migrate();
    await store.createWorkspace({ id: ws, name: "W", apiKeyHash: "h-columns", createdAt: 1 });
    const at = (i: number) => ({ ...change(i), at: 5_000, segmentVersion: i % 3 === 0 ? 2 : 7 });
    const changes = Array.from({ length: RUN_MAX + 40 }, (_, i) => at(i));
    await store.commit({ ...emptyBatch(ws), changes: changes.slice(0, 30) });
    await store.commit({ ...emptyBatch(ws), changes: changes.slice(30) });
    const expected = changes.map((c, i) => ({ seq: i + 1, ...c }));
    for (const after of [0, 1, 29, 30, 31, RUN_MAX + 29, RUN_MAX + 30]) {
      expect(await store.changes(ws, after, 9)).toEqual(expected.filter((c) => c.seq > after).slice(0, 9));
      for (const s of ["s0", "s1"])
        expect(await store.changes(ws, after, 9, s)).toEqual(
          expected.filter((c) => c.segmentId === s && c.seq > after).slice(0, 9),
        );
    }
    expect(await store.changes(ws, 0, 100_000)).toEqual(expected);
    expect(await store.membershipAt(ws, "s1", "c1", 5_000)).toEqual({ member: false });
    expect(await store.membershipAt(ws, "s0", "c0", 5_000)).toEqual({ member: true, since: 5_000 });
    await store.close();
    const db = new ClassicLevel<string, string>(path);
    const values = await db.values(under(key(F.changeRun, ws))).all();
    const own = await db.values(under(key(F.segmentChangeRun, ws))).all();
    expect([...values, ...own].every((v) => v.startsWith("{"))).toBe(true);
    // The bytes per change of the log's runs, against tuples of the same changes.
    const tuples = JSON.stringify(
      changes.map((c) => [c.segmentId, c.contactId, c.change, c.at, c.segmentVersion]),
    );
    const bytes = values.reduce((n, v) => n + v.length, 0);
    expect(bytes).toBeLessThan(tuples.length / 2);
    await db.close();
  });

  it("reads a schema-3 database's runs of tuples beside the columns written after it", async () => {
    const path = join(dir, "schema-3");
    const db = new ClassicLevel<string, string>(path);
    const old = Array.from({ length: 12 }, (_, i) => change(i));
    const tuples = (rows: unknown[]) => JSON.stringify(rows);
    await db.batch([
      ...olderDatabase("3", ws, "h-3"),
      { type: "put", key: key(F.lastSeq, ws), value: String(old.length) },
      {
        type: "put",
        key: key(F.changeRun, ws, int(1, "seq")),
        value: tuples(old.map((c) => [c.segmentId, c.contactId, c.change, c.at, c.segmentVersion])),
      },
      ...["s0", "s1"].map((s) => {
        const rows = old.flatMap((c, i) =>
          c.segmentId === s ? [[i + 1, c.contactId, c.change, c.at, c.segmentVersion]] : [],
        );
        return {
          type: "put" as const,
          key: key(F.segmentChangeRun, ws, s, int(rows[0][0] as number, "seq")),
          value: tuples(rows),
        };
      }),
    ]);
    await db.close();

    const store = new LevelStore({ path });
    await store.migrate();
    const later = Array.from({ length: 5 }, (_, i) => ({ ...change(20 + i), at: 9_000 }));
    expect(await store.commit({ ...emptyBatch(ws), changes: later })).toEqual({ firstSeq: 13, lastSeq: 17 });
    const expected = [...old, ...later].map((c, i) => ({ seq: i + 1, ...c }));
    expect(await store.changes(ws, 0, 100)).toEqual(expected);
    expect(await store.changes(ws, 10, 4)).toEqual(expected.slice(10, 14));
    expect(await store.changes(ws, 0, 100, "s1")).toEqual(expected.filter((c) => c.segmentId === "s1"));
    expect(await store.membershipAt(ws, "s0", "c21", 9_000)).toEqual({ member: false });
    await store.close();
    const after = new ClassicLevel<string, string>(path);
    expect(await after.get(key(F.meta, "schema"))).toBe("4");
    await after.close();
  });

  it("moves a schema-1 database's key per change into runs when opened", async () => {
    const path = join(dir, "schema-1");
    const db = new ClassicLevel<string, string>(path);
    const changes = Array.from({ length: RUN_MAX + 3 }, (_, i) => change(i));
    const legacy = changes.flatMap((c, i) => {
      const seq = int(i + 1, "seq");
      const value = JSON.stringify([c.segmentId, c.contactId, c.change, c.at, c.segmentVersion]);
      return [
        { type: "put" as const, key: key(F.change, ws, seq), value },
        { type: "put" as const, key: key(F.changeOfSegment, ws, c.segmentId, seq), value },
      ];
    });
    await db.batch([
      ...olderDatabase("1", ws, "h-1"),
      { type: "put", key: key(F.lastSeq, ws), value: String(changes.length) },
      ...legacy,
    ]);
    await db.close();

    const store = new LevelStore({ path });
    await store.migrate();
    const expected = changes.map((c, i) => ({ seq: i + 1, ...c }));
    expect(await store.changes(ws, 0, 100_000)).toEqual(expected);
    expect(await store.changes(ws, 10, 100_000, "s1")).toEqual(
      expected.filter((c) => c.segmentId === "s1" && c.seq > 10),
    );
    expect(await store.membershipAt(ws, "s0", "c3", 1_003)).toEqual({ member: false });
    expect(await store.membershipAt(ws, "s0", "c0", 1_000)).toEqual({ member: true, since: 1_000 });
    // New changes go on from the migrated seq.
    expect(await store.commit({ ...emptyBatch(ws), changes: [change(7)] })).toEqual({
      firstSeq: RUN_MAX + 4,
      lastSeq: RUN_MAX + 4,
    });
    await store.close();
    const after = new ClassicLevel<string, string>(path);
    expect(await after.get(key(F.meta, "schema"))).toBe("4");
    expect(await after.keys(under(key(F.change))).all()).toEqual([]);
    expect(await after.keys(under(key(F.changeOfSegment))).all()).toEqual([]);
    await after.close();
  });
});

describe("LevelStore last-writer-wins", () => {
  const ws = "w1";
  const trait = (value: string, ts: number) => ({ contactId: "c1", key: "plan", value, ts });
  const score = (value: number, ts: number) => ({ contactId: "c1", score: "nps", value, ts });
  const facts = async (store: LevelStore) => {
    const c = await store.getContact(ws, "c1");
    return { traits: c?.traits, scores: c?.scores };
  };

  it("reads a stored fact only for a write older than the workspace's latest one", async () => {
    const db = new ClassicLevel<string, string>(join(dir, "lww-reads"));
    await db.open();
    const reads: string[][] = [];
    const getMany = db.getMany.bind(db);
    db.getMany = ((keys: string[]) => {
      reads.push(keys);
      return getMany(keys);
    }) as typeof db.getMany;
    const counters = { lastSeq: 0, commits: 0, events: 0, factsUpTo: 10 };
    const fresh = await buildBatch(
      db,
      { ...emptyBatch(ws), traits: [trait("pro", 10)], scores: [score(9, 12)] },
      counters,
    );
    expect(reads).toEqual([]);
    expect(fresh.counters.factsUpTo).toBe(12);
    expect(fresh.ops).toContainEqual({ type: "put", key: key(F.factsUpTo, ws), value: "12" });
    const late = await buildBatch(
      db,
      { ...emptyBatch(ws), traits: [trait("free", 9), trait("team", 11)] },
      counters,
    );
    expect(reads).toEqual([[key(F.trait, ws, "c1", "plan")]]);
    expect(late.counters.factsUpTo).toBe(11);
    await db.close();
  });

  it("keeps the latest fact timestamp across a restart: an older write still loses", async () => {
    const path = join(dir, "lww-restart");
    const store = new LevelStore({ path });
    await store.migrate();
    await store.createWorkspace({ id: ws, name: "W", apiKeyHash: "h-lww", createdAt: 1 });
    await store.commit({
      ...emptyBatch(ws),
      contacts: [{ id: "c1", createdAt: 1 }],
      traits: [trait("pro", 10)],
    });
    await store.close();
    const again = new LevelStore({ path });
    await again.migrate();
    await again.commit({ ...emptyBatch(ws), traits: [trait("free", 5)], scores: [score(3, 4)] });
    await again.commit({ ...emptyBatch(ws), scores: [score(8, 2)] });
    expect(await facts(again)).toEqual({
      traits: [{ key: "plan", value: "pro", ts: 10 }],
      scores: [{ score: "nps", value: 3, ts: 4 }],
    });
    await again.close();
  });

  it("finds each workspace's latest fact when it opens a schema-2 database", async () => {
    const path = join(dir, "schema-2");
    const db = new ClassicLevel<string, string>(path);
    await db.batch([
      ...olderDatabase("2", ws, "h-2"),
      { type: "put", key: key(F.contact, ws, "c1"), value: "1" },
      { type: "put", key: key(F.trait, ws, "c1", "plan"), value: '10 "pro"' },
      { type: "put", key: key(F.score, ws, "c1", "nps"), value: "20 9" },
      { type: "put", key: key(F.trait, "w2", "c9", "plan"), value: '7 "team"' },
    ]);
    await db.close();
    const store = new LevelStore({ path });
    await store.migrate();
    await store.commit({ ...emptyBatch(ws), traits: [trait("free", 15)], scores: [score(1, 19)] });
    expect(await facts(store)).toEqual({
      traits: [{ key: "plan", value: "free", ts: 15 }],
      scores: [{ score: "nps", value: 9, ts: 20 }],
    });
    await store.close();
    const after = new ClassicLevel<string, string>(path);
    expect(await after.get(key(F.meta, "schema"))).toBe("4");
    expect(await after.getMany([key(F.factsUpTo, ws), key(F.factsUpTo, "w2")])).toEqual(["20", "7"]);
    await after.close();
  });
});

describe("LevelStore message ids", () => {
  const ws = "w1";
  const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

  /** A store opened on a database holding `old-0` .. `old-29999`, written by a store closed since. */
  async function reopened(): Promise<{ path: string; store: LevelStore }> {
    const path = join(dir, `ids-${++dirs}`);
    const first = new LevelStore({ path });
    await first.migrate();
    await first.createWorkspace({ id: ws, name: "W", apiKeyHash: `h-${path}`, createdAt: 1 });
    const old = ids("old", 30_000);
    for (let i = 0; i < old.length; i += 10_000)
      await first.commit({ ...emptyBatch(ws), messageIds: old.slice(i, i + 10_000) });
    await first.close();
    const store = new LevelStore({ path });
    await store.migrate();
    return { path, store };
  }

  it("finds the ids stored before it opened, while its filter fills and after, and reads LevelDB only for ids the filter may hold", async () => {
    const { store } = await reopened();
    // Whether or not the fill is done yet, the answer is the same.
    expect(await store.seenMessageIds(ws, ["old-0", "new", "old-29999"])).toEqual(
      new Set(["old-0", "old-29999"]),
    );
    expect(await store.messageIdsIndexed).toBe(true);
    await store.commit({ ...emptyBatch(ws), messageIds: ids("late", 100) });
    const looked: string[] = [];
    const hasMany = ClassicLevel.prototype.hasMany;
    const spy = vi.spyOn(ClassicLevel.prototype, "hasMany").mockImplementation(function (
      this: ClassicLevel<string, string>,
      keys: string[],
      ...rest: unknown[]
    ) {
      looked.push(...keys);
      return (hasMany as (...a: unknown[]) => Promise<boolean[]>).call(this, keys, ...rest);
    } as typeof hasMany);
    try {
      const known = [...ids("old", 30_000).filter((_, i) => i % 300 === 0), ...ids("late", 100)];
      const asked = [...ids("new", 5_000), ...known];
      expect(await store.seenMessageIds(ws, asked)).toEqual(new Set(known));
      // Every known id is read; of the 5,000 new ones, only the filter's few false positives.
      expect(looked.length).toBeGreaterThanOrEqual(known.length);
      expect(looked.length - known.length).toBeLessThan(150);
      // Another workspace's ids are not this one's.
      expect(await store.seenMessageIds("w2", known)).toEqual(new Set());
    } finally {
      spy.mockRestore();
      await store.close();
    }
  });

  it("closes while its filter fills, and the next store fills its own", async () => {
    const { path, store: early } = await reopened();
    const indexed = early.messageIdsIndexed;
    await early.close();
    expect(typeof (await indexed)).toBe("boolean");
    const next = new LevelStore({ path });
    await next.migrate();
    expect(await next.messageIdsIndexed).toBe(true);
    expect(await next.seenMessageIds(ws, ["old-17", "x"])).toEqual(new Set(["old-17"]));
    await next.close();
  });
});
