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
import { commitBatch, type SeqRange } from "./commit-batch.ts";
import { connect, type PostgresStoreOptions, type Sql } from "./connect.ts";
import * as idempotency from "./idempotency.ts";
import { migrate } from "./migrate.ts";
import * as changes from "./read-changes.ts";
import * as contacts from "./read-contacts.ts";
import * as definitions from "./read-definitions.ts";
import * as memberships from "./read-memberships.ts";
import * as webhooks from "./webhooks.ts";

/** The Store on PostgreSQL (postgres.js): every table in one schema, set as each connection's search_path. */
// Methods are async even when they only delegate, so a bad argument rejects rather than throws.
export class PostgresStore implements Store {
  readonly dialect = "postgres" as const;
  readonly schema: string;
  private readonly sql: Sql;

  constructor(options: PostgresStoreOptions) {
    const { sql, schema } = connect(options);
    this.sql = sql;
    this.schema = schema;
  }

  async migrate(): Promise<void> {
    return migrate(this.sql, this.schema);
  }

  async close(): Promise<void> {
    await this.sql.end({ timeout: 5 });
  }

  async commit(batch: WriteBatch): Promise<SeqRange | null> {
    return commitBatch(this.sql, batch);
  }

  async createWorkspace(w: WorkspaceRecord): Promise<void> {
    return definitions.createWorkspace(this.sql, w);
  }

  async workspaceByKeyHash(apiKeyHash: string): Promise<WorkspaceRecord | undefined> {
    return definitions.workspaceByKeyHash(this.sql, apiKeyHash);
  }

  async listWorkspaces(): Promise<WorkspaceRecord[]> {
    return definitions.listWorkspaces(this.sql);
  }

  async listSegments(workspaceId: string): Promise<SegmentRecord[]> {
    return definitions.listSegments(this.sql, workspaceId);
  }

  async getSegment(workspaceId: string, segmentId: string): Promise<SegmentRecord | undefined> {
    const [segment] = await definitions.listSegments(this.sql, workspaceId, segmentId);
    return segment;
  }

  async listLists(workspaceId: string): Promise<ListRecord[]> {
    return definitions.listLists(this.sql, workspaceId);
  }

  async seenMessageIds(workspaceId: string, messageIds: readonly string[]): Promise<Set<string>> {
    return definitions.seenMessageIds(this.sql, workspaceId, messageIds);
  }

  async getContact(
    workspaceId: string,
    contactId: string,
    options: { events?: boolean } = {},
  ): Promise<StoredContact | undefined> {
    return contacts.getContact(this.sql, workspaceId, contactId, options.events ?? true);
  }

  async *streamContacts(workspaceId: string, chunkSize = 1000): AsyncIterable<StoredContact[]> {
    yield* contacts.streamContacts(this.sql, workspaceId, positiveInteger(chunkSize, "chunkSize"));
  }

  async contactCount(workspaceId: string): Promise<number> {
    return definitions.contactCount(this.sql, workspaceId);
  }

  streamMemberships(workspaceId: string): AsyncIterable<MembershipRecord[]> {
    return memberships.streamMemberships(this.sql, workspaceId);
  }

  async members(
    workspaceId: string,
    segmentId: string,
    limit: number,
    after?: string,
  ): Promise<Page<MembershipRecord>> {
    return memberships.members(this.sql, workspaceId, segmentId, positiveInteger(limit, "limit"), after);
  }

  async memberCount(workspaceId: string, segmentId: string): Promise<number> {
    return memberships.memberCount(this.sql, workspaceId, segmentId);
  }

  async contactMemberships(workspaceId: string, contactId: string): Promise<MembershipRecord[]> {
    return memberships.contactMemberships(this.sql, workspaceId, contactId);
  }

  async changes(
    workspaceId: string,
    afterSeq: number,
    limit: number,
    segmentId?: string,
  ): Promise<ChangeRecord[]> {
    return changes.changes(this.sql, workspaceId, afterSeq, positiveInteger(limit, "limit"), segmentId);
  }

  async commitCount(workspaceId: string): Promise<number> {
    return changes.commitCount(this.sql, workspaceId);
  }

  async lastSeq(workspaceId: string): Promise<number> {
    return changes.lastSeq(this.sql, workspaceId);
  }

  async membershipAt(
    workspaceId: string,
    segmentId: string,
    contactId: string,
    at: number,
  ): Promise<{ member: boolean; since?: number }> {
    return changes.membershipAt(this.sql, workspaceId, segmentId, contactId, at);
  }

  async createWebhook(w: WebhookRecord): Promise<void> {
    return webhooks.createWebhook(this.sql, w);
  }

  async listWebhooks(workspaceId: string): Promise<WebhookRecord[]> {
    return webhooks.listWebhooks(this.sql, workspaceId);
  }

  async getWebhook(workspaceId: string, webhookId: string): Promise<WebhookRecord | undefined> {
    const [webhook] = await webhooks.listWebhooks(this.sql, workspaceId, webhookId);
    return webhook;
  }

  async deleteWebhook(workspaceId: string, webhookId: string): Promise<boolean> {
    return webhooks.deleteWebhook(this.sql, workspaceId, webhookId);
  }

  async saveWebhookDelivery(
    workspaceId: string,
    webhookId: string,
    state: WebhookDeliveryState,
  ): Promise<boolean> {
    return webhooks.saveDelivery(this.sql, workspaceId, webhookId, state);
  }

  async claimIdempotency(
    claim: Omit<IdempotencyRecord, "response">,
    now: number,
    staleBefore: number,
  ): Promise<IdempotencyRecord | null> {
    return idempotency.claimIdempotency(this.sql, claim, now, staleBefore);
  }

  async saveIdempotency(workspaceId: string, key: string, response: StoredResponse | null): Promise<void> {
    return idempotency.saveIdempotency(this.sql, workspaceId, key, response);
  }
}
