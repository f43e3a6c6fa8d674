import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import xxhash from "xxhash-wasm";
import { bootWorker, CommitThread } from "../commit-thread.ts";
import { toJson } from "../json.ts";
import { positiveInteger } from "../limits.ts";
import { MessageIdFilter } from "../message-id-filter.ts";
import type {
  ChangeRecord,
  ListRecord,
  MembershipRecord,
  SegmentRecord,
  StoredContact,
  WebhookDeliveryState,
  WebhookRecord,
  WorkspaceRecord,
} from "../records.ts";
import type { IdempotencyRecord, Page, Store, StoredResponse } from "../store.ts";
import type { WriteBatch } from "../write-batch.ts";
import { readChanges, segmentChanges } from "./change-runs.ts";
import { byCreation, decodeRecord, integer } from "./codec.ts";
import { Committer } from "./committer.ts";
import { openLoweringCompaction } from "./compaction-priority.ts";
import { readContact, readContactChunk } from "./contact-reads.ts";
import { countUnder, type Db, entriesUnder, keysUnder, openDb, writeDurably } from "./database.ts";
import * as idempotency from "./idempotency.ts";
import { extend, F, key, parts, under } from "./keys.ts";
import { migrateChangeRuns } from "./migrate-change-runs.ts";
import { migrateFactsUpTo } from "./migrate-facts-up-to.ts";

const CONTACT_CHUNK = 1000;
const MEMBERSHIP_CHUNK = 5000;
/**
 * 2: the change log in runs (change-runs.ts). 3: each workspace's latest fact timestamp
 * (`F.factsUpTo`). 4: runs written as columns (change-run-codec.ts; the tuples of older runs are
 * still read, so nothing is rewritten, but a build reading 3 must not open it). An older database
 * is migrated at open, step by step.
 */
const SCHEMA_VERSION = "4";
const KNOWN_VERSIONS = ["1", "2", "3", SCHEMA_VERSION];
/** Message-id keys read per step while the filter fills at open: about 1 ms of the main thread each. */
const ID_SCAN_CHUNK = 2_000;
/** The databases a `LevelStore` of this process has open. */
const OPEN_PATHS = new Set<string>();

export interface LevelStoreOptions {
  /** The database's directory (created if missing). */
  path: string;
  /** Commit batches on a worker thread sharing the database (default). False: on the calling thread. */
  commitThread?: boolean;
}

/**
 * An embedded store on LevelDB (classic-level): a log-structured engine, so a message's writes
 * to random keys (its event under its contact, its id, membership rows) are appended to one
 * log and sorted into place in the background, instead of each rewriting a B-tree page.
 *
 * Writes (commits, catalog, webhooks, idempotency) run one at a time through a queue, each one
 * LevelDB batch written with sync, so it is atomic and durable when it resolves; reads run
 * beside them, multi-key reads from one snapshot.
 */
export class LevelStore implements Store {
  readonly dialect = "leveldb";
  readonly #path: string;
  readonly #useThread: boolean;
  #db: Db | undefined;
  /** Commits before `migrate` started the thread, or all of them without one. */
  #committer: Committer | undefined;
  #thread: CommitThread | undefined;
  #opening: Promise<Db> | undefined;
  /** The tail of the write queue. */
  #writes: Promise<unknown> = Promise.resolve();
  /**
   * Every message id stored or being committed (their keys), so that a lookup reads LevelDB only
   * for the few ids the filter may hold. Filled from the database at open, in the background;
   * until that is done, `seenMessageIds` reads every id from the database.
   */
  #seen: MessageIdFilter | undefined;
  #seenComplete = false;
  #seenFilling: Promise<boolean> = Promise.resolve(false);
  #closing = false;

  constructor(options: LevelStoreOptions) {
    this.#path = options.path;
    this.#useThread = options.commitThread !== false;
  }

