import { parentPort, workerData } from "node:worker_threads";
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
export interface CommitRequest {
  id: number;
  batch: WriteBatch;
}

export type CommitReply =
  | { id: number; ok: true; range: { firstSeq: number; lastSeq: number } | null }
  | { id: number; ok: false; error: { name: string; message: string; code?: string } };

const { autocheckpoint, ...options } = workerData as WorkerOptions;
const db = openDatabase(options, autocheckpoint);
const statements = new StatementCache(db);
const commit = db.transaction((b: WriteBatch) => applyBatch(statements, b)).immediate;
const port = parentPort;
if (port === null) throw new Error("commit-worker.ts runs as a worker thread");

port.on("message", (request: CommitRequest | "close") => {
  if (request === "close") {
    db.close();
    port.close();
    return;
  }
  let reply: CommitReply;
  try {
    reply = { id: request.id, ok: true, range: commit(request.batch) };
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    const code = (error as { code?: unknown }).code;
    reply = {
      id: request.id,
      ok: false,
      error: { name: error.name, message: error.message, ...(typeof code === "string" ? { code } : {}) },
    };
  }
  port.postMessage(reply);
});
