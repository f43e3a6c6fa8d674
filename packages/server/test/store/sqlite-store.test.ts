import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { BACKSTOP_PAGES } from "../../src/store/sqlite/checkpoint-thread.ts";
import { SqliteStore } from "../../src/store/sqlite/index.ts";
import { emptyBatch } from "../../src/store/write-batch.ts";
import { storeConformance } from "./conformance.ts";

const dir = mkdtempSync(join(tmpdir(), "segments-sqlite-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const newFile = () => join(dir, `store-${++files}.db`);

storeConformance("sqlite (file)", async () => new SqliteStore({ path: newFile() }));
storeConformance("sqlite (:memory:)", async () => new SqliteStore({ path: ":memory:" }));

describe("SqliteStore", () => {
  const workspace = { id: "w1", name: "W", apiKeyHash: "h1", createdAt: 1 };

  it("opens a file in WAL mode with synchronous FULL by default", async () => {
    const path = newFile();
    const store = new SqliteStore({ path });
    await store.migrate();
    const db = new Database(path, { readonly: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
    // A checkpoint thread copies the log: a commit checkpoints by itself only past the backstop.
    expect(store.pragmas()).toEqual({
      journalMode: "wal",
      synchronous: 2,
      foreignKeys: 1,
      walAutocheckpoint: BACKSTOP_PAGES,
    });
    await store.close();
    const normal = new SqliteStore({ path, synchronous: "NORMAL" });
    expect(normal.pragmas().synchronous).toBe(1);
    await normal.close();
  });

  it("keeps committed data when the file is reopened, and migrates it again harmlessly", async () => {
    const path = newFile();
    const first = new SqliteStore({ path });
    await first.migrate();
    await first.createWorkspace(workspace);
    const b = { ...emptyBatch("w1"), contacts: [{ id: "c1", createdAt: 5 }] };
    b.changes = [{ segmentId: "s1", contactId: "c1", change: "entered", at: 5, segmentVersion: 1 }];
    await first.commit(b);
    await first.close();

    const second = new SqliteStore({ path });
    await second.migrate();
    expect((await second.getContact("w1", "c1"))?.createdAt).toBe(5);
    expect(await second.lastSeq("w1")).toBe(1);
    expect(await second.workspaceByKeyHash("h1")).toEqual(workspace);
    await second.close();
  });

  it("numbers changes consecutively when two connections share one file", async () => {
    const path = newFile();
    const [a, b] = [new SqliteStore({ path }), new SqliteStore({ path })];
    await a.migrate();
    await b.migrate();
    await a.createWorkspace(workspace);
    const one = (at: number) => ({
      ...emptyBatch("w1"),
      changes: [{ segmentId: "s1", contactId: "c1", change: "entered" as const, at, segmentVersion: 1 }],
    });
    const ranges = [];
    for (let i = 0; i < 6; i++) ranges.push(await (i % 2 === 0 ? a : b).commit(one(i)));
    expect(ranges.map((r) => r?.firstSeq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await b.changes("w1", 0, 10)).map((c) => c.at)).toEqual([0, 1, 2, 3, 4, 5]);
    await a.close();
    await b.close();
  });

  it("copies committed pages into the database file on its checkpoint thread", async () => {
    // Fewer pages than SQLite's own threshold (1,000): without the thread they stay in the log.
    const contacts = Array.from({ length: 300 }, (_, i) => ({ id: `c${i}`, createdAt: i }));
    const inMainFile = async (checkpointThread: boolean): Promise<number> => {
      const path = newFile();
      const store = new SqliteStore({ path, checkpointThread });
      await store.migrate();
      await store.createWorkspace(workspace);
      await store.commit({ ...emptyBatch("w1"), contacts });
      const copy = `${path}.copy`;
      let found = 0;
      // The main file alone (no log beside it) holds the commit once a checkpoint copied it.
      for (let tries = 0; tries < 50 && found === 0; tries++) {
        await sleep(40);
        copyFileSync(path, copy);
        try {
          const db = new Database(copy, { readonly: true });
          found = db.prepare("SELECT count(*) FROM contacts").pluck().get() as number;
          db.close();
        } catch {
          // Copied in the middle of a checkpoint: try again.
        }
        rmSync(copy, { force: true });
        if (!checkpointThread && tries === 5) break;
      }
      await store.close();
      return found;
    };
    expect(await inMainFile(true)).toBe(300);
    expect(await inMainFile(false)).toBe(0);
  });

  it("refuses a batch for a workspace that does not exist", async () => {
    const store = new SqliteStore({ path: ":memory:" });
    await store.migrate();
    const b = { ...emptyBatch("ghost"), contacts: [{ id: "c1", createdAt: 1 }] };
    await expect(store.commit(b)).rejects.toThrow(/FOREIGN KEY/);
    await store.close();
  });

  it("refuses a fractional timestamp, as PostgreSQL's bigint would", async () => {
    const store = new SqliteStore({ path: ":memory:" });
    await store.migrate();
    await store.createWorkspace(workspace);
    const b = { ...emptyBatch("w1"), contacts: [{ id: "c1", createdAt: 1.5 }] };
    await expect(store.commit(b)).rejects.toThrow(/INTEGER/);
    expect(await store.contactCount("w1")).toBe(0);
    await store.close();
  });
});
