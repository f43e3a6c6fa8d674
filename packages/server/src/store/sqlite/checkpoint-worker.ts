import { parentPort, workerData } from "node:worker_threads";
import { openDatabase } from "./open-database.ts";
import type { WorkerOptions } from "./worker-boot.ts";

/**
 * Copies the write-ahead log into the database file on a thread of its own, so that no commit
 * pays for it. Left to SQLite, the commit that takes the log past 1,000 pages runs the
 * checkpoint itself: under load one commit in three took 50–70 ms instead of 10–15 ms, and the
 * messages behind it waited. Woken after commits; a PASSIVE checkpoint never blocks the writer
 * or the readers, it copies what no reader still needs.
 */
const MIN_INTERVAL_MS = 20;

const port = parentPort;
if (port === null) throw new Error("checkpoint-worker.ts runs as a worker thread");
const { autocheckpoint, ...options } = workerData as WorkerOptions;
const db = openDatabase(options, autocheckpoint);

let woken = false;
let scheduled = false;
let closing = false;
let lastRun = 0;

port.on("message", (message: "wake" | "close") => {
  if (message === "close") {
    closing = true;
    if (!scheduled) finish();
    return;
  }
  woken = true;
  schedule();
});

function schedule(): void {
  if (scheduled || closing) return;
  scheduled = true;
  setTimeout(run, Math.max(0, lastRun + MIN_INTERVAL_MS - performance.now()));
}

function run(): void {
  scheduled = false;
  if (closing) {
    finish();
    return;
  }
  woken = false;
  lastRun = performance.now();
  const [result] = db.pragma("wal_checkpoint(PASSIVE)") as {
    busy: number;
    log: number;
    checkpointed: number;
  }[];
  // Frames left (a reader still needs them, or commits came meanwhile): try again shortly.
  if (woken || result.checkpointed < result.log) schedule();
}

function finish(): void {
  db.close();
  port?.close();
}