  async migrate(): Promise<void> {
    const db = await this.#open();
    const version = await db.get(key(F.meta, "schema"));
    if (version !== undefined && !KNOWN_VERSIONS.includes(version))
      throw new Error(`the LevelDB store has schema version ${version}; this build reads ${SCHEMA_VERSION}`);
    if (version !== SCHEMA_VERSION)
      await this.#serial(async (d) => {
        if (version === "1") await migrateChangeRuns(d);
        if (version === "1" || version === "2") await migrateFactsUpTo(d);
        await writeDurably(d, [{ type: "put", key: key(F.meta, "schema"), value: SCHEMA_VERSION }]);
      });
    if (!this.#useThread || this.#thread !== undefined) return;
    // From here on the thread is the only writer of batches (it reads its counters afresh).
    await this.#writes;
    const worker = bootWorker(new URL("./commit-worker.ts", import.meta.url), { path: this.#path });
    this.#thread = new CommitThread(worker);
  }

  /**
   * Resolves once the message-id filter holds every stored id (true), or with false if filling
   * it stopped (the store closed first, or the scan failed: lookups then keep reading LevelDB).
   */
  get messageIdsIndexed(): Promise<boolean> {
    return this.#opening === undefined ? Promise.resolve(false) : this.#opening.then(() => this.#seenFilling);
  }

  async close(): Promise<void> {
    this.#closing = true;
    await this.#seenFilling;
    await this.#thread?.close();
    this.#thread = undefined;
    await this.#writes.catch(() => {});
    const db = this.#db ?? (await this.#opening?.catch(() => undefined));
    this.#db = undefined;
    this.#opening = undefined;
    if (db !== undefined && db.status === "open") await db.close();
    if (db !== undefined) OPEN_PATHS.delete(resolve(this.#path));
    this.#seen = undefined;
    this.#seenComplete = false;
    this.#closing = false;
  }

  commit(batch: WriteBatch): Promise<{ firstSeq: number; lastSeq: number } | null> {
    if (this.#thread !== undefined) {
      this.#noteMessageIds(batch);
      return this.#thread.commit(batch);
    }
    return this.#serial((db) => {
      this.#noteMessageIds(batch);
      this.#committer ??= new Committer(db);
      return this.#committer.commit(batch);
    });
  }

  async createWorkspace(w: WorkspaceRecord): Promise<void> {
    await this.#serial(async (db) => {
      const [byId, byKey] = await db.getMany([key(F.workspace, w.id), key(F.workspaceByKey, w.apiKeyHash)]);
      if (byId !== undefined) throw new Error(`workspace ${w.id} exists`);
      if (byKey !== undefined) throw new Error("another workspace has this API key");
      integer(w.createdAt, "a workspace's createdAt");
      await writeDurably(db, [
        { type: "put", key: key(F.workspace, w.id), value: toJson(w, "workspace") },
        { type: "put", key: key(F.workspaceByKey, w.apiKeyHash), value: w.id },
      ]);
    });
  }

  async workspaceByKeyHash(apiKeyHash: string): Promise<WorkspaceRecord | undefined> {
    const db = await this.#open();
    const id = await db.get(key(F.workspaceByKey, apiKeyHash));
    if (id === undefined) return undefined;
    const text = await db.get(key(F.workspace, id));
    return text === undefined ? undefined : decodeRecord<WorkspaceRecord>(text);
  }

  async listWorkspaces(): Promise<WorkspaceRecord[]> {
    return this.#records<WorkspaceRecord>(key(F.workspace));
  }

  async listSegments(workspaceId: string): Promise<SegmentRecord[]> {
    return this.#records<SegmentRecord>(key(F.segment, workspaceId));
  }

  async getSegment(workspaceId: string, segmentId: string): Promise<SegmentRecord | undefined> {
    const text = await (await this.#open()).get(key(F.segment, workspaceId, segmentId));
    return text === undefined ? undefined : decodeRecord<SegmentRecord>(text);
  }

  async listLists(workspaceId: string): Promise<ListRecord[]> {
    return this.#records<ListRecord>(key(F.list, workspaceId));
  }

  async seenMessageIds(workspaceId: string, messageIds: readonly string[]): Promise<Set<string>> {
    if (messageIds.length === 0) return new Set();
    const db = await this.#open();
    const ids: string[] = [];
    const keys: string[] = [];
    const filter = this.#seenComplete ? this.#seen : undefined;
    for (const id of messageIds) {
      const k = key(F.message, workspaceId, id);
      if (filter !== undefined && !filter.mightHave(k)) continue;
      ids.push(id);
      keys.push(k);
    }
    if (keys.length === 0) return new Set();
    const found = await db.hasMany(keys);
    return new Set(ids.filter((_, i) => found[i]));
  }

  /** Adds a batch's message ids to the filter before any of them can be written. */
  #noteMessageIds(batch: WriteBatch): void {
    const filter = this.#seen;
    if (filter === undefined) throw new Error("the LevelDB store commits only once it is open");
    for (const id of batch.messageIds) filter.add(key(F.message, batch.workspaceId, id));
  }

  /**
   * Adds every stored message-id key to the filter, a chunk at a time beside the store's other
   * work. Ids committed meanwhile are added by `commit`, so once the scan ends the filter holds
   * them all; resolves to whether it did end (not stopped by close or a failure).
   */
  async #fillMessageIds(db: Db, filter: MessageIdFilter): Promise<boolean> {
    const it = db.keys(under(key(F.message)));
    try {
      while (!this.#closing) {
        const chunk = await it.nextv(ID_SCAN_CHUNK);
        if (chunk.length === 0) {
          this.#seenComplete = this.#seen === filter;
          return this.#seenComplete;
        }
        for (const k of chunk) filter.add(k);
      }
      return false;
    } catch {
      return false;
    } finally {
      await it.close().catch(() => {});
    }
  }

  async getContact(
    workspaceId: string,
    contactId: string,
    options: { events?: boolean } = {},
  ): Promise<StoredContact | undefined> {
    return readContact(await this.#open(), workspaceId, contactId, options.events ?? true);
  }

  async *streamContacts(
    workspaceId: string,
    chunkSize = CONTACT_CHUNK,
    options: { readAhead?: boolean } = {},
  ): AsyncIterable<StoredContact[]> {
    const size = positiveInteger(chunkSize, "chunkSize");
    const db = await this.#open();
    const read = (after?: string) => readContactChunk(db, workspaceId, after, size);
    // Read ahead (start-up): the next chunk is read on LevelDB's threads while the caller works.
    let next = options.readAhead === true ? read() : undefined;
    let after: string | undefined;
    for (;;) {
      const chunk = await (next ?? read(after));
      const more = chunk.length === size;
      after = more ? chunk[chunk.length - 1].id : undefined;
      next = more && options.readAhead === true ? prefetched(read(after)) : undefined;
      if (chunk.length > 0) yield chunk;
      if (!more) return;
    }
  }

  async contactCount(workspaceId: string): Promise<number> {
    return countUnder(await this.#open(), key(F.contact, workspaceId));
  }

  async *streamMemberships(workspaceId: string): AsyncIterable<MembershipRecord[]> {
    const db = await this.#open();
    const prefix = key(F.membership, workspaceId);
    const read = (after?: string) =>
      entriesUnder(db, prefix, { limit: MEMBERSHIP_CHUNK, ...(after === undefined ? {} : { after }) });
    let next = read();
    for (;;) {
      const rows = await next;
      const more = rows.length === MEMBERSHIP_CHUNK;
      if (more) next = prefetched(read(rows[rows.length - 1][0]));
      if (rows.length > 0) yield rows.map(membership);
      if (!more) return;
    }
  }

  async members(
    workspaceId: string,
    segmentId: string,
    limit: number,
    after?: string,
  ): Promise<Page<MembershipRecord>> {
    const n = positiveInteger(limit, "limit");
    const prefix = key(F.membership, workspaceId, segmentId);
    const rows = await entriesUnder(await this.#open(), prefix, {
      limit: n + 1,
      ...(after === undefined ? {} : { after: extend(prefix, after) }),
    });
    const data = rows.slice(0, n).map(membership);
    const next = rows.length > n && data.length > 0 ? data[data.length - 1].contactId : null;
    return { data, next };
  }

  async memberCount(workspaceId: string, segmentId: string): Promise<number> {
    return countUnder(await this.#open(), key(F.membership, workspaceId, segmentId));
  }

  async contactMemberships(workspaceId: string, contactId: string): Promise<MembershipRecord[]> {
    const db = await this.#open();
    // One probe per segment of the workspace, in segment id order (no index by contact).
    const segments = (await keysUnder(db, key(F.segment, workspaceId))).map((k) => parts(k)[1]);
    const since = await db.getMany(segments.map((s) => key(F.membership, workspaceId, s, contactId)));
    return segments.flatMap((segmentId, i) => {
      const s = since[i];
      return s === undefined ? [] : [{ segmentId, contactId, since: Number(s) }];
    });
  }

  async changes(
    workspaceId: string,
    afterSeq: number,
    limit: number,
    segmentId?: string,
  ): Promise<ChangeRecord[]> {
    const n = positiveInteger(limit, "limit");
    const from = afterSeq < 0 ? -1 : Math.floor(afterSeq);
    return readChanges(await this.#open(), workspaceId, from, n, segmentId);
  }

  async lastSeq(workspaceId: string): Promise<number> {
    return Number((await (await this.#open()).get(key(F.lastSeq, workspaceId))) ?? 0);
  }

  async commitCount(workspaceId: string): Promise<number> {
    return Number((await (await this.#open()).get(key(F.commits, workspaceId))) ?? 0);
  }

  async membershipAt(
    workspaceId: string,
    segmentId: string,
    contactId: string,
    at: number,
  ): Promise<{ member: boolean; since?: number }> {
    // A scan of the segment's changes in seq order; ties on `at` go to the later seq.
    let best: ChangeRecord | undefined;
    for (const c of await segmentChanges(await this.#open(), workspaceId, segmentId)) {
      if (c.contactId !== contactId || c.at > at) continue;
      if (best === undefined || c.at >= best.at) best = c;
    }
    return best?.change === "entered" ? { member: true, since: best.at } : { member: false };
  }

  async createWebhook(w: WebhookRecord): Promise<void> {
    await this.#serial(async (db) => {
      const k = key(F.webhook, w.workspaceId, w.id);
      const [workspace, existing] = await db.getMany([key(F.workspace, w.workspaceId), k]);
      if (workspace === undefined) throw new Error(`no workspace ${w.workspaceId}`);
      if (existing !== undefined) throw new Error(`webhook ${w.id} exists`);
      await writeDurably(db, [{ type: "put", key: k, value: toJson(w, "webhook") }]);
    });
  }

  async listWebhooks(workspaceId: string): Promise<WebhookRecord[]> {
    return this.#records<WebhookRecord>(key(F.webhook, workspaceId));
  }

  async getWebhook(workspaceId: string, webhookId: string): Promise<WebhookRecord | undefined> {
    const text = await (await this.#open()).get(key(F.webhook, workspaceId, webhookId));
    return text === undefined ? undefined : decodeRecord<WebhookRecord>(text);
  }

  deleteWebhook(workspaceId: string, webhookId: string): Promise<boolean> {
    return this.#serial(async (db) => {
      const k = key(F.webhook, workspaceId, webhookId);
      if ((await db.get(k)) === undefined) return false;
      await writeDurably(db, [{ type: "del", key: k }]);
      return true;
    });
  }

  saveWebhookDelivery(workspaceId: string, webhookId: string, state: WebhookDeliveryState): Promise<boolean> {
    return this.#serial(async (db) => {
      const k = key(F.webhook, workspaceId, webhookId);
      const text = await db.get(k);
      if (text === undefined) return false;
      const w = decodeRecord<WebhookRecord>(text);
      // The cursor never moves back: a stale writer cannot undo progress.
      const delivery = { ...state, cursor: Math.max(w.delivery.cursor, state.cursor) };
      await writeDurably(db, [{ type: "put", key: k, value: toJson({ ...w, delivery }, "webhook") }]);
      return true;
    });
  }

  claimIdempotency(
    claim: Omit<IdempotencyRecord, "response">,
    now: number,
    staleBefore: number,
  ): Promise<IdempotencyRecord | null> {
    return this.#serial((db) => idempotency.claim(db, claim, now, staleBefore));
  }

  async saveIdempotency(workspaceId: string, key: string, response: StoredResponse | null): Promise<void> {
    await this.#serial((db) => idempotency.save(db, workspaceId, key, response));
  }

  /** Runs `work` after every write queued before it; a failure does not stop the queue. */
  #serial<T>(work: (db: Db) => Promise<T>): Promise<T> {
    const run = this.#writes.then(async () => work(await this.#open()));
    this.#writes = run.catch(() => {});
    return run;
  }

  #open(): Promise<Db> {
    if (this.#db !== undefined) return Promise.resolve(this.#db);
    this.#opening ??= (async () => {
      // Sharing the database with the commit thread lets a second store in this process open it
      // too, and two stores would number their changes apart: refuse it, as LevelDB does across
      // processes.
      const path = resolve(this.#path);
      if (OPEN_PATHS.has(path))
        throw new Error(`the LevelDB store at ${path} is already open in this process`);
      OPEN_PATHS.add(path);
      try {
        mkdirSync(path, { recursive: true });
        const [db, { h32 }] = await Promise.all([openLoweringCompaction(() => openDb(path)), xxhash()]);
        this.#db = db;
        const filter = new MessageIdFilter(h32);
        this.#seen = filter;
        this.#seenFilling = this.#fillMessageIds(db, filter);
        return db;
      } catch (e) {
        OPEN_PATHS.delete(path);
        throw e;
      }
    })();
    return this.#opening;
  }

  async #records<T extends { createdAt: number; id: string }>(prefix: string): Promise<T[]> {
    const rows = await entriesUnder(await this.#open(), prefix);
    return rows.map(([, v]) => decodeRecord<T>(v)).sort(byCreation);
  }
}

/** A read started ahead: a caller that stops early leaves it unread, so its failure is not unhandled. */
function prefetched<T>(read: Promise<T>): Promise<T> {
  read.catch(() => {});
  return read;
}

function membership([k, v]: [string, string]): MembershipRecord {
  const [, segmentId, contactId] = parts(k);
  return { segmentId, contactId, since: Number(v) };
}
