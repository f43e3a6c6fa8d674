import type { Worker } from "node:worker_threads";
import type { SqliteStoreOptions } from "./open-database.ts";
import { startWorker } from "./worker-boot.ts";

/**
 * The writer's pages in the log past which a commit checkpoints by itself anyway (~40 MiB):
 * a backstop for when the checkpoint thread falls behind, so the log stays bounded.
 */
export const BACKSTOP_PAGES = 10_000;

/** The main thread's handle on the checkpoint worker (see checkpoint-worker.ts). */
export class CheckpointThread {
  readonly #worker: Worker;
  #exited = false;

  constructor(options: SqliteStoreOptions) {
    // Its own commits never checkpoint: it checkpoints explicitly.
    this.#worker = startWorker("./checkpoint-worker.ts", options, 0);
    // A failed checkpointer only means commits checkpoint by themselves again (the backstop).
    this.#worker.on("error", (e) =>
      process.emitWarning(
        `the SQLite checkpoint thread stopped (${e.message}); commits checkpoint by themselves`,
      ),
    );
    this.#worker.on("exit", () => {
      this.#exited = true;
    });
    this.#worker.unref();
  }

  /** After a commit: there are pages to copy. */
  wake(): void {
    if (!this.#exited) this.#worker.postMessage("wake");
  }

  async close(): Promise<void> {
    if (this.#exited) return;
    const exited = new Promise<void>((resolve) => this.#worker.once("exit", () => resolve()));
    this.#worker.ref();
    this.#worker.postMessage("close");
    await exited;
  }
}
