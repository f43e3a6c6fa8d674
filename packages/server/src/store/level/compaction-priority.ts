import { readdirSync } from "node:fs";
import { access } from "node:fs/promises";
import { setPriority } from "node:os";
import { isMainThread } from "node:worker_threads";
import type { Db } from "./database.ts";

/**
 * LevelDB merges its sorted files on one background thread per process. Under load that thread
 * took a core from the two that evaluate and commit: during a 100,000-timer expiry wave it used
 * 1.5–2.2 s of CPU in 2.5 s, and exits were committed 440–670 ms late at p99; at nice 19 the same
 * wave's p99 was 210–250 ms (docs/benchmarks.md). Compaction still gets every idle cycle, and
 * when it falls behind LevelDB slows writes down until it catches up, so nothing is lost but
 * the race for CPU at the worst moment. LevelDB has no option for it (RocksDB lowers its
 * compaction pool the same way), so the thread is found from outside: it is started by
 * LevelDB's first compaction in the process, so it is the one thread that appears across the
 * first open and a forced memtable switch. Linux only (a thread's nice value is its own there),
 * and only from the main thread: a worker thread may start while another thread opens.
 */
export const COMPACTION_NICE = 19;

export type CompactionThread = { tid: number; nice: number } | { tid: undefined; reason: string };

let found: Promise<CompactionThread> | undefined;

/** Where the process keeps the thread it lowered: module state is per thread and per test module. */
const LOWERED = "SEGMENTS_LEVELDB_COMPACTION_TID";

/** What the first open of the process did about the compaction thread (undefined before it). */
export function compactionThread(): Promise<CompactionThread> | undefined {
  return found;
}

/**
 * Opens with `open`; the first call in the process also finds LevelDB's compaction thread and
 * lowers its priority. Any doubt (another platform, not exactly one new thread) leaves every
 * thread as it was.
 */
export async function openLoweringCompaction(open: () => Promise<Db>): Promise<Db> {
  if (found !== undefined) return open();
  const skip = skipReason();
  if (skip !== undefined) {
    found = Promise.resolve({ tid: undefined, reason: skip });
    return open();
  }
  let settle: (t: CompactionThread) => void = () => {};
  found = new Promise((resolve) => {
    settle = resolve;
  });
  // libuv starts its whole pool on first use: make sure that is not mistaken for LevelDB's thread.
  await access(".").catch(() => {});
  const before = threads();
  let db: Db;
  try {
    db = await open();
  } catch (e) {
    settle({ tid: undefined, reason: "the first open failed" });
    throw e;
  }
  settle(await lower(db, before));
  return db;
}

async function lower(db: Db, before: ReadonlySet<number>): Promise<CompactionThread> {
  try {
    let fresh = newThreads(before);
    // The open may not have needed a compaction: a manual one over no keys switches the
    // memtable and schedules the background work, which starts the thread.
    if (fresh.length === 0) {
      await db.compactRange("\u0000", "\u0000");
      fresh = newThreads(before);
    }
    if (fresh.length !== 1)
      return { tid: undefined, reason: `${fresh.length} threads started with LevelDB's first compaction` };
    setPriority(fresh[0], COMPACTION_NICE);
    process.env[LOWERED] = String(fresh[0]);
    return { tid: fresh[0], nice: COMPACTION_NICE };
  } catch (e) {
    return { tid: undefined, reason: `could not lower it: ${(e as Error).message}` };
  }
}

function skipReason(): string | undefined {
  if (process.platform !== "linux") return `threads keep their priority on ${process.platform}`;
  if (!isMainThread) return "not the main thread";
  const lowered = process.env[LOWERED];
  if (lowered !== undefined && threads().has(Number(lowered))) return `already lowered: thread ${lowered}`;
  return undefined;
}

function threads(): Set<number> {
  return new Set(readdirSync("/proc/self/task").map(Number));
}

function newThreads(before: ReadonlySet<number>): number[] {
  return [...threads()].filter((tid) => !before.has(tid));
}
