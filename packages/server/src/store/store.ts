import type {
  ChangeRecord,
  ListRecord,
  MembershipRecord,
  SegmentRecord,
  StoredContact,
  WebhookDeliveryState,
  WebhookRecord,
  WorkspaceRecord,
} from "./records.ts";
import type { WriteBatch } from "./write-batch.ts";

/** What replaying a request needs of its first response. */
export interface StoredResponse {
  status: number;
  contentType: string | null;
  body: string;
}

/**
 * One `Idempotency-Key` of a workspace: the request it was first used with (its fingerprint)
 * and, once that request finished, its response (null while it is in flight).
 */
export interface IdempotencyRecord {
  /** The workspace id; the admin key's calls use the empty string. */
  workspaceId: string;
  key: string;
  fingerprint: string;
  createdAt: number;
  expiresAt: number;
  response: StoredResponse | null;
}

export interface Page<T> {
  data: T[];
  /** Pass back as `after` for the next page; null at the end. */
  next: string | null;
}

/**
 * The durable truth behind the engine. Every method is scoped by workspace. Adapters:
 * SQLite (embedded default), LevelDB (embedded) and PostgreSQL, all held to
 * test/store/conformance.ts.
 */
export interface Store {
  readonly dialect: "sqlite" | "postgres" | "leveldb";
  /** Creates or upgrades the schema; safe to run at every start. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  /** Applies a batch atomically; resolves once it is durable. Returns the seq range of its changes. */
  commit(batch: WriteBatch): Promise<{ firstSeq: number; lastSeq: number } | null>;

  createWorkspace(w: WorkspaceRecord): Promise<void>;
  workspaceByKeyHash(apiKeyHash: string): Promise<WorkspaceRecord | undefined>;
  listWorkspaces(): Promise<WorkspaceRecord[]>;

  listSegments(workspaceId: string): Promise<SegmentRecord[]>;
  getSegment(workspaceId: string, segmentId: string): Promise<SegmentRecord | undefined>;
  listLists(workspaceId: string): Promise<ListRecord[]>;

  /** The subset of `messageIds` already processed in this workspace. */
  seenMessageIds(workspaceId: string, messageIds: readonly string[]): Promise<Set<string>>;

  /** A contact with its facts; `{ events: false }` leaves `events` empty (views that show none). */
  getContact(
    workspaceId: string,
    contactId: string,
    options?: { events?: boolean },
  ): Promise<StoredContact | undefined>;
  /**
   * Every contact with its facts, ordered by id, streamed in chunks (start-up rebuild, backfill).
   * Each chunk is read when it is asked for, so it holds every commit made before that.
   * `readAhead`: an adapter may read the next chunk while the caller works on this one; only for
   * a caller with no writes in between (the start-up rebuild).
   */
  streamContacts(
    workspaceId: string,
    chunkSize?: number,
    options?: { readAhead?: boolean },
  ): AsyncIterable<StoredContact[]>;
  contactCount(workspaceId: string): Promise<number>;

  /** Current memberships of every segment, streamed (start-up rebuild: an adapter may read ahead). */
  streamMemberships(workspaceId: string): AsyncIterable<MembershipRecord[]>;
  /** Members of one segment ordered by contact id, after the `after` cursor (a contact id). */
  members(
    workspaceId: string,
    segmentId: string,
    limit: number,
    after?: string,
  ): Promise<Page<MembershipRecord>>;
  memberCount(workspaceId: string, segmentId: string): Promise<number>;
  /** Segments a contact is in now. */
  contactMemberships(workspaceId: string, contactId: string): Promise<MembershipRecord[]>;

  /** The change log, ascending by seq, strictly after `afterSeq`; optionally for one segment. */
  changes(workspaceId: string, afterSeq: number, limit: number, segmentId?: string): Promise<ChangeRecord[]>;
  lastSeq(workspaceId: string): Promise<number>;
  /** How many batches were committed in the workspace (0 before the first). */
  commitCount(workspaceId: string): Promise<number>;
  /** Membership as of `at`, from the change log: the last change at or before `at`. */
  membershipAt(
    workspaceId: string,
    segmentId: string,
    contactId: string,
    at: number,
  ): Promise<{ member: boolean; since?: number }>;

  createWebhook(w: WebhookRecord): Promise<void>;
  /** A workspace's webhooks, oldest first. */
  listWebhooks(workspaceId: string): Promise<WebhookRecord[]>;
  getWebhook(workspaceId: string, webhookId: string): Promise<WebhookRecord | undefined>;
  /** False when the workspace has no such webhook. */
  deleteWebhook(workspaceId: string, webhookId: string): Promise<boolean>;
  /**
   * Records where a webhook's deliveries stand; the cursor never moves back (a stale writer
   * cannot undo progress). False when the webhook is gone.
   */
  saveWebhookDelivery(workspaceId: string, webhookId: string, state: WebhookDeliveryState): Promise<boolean>;

  /**
   * Takes the claim's key for its request, atomically: stores it in flight (response null) and
   * returns null, unless a live record holds the key; then nothing is written and that record is
   * returned. A record expired by `now`, or still in flight though created before `staleBefore`
   * (its process died), does not hold the key. Also drops the workspace's expired records.
   */
  claimIdempotency(
    claim: Omit<IdempotencyRecord, "response">,
    now: number,
    staleBefore: number,
  ): Promise<IdempotencyRecord | null>;
  /** Stores the response of a claimed key; null releases the claim, so that a retry runs again. */
  saveIdempotency(workspaceId: string, key: string, response: StoredResponse | null): Promise<void>;
}
