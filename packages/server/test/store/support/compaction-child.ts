/**
 * Run as its own process by compaction-priority.test.ts: opens a LevelDB database the way the
 * store does (the first open of the process), writes enough for a compaction, compacts it all,
 * and prints what was lowered and how much CPU each thread spent on that compaction.
 */
import { readdirSync, readFileSync } from "node:fs";
import { compactionThread, openLoweringCompaction } from "../../../src/store/level/compaction-priority.ts";
import { openDb } from "../../../src/store/level/database.ts";

/** Per thread: [CPU ms, nice] from /proc. */
function threads(): Map<number, [number, number]> {
  const out = new Map<number, [number, number]>();
  for (const t of readdirSync("/proc/self/task")) {
    const fields = readFileSync(`/proc/self/task/${t}/stat`, "utf8").split(") ")[1].split(" ");
    out.set(Number(t), [(Number(fields[11]) + Number(fields[12])) * 10, Number(fields[16])]);
  }
  return out;
}

const db = await openLoweringCompaction(() => openDb(process.argv[2]));
const outcome = await compactionThread();
// 48 MB of random keys in 1 MB batches: several sorted files that overlap each other.
const value = "x".repeat(1000);
for (let b = 0; b < 48; b++) {
  const batch = db.batch();
  for (let i = 0; i < 1000; i++) batch.put(`k${Math.random().toString(36).slice(2)}`, value);
  await batch.write();
}
const before = threads();
await db.compactRange("", "\uffff");
const after = threads();
const spent = [...after].map(([tid, [cpu, nice]]) => ({ tid, nice, ms: cpu - (before.get(tid)?.[0] ?? 0) }));
await db.close();
console.log(JSON.stringify({ outcome, main: process.pid, threads: spent }));
