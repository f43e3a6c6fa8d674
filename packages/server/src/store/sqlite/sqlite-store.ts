import type Database from "better-sqlite3";
import { CommitThread } from "../commit-thread.ts";
import { positiveInteger } from "../limits.ts";
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
import { applyBatch } from "./apply-batch.ts";
import * as catalog from "./catalog-reads.ts";
import { readChanges, readCommitCount, readLastSeq, readMembershipAt } from "./change-reads.ts";
import { BACKSTOP_PAGES, CheckpointThread } from "./checkpoint-thread.ts";
import { readContact, readContactChunk } from "./contact-reads.ts";
import * as idempotency from "./idempotency.ts";
import * as memberships from "./membership-reads.ts";
import { migrate } from "./migrate.ts";
import { openDatabase, readPragmas, type SqliteStoreOptions } from "./open-database.ts";
import { StatementCache } from "./statement-cache.ts";
import * as webhooks from "./webhook-statements.ts";
import { startWorker } from "./worker-boot.ts";

const CONTACT_CHUNK = 1000;
const MEMBERSHIP_CHUNK = 5000;

/**
 * The embedded store: one better-sqlite3 connection. Its calls are synchronous, so each method
 * runs to completion before any other; the async signatures are the port's.
 */
export class SqliteStore implements Store {
  readonly dialect = "sqlite";
  readonly #db: Database.Database;
  readonly #s: StatementCache;
  // IMMEDIATE takes the write lock up front: a deferred upgrade could fail under a second writer.
  readonly #commit: (batch: WriteBatch) => { firstSeq: number; lastSeq: number } | null;
  // One snapshot per chunk, so its contacts and their facts agree even beside another writer.
  readonly #contactChunk: (ws: string, after: string | undefined, size: number) => StoredContact[];
  readonly #contact: (ws: string, id: string, events: boolean) => StoredContact | undefined;
  /** Commits on their own thread (file databases): the main thread evaluates meanwhile. */
  #thread: CommitThread | undefined;
  /** Checkpoints on theirs, so that no commit waits for one. */
  #checkpointer: CheckpointThread | undefined;
  readonly #options: SqliteStoreOptions;
  readonly #commitThread: boolean;
  readonly #checkpointThread: boolean;
  /** Every connection's checkpoint threshold: the backstop when a thread checkpoints, else SQLite's. */
  readonly #autocheckpoint: number | undefined;

  constructor(options: SqliteStoreOptions) {
    this.#options = options;
    this.#commitThread = options.commitThread !== false && options.path !== ":memory:";
    this.#checkpointThread = this.#commitThread && options.checkpointThread !== false;
    this.#autocheckpoint = this.#checkpointThread ? BACKSTOP_PAGES : undefined;
    this.#db = openDatabase(options, this.#autocheckpoint);
    this.#s = new StatementCache(this.#db);
    this.#commit = this.#db.transaction((b: WriteBatch) => applyBatch(this.#s, b)).immediate;
    this.#contactChunk = this.#db.transaction((ws: string, after: string | undefined, size: number) =>
      readContactChunk(this.#s, ws, after, size),
    );
    this.#contact = this.#db.transaction((ws: string, id: string, events: boolean) =>
      readContact(this.#s, ws, id, events),
    );
  }

