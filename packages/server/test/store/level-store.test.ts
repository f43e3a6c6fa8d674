import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ClassicLevel } from "classic-level";
import { afterAll, describe, expect, it } from "vitest";
import { RUN_MAX } from "../../src/store/level/change-runs.ts";
import { LevelStore } from "../../src/store/level/index.ts";
import { F, type Family, int, key, under } from "../../src/store/level/keys.ts";
import { emptyBatch } from "../../src/store/write-batch.ts";
import { storeConformance } from "./conformance.ts";

const dir = mkdtempSync(join(tmpdir(), "segments-level-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let dirs = 0;

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
      { type: "put", key: key(F.meta, "schema"), value: "1" },
      {
        type: "put",
        key: key(F.workspace, ws),
        value: JSON.stringify({ id: ws, name: "W", apiKeyHash: "h-1", createdAt: 1 }),
      },
      { type: "put", key: key(F.workspaceByKey, "h-1"), value: ws },
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
    expect(await after.get(key(F.meta, "schema"))).toBe("2");
    expect(await after.keys(under(key(F.change))).all()).toEqual([]);
    expect(await after.keys(under(key(F.changeOfSegment))).all()).toEqual([]);
    await after.close();
  });
});
