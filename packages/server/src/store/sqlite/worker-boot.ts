import type { Worker } from "node:worker_threads";
import { bootWorker } from "../commit-thread.ts";
import type { SqliteStoreOptions } from "./open-database.ts";

/** What a store's worker gets: the connection settings, and the log size its commits checkpoint at. */
export type WorkerOptions = Pick<SqliteStoreOptions, "path" | "synchronous" | "busyTimeoutMs"> & {
  autocheckpoint?: number;
};

/** Starts `file` (a module next to this one) on a worker thread with its own connection to the database. */
export function startWorker(file: string, options: SqliteStoreOptions, autocheckpoint?: number): Worker {
  const { path, synchronous, busyTimeoutMs } = options;
  const workerData: WorkerOptions = { path, synchronous, busyTimeoutMs, autocheckpoint };
  return bootWorker(new URL(file, import.meta.url), workerData);
}
