import type { Worker } from "node:worker_threads";
import type { WriteBatch } from "../write-batch.ts";
import type { CommitReply, CommitRequest } from "./commit-worker.ts";
import type { SqliteStoreOptions } from "./open-database.ts";
import { startWorker } from "./worker-boot.ts";

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
 * worker's answer.
 */
export class CommitThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (r: Range) => void; reject: (e: Error) => void }>();
  #nextId = 1;
  #failure: Error | undefined;

  /** `autocheckpoint`: see `openDatabase`. */
  constructor(options: SqliteStoreOptions, autocheckpoint?: number) {
    this.#worker = startWorker("./commit-worker.ts", options, autocheckpoint);
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
