import { randomUUID } from "node:crypto";
import { type Group, ruleReferences, validateRule } from "@growthos/segments-core";
import type { WorkspacePipeline } from "../pipeline/workspace-pipeline.ts";
import type { IngestMessage } from "../runtime/ingest-message.ts";
import type { ListRecord, SegmentRecord, SegmentStatus } from "../store/records.ts";
import type { Store } from "../store/store.ts";
import type { WriteBatch } from "../store/write-batch.ts";
import { ConflictError, InvalidRuleError, NotFoundError } from "./errors.ts";
import type { SegmentInput } from "./segment-input.ts";
import { WorkspaceLists } from "./workspace-lists.ts";

/**
 * One workspace of the running service: ingestion and the segment lifecycle, each step through
 * the workspace's single-writer pipeline so that memory and the store move together.
 */
export class Workspace {
  private segments: SegmentRecord[];
  readonly lists: WorkspaceLists;

  constructor(
    readonly id: string,
    private readonly store: Store,
    readonly pipeline: WorkspacePipeline,
    segments: SegmentRecord[],
    lists: string[],
  ) {
    this.segments = segments;
    this.lists = new WorkspaceLists(id, store, pipeline, lists, (listId) =>
      this.segments.filter((s) => ruleReferences(s.rule).lists.has(listId)).map((s) => s.id),
    );
  }

  get runtime() {
    return this.pipeline.runtime;
  }

  ingest(messages: IngestMessage[]) {
    return this.pipeline.ingest(messages);
  }

  /**
   * Removes a contact with its facts and memberships (exits recorded), inside the pipeline so the
   * existence check and the delete see the same state. False when there was no such contact.
   */
  async deleteContact(contactId: string): Promise<boolean> {
    let found = false;
    await this.pipeline.exclusive((batch, now) => {
      found = this.runtime.contacts.has(contactId);
      if (found) this.runtime.ingest([{ type: "delete", userId: contactId }], now, batch);
    });
    return found;
  }

  listSegments(): SegmentRecord[] {
    return [...this.segments];
  }

  getSegment(segmentId: string): SegmentRecord {
    const s = this.segments.find((x) => x.id === segmentId);
    if (s === undefined) throw new NotFoundError("segment", segmentId);
    return s;
  }

  /** Saves a new segment and computes its first membership before resolving. */
  async createSegment(input: SegmentInput): Promise<SegmentRecord> {
    const id = input.id ?? `seg_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
    if (this.segments.some((s) => s.id === id)) throw new ConflictError(`segment ${id} already exists`);
    const rule = this.validate(input.rule, id);
    let saved: SegmentRecord | undefined;
    await this.change(async (batch, now) => {
      // Again inside the pipeline: a referenced segment or list may have gone meanwhile.
      this.validate(input.rule, id);
      saved = {
        workspaceId: this.id,
        id,
        name: input.name,
        description: input.description ?? "",
        rule,
        version: 1,
        status: "live",
        createdAt: now,
        updatedAt: now,
      };
      await this.install([...this.segments, saved], batch, now, [id]);
    });
    return saved as SegmentRecord;
  }

  /** Replaces a segment's definition; entries and exits are recorded with the new version. */
  async updateSegment(segmentId: string, input: SegmentInput): Promise<SegmentRecord> {
    const current = this.getSegment(segmentId);
    const rule = this.validate(input.rule, segmentId);
    let saved: SegmentRecord | undefined;
    await this.change(async (batch, now) => {
      // Again inside the pipeline: a referenced segment or list may have gone meanwhile.
      this.validate(input.rule, segmentId);
      saved = {
        ...current,
        name: input.name,
        description: input.description ?? current.description,
        rule,
        version: current.version + 1,
        updatedAt: now,
      };
      const next = this.segments.map((s) => (s.id === segmentId ? (saved as SegmentRecord) : s));
      await this.install(next, batch, now, [segmentId, ...this.runtime.dependentsOf(segmentId)]);
    });
    return saved as SegmentRecord;
  }

  /** Deletes a segment, recording every member's exit; refused while another segment reads it. */
  async deleteSegment(segmentId: string): Promise<void> {
    const current = this.getSegment(segmentId);
    const readers = this.runtime.dependentsOf(segmentId);
    if (readers.length > 0) throw new ConflictError(`segment ${segmentId} is used by ${readers.join(", ")}`);
    await this.change(async (batch, now) => {
      this.runtime.exitAll(segmentId, current.version, now, batch);
      batch.deletedSegments.push(segmentId);
      await this.install(
        this.segments.filter((s) => s.id !== segmentId),
        batch,
        now,
        [],
      );
    });
  }

  /** Paused segments keep their members as they are until resumed (then they catch up at once). */
  async setStatus(
    segmentId: string,
    status: Extract<SegmentStatus, "live" | "paused">,
  ): Promise<SegmentRecord> {
    const current = this.getSegment(segmentId);
    if (current.status === status) return current;
    let saved: SegmentRecord | undefined;
    await this.change(async (batch, now) => {
      saved = { ...current, status, updatedAt: now };
      const next = this.segments.map((s) => (s.id === segmentId ? (saved as SegmentRecord) : s));
      await this.install(next, batch, now, status === "live" ? [segmentId] : []);
    });
    return saved as SegmentRecord;
  }

  /** Saves a static list (its id is known to rule validation as soon as this is called). */
  createList(listId: string, name = listId): Promise<ListRecord> {
    return this.lists.create(listId, name);
  }

  /**
   * Validates a rule against this workspace without saving it (previews). With `selfId`, as the
   * new rule of that segment: references back to it are cycles.
   */
  checkRule(input: unknown, selfId?: string): Group {
    return this.validate(input, selfId);
  }

  private validate(input: unknown, selfId: string | undefined): Group {
    const result = validateRule(input, {
      selfId,
      segmentExists: (id) => this.segments.some((s) => s.id === id),
      segmentRule: (id) => this.segments.find((s) => s.id === id)?.rule,
      listExists: (id) => this.lists.has(id),
    });
    if (!result.ok) throw new InvalidRuleError(result.issues);
    return result.rule;
  }

  /** Installs `next` as the segment set, reloading states when it reads new facts. */
  private async install(next: SegmentRecord[], batch: WriteBatch, now: number, recompute: string[]) {
    const changed = next.filter((s) => !this.segments.includes(s));
    if (this.runtime.setSegments(next)) await this.reloadContacts();
    this.segments = next;
    batch.segments.push(...changed);
    if (recompute.length > 0) this.runtime.reevaluateAll(now, batch, recompute);
  }

  /** Runs a lifecycle step in the pipeline; if it fails, memory is re-read from the store. */
  private async change(step: (batch: WriteBatch, now: number) => Promise<void>): Promise<void> {
    const before = this.segments;
    try {
      await this.pipeline.exclusive(step);
    } catch (e) {
      this.segments = before;
      await this.pipeline.exclusive(async () => {
        this.runtime.setSegments(await this.store.listSegments(this.id));
        this.segments = await this.store.listSegments(this.id);
        await this.reloadContacts();
      });
      throw e;
    }
  }

  private async reloadContacts(): Promise<void> {
    for await (const chunk of this.store.streamContacts(this.id))
      for (const c of chunk) this.runtime.loadContact(c);
  }
}
