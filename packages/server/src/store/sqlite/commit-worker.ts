import { workerData } from "node:worker_threads";
import { serveCommits } from "../commit-thread.ts";
import type { WriteBatch } from "../write-batch.ts";
import { applyBatch } from "./apply-batch.ts";
import { openDatabase } from "./open-database.ts";
import { StatementCache } from "./statement-cache.ts";
import type { WorkerOptions } from "./worker-boot.ts";

/**
 * The embedded store's commits, on a thread of their own: its connection writes each batch in
 * one IMMEDIATE transaction (fsynced before it answers) while the main thread evaluates the next
 * turn. Requests are handled one at a time, in arrival order.
 */
const { autocheckpoint, ...options } = workerData as WorkerOptions;
const db = openDatabase(options, autocheckpoint);
const statements = new StatementCache(db);
const commit = db.transaction((b: WriteBatch) => applyBatch(statements, b)).immediate;
serveCommits(commit, () => {
  db.close();
});
