import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { WriteBatch } from "../write-batch.ts";
import type { CommitReply, CommitRequest } from "./commit-worker.ts";
import type { SqliteStoreOptions } from "./open-database.ts";

type Range = { firstSeq: number; lastSeq: number } | null;

/** A commit that failed on the commit thread, with SQLite's error code when there was one. */
export class CommitError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = "CommitError";
  }
}

/**
 * The main thread's handle on the commit worker: `commit` posts a batch and resolves with the
 * worker's answer. The worker is TypeScript, loaded through the same tsx loader as the service.
 */
export class CommitThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (r: Range) => void; reject: (e: Error) => void }>();
  #nextId = 1;
  #failure: Error | undefined;

  constructor(options: SqliteStoreOptions) {
    // The worker registers tsx's loader itself, however this process was started (tsx, a test
    // runner): Node 20 does not honour loader flags in a worker's execArgv.
    const require = createRequire(import.meta.url);
    const loader = require.resolve("tsx/cjs/api");
    const entry = fileURLToPath(new URL("./commit-worker.ts", import.meta.url));
    const boot = `require(${JSON.stringify(loader)}).register(); require(${JSON.stringify(entry)});`;
    this.#worker = new Worker(boot, {
      eval: true,
      workerData: {
        path: options.path,
        synchronous: options.synchronous,
        busyTimeoutMs: options.busyTimeoutMs,
      },
    });
    this.#worker.on("message", (reply: CommitReply) => {
      const waiting = this.#pending.get(reply.id);
      this.#pending.delete(reply.id);
      if (reply.ok) waiting?.resolve(reply.range);
      else waiting?.reject(new CommitError(reply.error.message, reply.error.code));
    });
    // A dead worker fails every waiting and later commit: nothing is acknowledged without it.
    const fail = (e: Error) => {
      this.#failure = e;
      for (const waiting of this.#pending.values()) waiting.reject(e);
      this.#pending.clear();
    };
    this.#worker.on("error", fail);
    this.#worker.on("exit", (code) => fail(new Error(`the commit thread exited (${code})`)));
    // An idle worker must not keep the process alive.
    this.#worker.unref();
  }

  commit(batch: WriteBatch): Promise<Range> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    return new Promise<Range>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.ref();
      this.#worker.postMessage({ id, batch } satisfies CommitRequest);
    }).finally(() => {
      if (this.#pending.size === 0) this.#worker.unref();
    });
  }

  async close(): Promise<void> {
    if (this.#failure !== undefined) return;
    const exited = new Promise<void>((resolve) => this.#worker.once("exit", () => resolve()));
    this.#worker.ref();
    this.#worker.postMessage("close");
    await exited;
  }
}
