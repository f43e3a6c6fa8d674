import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { parentPort, Worker } from "node:worker_threads";
import { type PackedBatch, packBatch, packedBuffers, unpackBatch } from "./packed-batch.ts";
import type { WriteBatch } from "./write-batch.ts";

type Range = { firstSeq: number; lastSeq: number } | null;

/** A batch the main thread posts to a commit worker (it posts "close" to end the worker). */
export interface CommitRequest {
  id: number;
  batch: PackedBatch;
}

export type CommitReply =
  | { id: number; ok: true; range: Range }
  | { id: number; ok: false; error: { name: string; message: string; code?: string } };

/** A commit that failed on the commit thread, with the engine's error code when there was one. */
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
 * Starts `entry` (a TypeScript module) on a worker thread. The worker registers tsx's loader
 * itself, however this process was started (tsx, a test runner): Node 20 does not honour loader
 * flags in a worker's execArgv.
 */
export function bootWorker(entry: URL, workerData: unknown): Worker {
  const require = createRequire(import.meta.url);
  const loader = require.resolve("tsx/cjs/api");
  const file = fileURLToPath(entry);
  const boot = `require(${JSON.stringify(loader)}).register(); require(${JSON.stringify(file)});`;
  return new Worker(boot, { eval: true, workerData });
}

/**
 * The worker's side: answers each request with `commit(batch)`, one at a time in arrival
 * order (a commit may be async; the next starts once it settled), and runs `close` on "close".
 */
export function serveCommits(
  commit: (batch: WriteBatch) => Range | Promise<Range>,
  close: () => void | Promise<void>,
): void {
  const port = parentPort;
  if (port === null) throw new Error("a commit worker runs as a worker thread");
  let tail: Promise<void> = Promise.resolve();
  port.on("message", (request: CommitRequest | "close") => {
    tail = tail.then(async () => {
      if (request === "close") {
        await close();
        port.close();
        return;
      }
      let reply: CommitReply;
      try {
        reply = { id: request.id, ok: true, range: await commit(unpackBatch(request.batch)) };
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
  });
}

/**
 * The main thread's handle on a commit worker: `commit` posts a batch and resolves with the
 * worker's answer. A dead worker fails every waiting and later commit: nothing is acknowledged
 * without it.
 */
export class CommitThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (r: Range) => void; reject: (e: Error) => void }>();
  #nextId = 1;
  #failure: Error | undefined;

  constructor(worker: Worker) {
    this.#worker = worker;
    this.#worker.on("message", (reply: CommitReply) => {
      const waiting = this.#pending.get(reply.id);
      this.#pending.delete(reply.id);
      if (reply.ok) waiting?.resolve(reply.range);
      else waiting?.reject(new CommitError(reply.error.message, reply.error.code));
    });
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
      const packed = packBatch(batch);
      this.#pending.set(id, { resolve, reject });
      this.#worker.ref();
      this.#worker.postMessage({ id, batch: packed } satisfies CommitRequest, packedBuffers(packed));
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
