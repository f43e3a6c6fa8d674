import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

/**
 * Starts `file` (a TypeScript module next to this one) on a worker thread. The worker registers
 * tsx's loader itself, however this process was started (tsx, a test runner): Node 20 does not
 * honour loader flags in a worker's execArgv.
 */
export function startWorker(file: string, workerData: unknown): Worker {
  const require = createRequire(import.meta.url);
  const loader = require.resolve("tsx/cjs/api");
  const entry = fileURLToPath(new URL(file, import.meta.url));
  const boot = `require(${JSON.stringify(loader)}).register(); require(${JSON.stringify(entry)});`;
  return new Worker(boot, { eval: true, workerData });
}
