import type { WriteBatch } from "../write-batch.ts";
import { buildBatch, type Counters } from "./apply-batch.ts";
import { type Db, writeDurably } from "./database.ts";
import { F, key } from "./keys.ts";

/**
 * Commits batches on one database handle, one at a time. It keeps each workspace's last seq,
 * commit count and latest fact timestamp (and the event arrival number) in memory after reading
 * them once: it must be the only writer of batches while it lives.
 */
export class Committer {
  readonly #counters = new Map<string, Omit<Counters, "events">>();
  #events: number | undefined;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Db) {}

  commit(batch: WriteBatch): Promise<{ firstSeq: number; lastSeq: number } | null> {
    const run = this.#tail.then(() => this.#commit(batch));
    this.#tail = run.catch(() => {});
    return run;
  }

  async #commit(batch: WriteBatch): Promise<{ firstSeq: number; lastSeq: number } | null> {
    const ws = batch.workspaceId;
    const before = await this.#countersOf(ws);
    const { ops, counters, range } = await buildBatch(this.db, batch, before);
    await writeDurably(this.db, ops);
    const { events: _, ...own } = counters;
    this.#counters.set(ws, own);
    this.#events = counters.events;
    return range;
  }

  async #countersOf(ws: string): Promise<Counters> {
    this.#events ??= Number((await this.db.get(key(F.meta, "events"))) ?? 0);
    let c = this.#counters.get(ws);
    if (c === undefined) {
      const [seq, commits, factsUpTo] = await this.db.getMany([
        key(F.lastSeq, ws),
        key(F.commits, ws),
        key(F.factsUpTo, ws),
      ]);
      c = {
        lastSeq: Number(seq ?? 0),
        commits: Number(commits ?? 0),
        factsUpTo: factsUpTo === undefined ? Number.NEGATIVE_INFINITY : Number(factsUpTo),
      };
      this.#counters.set(ws, c);
    }
    return { ...c, events: this.#events };
  }
}
