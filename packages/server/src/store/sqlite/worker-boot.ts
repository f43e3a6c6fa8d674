import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { SqliteStoreOptions } from "./open-database.ts";

/** What a store's worker gets: the connection settings, and the log size its commits checkpoint at. */
export type WorkerOptions = Pick<SqliteStoreOptions, "path" | "synchronous" | "busyTimeoutMs"> & {
  autocheckpoint?: number;
};

/**
 * Starts `file` (a TypeScript module next to this one) on a worker thread with its own connection
 * to the store's database. The worker registers tsx's loader itself, however this process was
 * started (tsx, a test runner): Node 20 does not honour loader flags in a worker's execArgv.
 */
export function startWorker(file: string, options: SqliteStoreOptions, autocheckpoint?: number): Worker {
  const { path, synchronous, busyTimeoutMs } = options;
  const workerData: WorkerOptions = { path, synchronous, busyTimeoutMs, autocheckpoint };
  const require = createRequire(import.meta.url);
  const loader = require.resolve("tsx/cjs/api");
  const entry = fileURLToPath(new URL(file, import.meta.url));
  const boot = `require(${JSON.stringify(loader)}).register(); require(${JSON.stringify(entry)});`;
  return new Worker(boot, { eval: true, workerData });
}