  /** The connection's durability settings, for checks and diagnostics. */
  pragmas(): ReturnType<typeof readPragmas> {
    return readPragmas(this.#db);
  }

  async migrate(): Promise<void> {
    migrate(this.#db);
    // After the schema exists: the commit thread prepares its statements against it.
    if (!this.#commitThread || this.#thread !== undefined) return;
    this.#thread = new CommitThread(startWorker("./commit-worker.ts", this.#options, this.#autocheckpoint));
    if (this.#checkpointThread) this.#checkpointer = new CheckpointThread(this.#options);
  }

  async close(): Promise<void> {
    await this.#thread?.close();
    this.#thread = undefined;
    await this.#checkpointer?.close();
    this.#checkpointer = undefined;
    // The last connection to close checkpoints the whole log and removes it.
    if (this.#db.open) this.#db.close();
  }

  async commit(batch: WriteBatch): Promise<{ firstSeq: number; lastSeq: number } | null> {
    if (this.#thread === undefined) return this.#commit(batch);
    const range = await this.#thread.commit(batch);
    this.#checkpointer?.wake();
    return range;
  }

  async createWorkspace(w: WorkspaceRecord): Promise<void> {
    catalog.insertWorkspace(this.#s, w);
  }

  async workspaceByKeyHash(apiKeyHash: string): Promise<WorkspaceRecord | undefined> {
    return catalog.readWorkspaceByKeyHash(this.#s, apiKeyHash);
  }

  async listWorkspaces(): Promise<WorkspaceRecord[]> {
    return catalog.readWorkspaces(this.#s);
  }

  async listSegments(workspaceId: string): Promise<SegmentRecord[]> {
    return catalog.readSegments(this.#s, workspaceId);
  }

  async getSegment(workspaceId: string, segmentId: string): Promise<SegmentRecord | undefined> {
    return catalog.readSegment(this.#s, workspaceId, segmentId);
  }

  async listLists(workspaceId: string): Promise<ListRecord[]> {
    return catalog.readLists(this.#s, workspaceId);
  }

  async seenMessageIds(workspaceId: string, messageIds: readonly string[]): Promise<Set<string>> {
    return catalog.readSeenMessageIds(this.#s, workspaceId, messageIds);
  }

  async getContact(
    workspaceId: string,
    contactId: string,
    options: { events?: boolean } = {},
  ): Promise<StoredContact | undefined> {
    return this.#contact(workspaceId, contactId, options.events ?? true);
  }

  async *streamContacts(workspaceId: string, chunkSize = CONTACT_CHUNK): AsyncIterable<StoredContact[]> {
    const size = positiveInteger(chunkSize, "chunkSize");
    let after: string | undefined;
    for (;;) {
      const chunk = this.#contactChunk(workspaceId, after, size);
      if (chunk.length > 0) yield chunk;
      if (chunk.length < size) return;
      after = chunk[chunk.length - 1].id;
    }
  }

  async contactCount(workspaceId: string): Promise<number> {
    return (
      this.#s.get<[string], number>("SELECT count(*) FROM contacts WHERE ws = ?").pluck().get(workspaceId) ??
      0
    );
  }

  async *streamMemberships(workspaceId: string): AsyncIterable<MembershipRecord[]> {
    let after: MembershipRecord | undefined;
    for (;;) {
      const chunk = memberships.readMembershipChunk(this.#s, workspaceId, after, MEMBERSHIP_CHUNK);
      if (chunk.length > 0) yield chunk;
      if (chunk.length < MEMBERSHIP_CHUNK) return;
      after = chunk[chunk.length - 1];
    }
  }

  async members(
    workspaceId: string,
    segmentId: string,
    limit: number,
    after?: string,
  ): Promise<Page<MembershipRecord>> {
    return memberships.readMembers(this.#s, workspaceId, segmentId, positiveInteger(limit, "limit"), after);
  }

  async memberCount(workspaceId: string, segmentId: string): Promise<number> {
    return memberships.readMemberCount(this.#s, workspaceId, segmentId);
  }

  async contactMemberships(workspaceId: string, contactId: string): Promise<MembershipRecord[]> {
    return memberships.readContactMemberships(this.#s, workspaceId, contactId);
  }

  async changes(
    workspaceId: string,
    afterSeq: number,
    limit: number,
    segmentId?: string,
  ): Promise<ChangeRecord[]> {
    return readChanges(this.#s, workspaceId, afterSeq, positiveInteger(limit, "limit"), segmentId);
  }

  async commitCount(workspaceId: string): Promise<number> {
    return readCommitCount(this.#s, workspaceId);
  }

  async lastSeq(workspaceId: string): Promise<number> {
    return readLastSeq(this.#s, workspaceId);
  }

  async membershipAt(
    workspaceId: string,
    segmentId: string,
    contactId: string,
    at: number,
  ): Promise<{ member: boolean; since?: number }> {
    return readMembershipAt(this.#s, workspaceId, segmentId, contactId, at);
  }

  async createWebhook(w: WebhookRecord): Promise<void> {
    webhooks.insertWebhook(this.#s, w);
  }

  async listWebhooks(workspaceId: string): Promise<WebhookRecord[]> {
    return webhooks.readWebhooks(this.#s, workspaceId);
  }

  async getWebhook(workspaceId: string, webhookId: string): Promise<WebhookRecord | undefined> {
    return webhooks.readWebhooks(this.#s, workspaceId, webhookId)[0];
  }

  async deleteWebhook(workspaceId: string, webhookId: string): Promise<boolean> {
    return webhooks.removeWebhook(this.#s, workspaceId, webhookId);
  }

  async saveWebhookDelivery(
    workspaceId: string,
    webhookId: string,
    state: WebhookDeliveryState,
  ): Promise<boolean> {
    return webhooks.saveDelivery(this.#s, workspaceId, webhookId, state);
  }

  async claimIdempotency(
    claim: Omit<IdempotencyRecord, "response">,
    now: number,
    staleBefore: number,
  ): Promise<IdempotencyRecord | null> {
    return idempotency.claimIdempotency(this.#s, claim, now, staleBefore);
  }

  async saveIdempotency(workspaceId: string, key: string, response: StoredResponse | null): Promise<void> {
    idempotency.saveIdempotency(this.#s, workspaceId, key, response);
  }
}
